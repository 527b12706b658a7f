// The messages of one room as the UI shows them. Pure (no DOM).
//
// Confirmed messages are ordered by server id; messages still in the outbox
// ("pending") follow in the order they were written. A message keeps its key
// for its whole life, so the view can update the same row when a pending
// message is acknowledged or when the server's copy replaces it.
//
// Frames delivered twice never get here: the connection drops them once (SeenIds).
// The index by id below places messages and merges what belongs to one row: a
// history page overlapping what is shown, an attachment's inline bytes arriving
// after its text, our own message after its ack.

function compareEntries(a, b) {
  if (a.id !== null && b.id !== null) return a.id - b.id;
  if (a.id !== null) return -1;
  if (b.id !== null) return 1;
  return (a.created ?? 0) - (b.created ?? 0);
}

export class RoomMessages {
  constructor(room, myUserid) {
    this.room = room;
    this.myUserid = myUserid;
    this.entries = [];
    this.byId = new Map();
    this.byClientId = new Map();
    /** null until the first history page arrived, then whether older pages exist. */
    this.hasMore = null;
    this.historyLoaded = false;
  }

  get size() {
    return this.entries.length;
  }

  list() {
    return this.entries;
  }

  /** Smallest confirmed id, or null. */
  get minId() {
    const first = this.entries.find((e) => e.id !== null);
    return first ? first.id : null;
  }

  /** Largest confirmed id, or null. */
  get maxId() {
    for (let i = this.entries.length - 1; i >= 0; i -= 1) {
      if (this.entries[i].id !== null) return this.entries[i].id;
    }
    return null;
  }

  isMine(message) {
    return Boolean(message && message.from && message.from.userid === this.myUserid);
  }

  /**
   * Adds a server message (live, replayed, or from history).
   * Returns {entry, isNew}; isNew is false when it updated a row already shown.
   */
  addMessage(message) {
    const id = Number(message.id);
    const existing = this.byId.get(id);
    if (existing) {
      this.#fill(existing, message);
      return { entry: existing, isNew: false };
    }
    const mine = this.isMine(message);
    const cmid = message.client_msg_id;
    if (mine && cmid && this.byClientId.has(cmid)) {
      const pending = this.byClientId.get(cmid);
      if (pending.id === null || pending.id === id) {
        this.#confirm(pending, id, message.ts);
        this.#fill(pending, message);
        return { entry: pending, isNew: false };
      }
    }
    const entry = {
      key: `m:${id}`,
      id,
      room: this.room,
      from: message.from || { userid: '', display_name: '' },
      text: message.text ?? '',
      ts: message.ts,
      created: message.ts,
      client_msg_id: cmid ?? null,
      attachment: message.attachment || null,
      status: 'sent',
      error: null,
      mine,
      preview: null,
    };
    this.byId.set(id, entry);
    if (mine && cmid) this.byClientId.set(cmid, entry);
    this.#insert(entry);
    return { entry, isNew: true };
  }

  /** Shows a message that is still in the outbox. Returns the entry. */
  addPending({ client_msg_id, text, created, from, attachment = null, preview = null }) {
    const existing = this.byClientId.get(client_msg_id);
    if (existing) return existing;
    const entry = {
      key: `p:${client_msg_id}`,
      id: null,
      room: this.room,
      from: from || { userid: this.myUserid, display_name: '' },
      text: text ?? '',
      ts: created ?? Date.now(),
      created: created ?? Date.now(),
      client_msg_id,
      attachment,
      status: 'pending',
      error: null,
      mine: true,
      preview,
    };
    this.byClientId.set(client_msg_id, entry);
    this.#insert(entry);
    return entry;
  }

  /** The server stored a message we sent. Returns the entry or null. */
  ack({ client_msg_id, id, ts }) {
    const entry = this.byClientId.get(client_msg_id);
    if (!entry) return null;
    const numericId = Number(id);
    const other = this.byId.get(numericId);
    if (other && other !== entry) {
      // The server's copy is already shown: drop the pending row.
      this.#remove(entry);
      this.byClientId.set(client_msg_id, other);
      return other;
    }
    this.#confirm(entry, numericId, ts);
    return entry;
  }

  /** A send was refused (for example rate_limited). Returns the entry or null. */
  fail(client_msg_id, reason) {
    const entry = this.byClientId.get(client_msg_id);
    if (!entry || entry.id !== null) return null;
    entry.status = 'failed';
    entry.error = reason || null;
    return entry;
  }

  /** Removes a pending entry (for example an upload that could not start). */
  discard(client_msg_id) {
    const entry = this.byClientId.get(client_msg_id);
    if (!entry || entry.id !== null) return false;
    this.#remove(entry);
    this.byClientId.delete(client_msg_id);
    return true;
  }

  /**
   * Adds a page of history. `kind` is 'latest' (no cursor), 'older' (before=)
   * or 'newer' (after=). Returns the entries that were not shown before.
   */
  addHistory(messages, hasMore, kind) {
    const added = [];
    for (const message of messages || []) {
      const { entry, isNew } = this.addMessage(message);
      if (isNew) added.push(entry);
    }
    if (kind === 'latest' || kind === 'older') {
      if (kind === 'older' || this.hasMore === null) this.hasMore = Boolean(hasMore);
      this.historyLoaded = true;
    }
    return added;
  }

  #confirm(entry, id, ts) {
    entry.id = id;
    if (ts !== undefined && ts !== null) entry.ts = ts;
    entry.status = 'sent';
    entry.error = null;
    this.byId.set(id, entry);
    this.#remove(entry);
    this.#insert(entry);
  }

  #fill(entry, message) {
    if (message.from) entry.from = message.from;
    if (message.text !== undefined) entry.text = message.text;
    if (message.ts !== undefined) entry.ts = message.ts;
    if (message.attachment) entry.attachment = message.attachment;
  }

  #insert(entry) {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(this.entries[mid], entry) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, entry);
  }

  #remove(entry) {
    const index = this.entries.indexOf(entry);
    if (index >= 0) this.entries.splice(index, 1);
  }
}
