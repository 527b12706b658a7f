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
// after its text, our own message after its ack, and (version 2) a message's
// later revisions: an edit, a delete (the row becomes a tombstone), reactions.
// A copy with a lower `rev` than the one shown never wins, whatever order the
// live frames, the replay and the history pages arrive in.

function compareEntries(a, b) {
  if (a.id !== null && b.id !== null) return a.id - b.id;
  if (a.id !== null) return -1;
  if (b.id !== null) return 1;
  return (a.created ?? 0) - (b.created ?? 0);
}

const V2_DEFAULTS = Object.freeze({ rev: 0, editedAt: null, deleted: false, replyTo: null, version: 0 });

export class RoomMessages {
  #maxRev = 0;
  #restRev = 0;

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
   * Returns {entry, isNew}; isNew is false when it updated a row already shown (entry null: left out).
   */
  addMessage(message, { older = false } = {}) {
    const id = Number(message.id);
    const existing = this.byId.get(id);
    if (existing) {
      this.#fill(existing, message);
      return { entry: existing, isNew: false };
    }
    // A changed message older than what is loaded (a replay or catch-up by revision) while older pages
    // remain: inserting it would leave a gap; the page that holds it brings it as it is.
    if (!older && this.hasMore === true && this.minId !== null && id < this.minId) return { entry: null, isNew: false };
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
      text: '',
      ts: message.ts,
      created: message.ts,
      client_msg_id: cmid ?? null,
      attachment: null,
      status: 'sent',
      error: null,
      mine,
      preview: null,
      ...V2_DEFAULTS,
      reactions: [],
      mentions: [],
    };
    this.#fill(entry, message);
    this.byId.set(id, entry);
    if (mine && cmid) this.byClientId.set(cmid, entry);
    this.#insert(entry);
    return { entry, isNew: true };
  }

  /** Shows a message that is still in the outbox. Returns the entry. */
  addPending({ client_msg_id, text, created, from, attachment = null, preview = null, replyTo = null }) {
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
      ...V2_DEFAULTS,
      reactions: [],
      mentions: [],
      replyTo: replyTo || null,
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
      const { entry, isNew } = this.addMessage(message, { older: kind === 'older' || kind === 'latest' });
      if (isNew) added.push(entry);
    }
    if (kind === 'latest' || kind === 'newer') this.#noteRestRev(messages);
    if (kind === 'latest' || kind === 'older') {
      if (kind === 'older' || this.hasMore === null) this.hasMore = Boolean(hasMore);
      this.historyLoaded = true;
    }
    return added;
  }

  /**
   * A page of changes (by since_rev): new messages are added, the ones shown are replaced, changed older
   * ones not loaded are left out. Returns {added, changed}.
   */
  addChanges(messages) {
    const added = [];
    let changed = 0;
    for (const message of messages || []) {
      const before = this.byId.get(Number(message.id));
      const version = before ? before.version : -1;
      const { entry, isNew } = this.addMessage(message);
      if (isNew) added.push(entry);
      else if (entry && entry.version !== version) changed += 1;
    }
    this.#noteRestRev(messages);
    return { added, changed };
  }

  /** The newest revision of the pages loaded over REST (the newest page and changes): catch up from there. */
  get restRev() {
    return this.#restRev;
  }

  #noteRestRev(messages) {
    for (const message of messages || []) {
      const rev = Number(message.rev);
      if (Number.isFinite(rev) && rev > this.#restRev) this.#restRev = rev;
    }
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

  /**
   * A message update (resp_type 10) or a replayed change: the whole message as it now is. Returns the entry, or
   * null when the message is not in the store (an older message not loaded: its page will bring it as it is).
   */
  applyUpdate(message) {
    const entry = this.byId.get(Number(message.id));
    if (!entry) return null;
    this.#fill(entry, message);
    return entry;
  }

  /** The newest revision seen in this room (0 before any). */
  get maxRev() {
    return this.#maxRev;
  }

  /** My newest message that can still be edited (sent, not deleted, no attachment only), or null. */
  lastOwnEditable() {
    for (let i = this.entries.length - 1; i >= 0; i -= 1) {
      const e = this.entries[i];
      if (e.mine && e.id !== null && !e.deleted && e.text) return e;
    }
    return null;
  }

  get(id) {
    return this.byId.get(Number(id)) || null;
  }

  // Copies the server's fields unless this copy is older than the one shown. Every change bumps `version`.
  #fill(entry, message) {
    const rev = Number(message.rev);
    if (Number.isFinite(rev) && rev > 0) {
      if (rev < entry.rev) return false;
      entry.rev = rev;
      if (rev > this.#maxRev) this.#maxRev = rev;
    }
    if (message.from) entry.from = message.from;
    if (message.text !== undefined) entry.text = message.text;
    if (message.ts !== undefined) entry.ts = message.ts;
    if (message.attachment) entry.attachment = message.attachment;
    if ('rev' in message || 'deleted' in message) {
      // a version-2 message says everything about itself: absent fields are not set
      entry.deleted = message.deleted === true;
      entry.editedAt = message.edited_at ?? null;
      entry.reactions = Array.isArray(message.reactions) ? message.reactions : [];
      entry.replyTo = message.reply_to || null;
      entry.mentions = Array.isArray(message.mentions) ? message.mentions : [];
      if (entry.deleted) {
        entry.text = '';
        entry.attachment = null;
        entry.preview = null;
      }
    }
    entry.version += 1;
    return true;
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
