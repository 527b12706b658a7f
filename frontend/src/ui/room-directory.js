// The rooms the user is a member of (docs/protocol.md section 9), with the caller's fields of each: kind, topic,
// last_read, unread, mentions. Pure (no DOM). GET /api/rooms gives a snapshot; between snapshots the counts
// are kept live: a message by someone else in a room not being read counts once (by id), read markers (ours,
// or resp_type 13 from our other sessions) move last_read forward, and a room whose messages are loaded is
// counted exactly from them (recount).
//
// Direct rooms have no name: they are shown by the other member, whose identity is learnt from the members
// list once and remembered (DirectPartners).

const COUNTED_MAX = 500; // ids remembered per room to count a message once

export const KINDS = Object.freeze({ PUBLIC: 'public', PRIVATE: 'private', DIRECT: 'direct' });

export class RoomDirectory {
  constructor({ myUserid }) {
    this.myUserid = myUserid;
    this.rooms = new Map(); // id -> room object (a copy)
    this.counted = new Map(); // id -> Set of message ids counted since the snapshot
  }

  /**
   * The server's list replaces what is known. Returns {added, removed}: ids that came and went.
   */
  setAll(list) {
    const next = new Map();
    for (const room of list || []) {
      if (room && typeof room.id === 'string') next.set(room.id, normalise(room));
    }
    const added = [...next.keys()].filter((id) => !this.rooms.has(id));
    const removed = [...this.rooms.keys()].filter((id) => !next.has(id));
    this.rooms = next;
    this.counted.clear();
    return { added, removed };
  }

  /** One room came (created, joined, added, a direct message) or changed (updated): merged in. */
  upsert(room) {
    if (!room || typeof room.id !== 'string') return null;
    const existing = this.rooms.get(room.id);
    const merged = normalise({ ...(existing || {}), ...room });
    if (existing && !('unread' in room)) {
      merged.unread = existing.unread;
      merged.mentions = existing.mentions;
      merged.last_read = existing.last_read;
    }
    this.rooms.set(room.id, merged);
    return merged;
  }

  remove(id) {
    this.counted.delete(id);
    return this.rooms.delete(id);
  }

  has(id) {
    return this.rooms.has(id);
  }

  get(id) {
    return this.rooms.get(id) || null;
  }

  list() {
    return [...this.rooms.values()];
  }

  kind(id) {
    return this.rooms.get(id)?.kind || KINDS.PUBLIC;
  }

  isDirect(id) {
    return this.kind(id) === KINDS.DIRECT;
  }

  /** {unread, mentions} of a room (zeros when unknown). */
  counts(id) {
    const room = this.rooms.get(id);
    return { unread: room?.unread || 0, mentions: room?.mentions || 0 };
  }

  lastRead(id) {
    return this.rooms.get(id)?.last_read || 0;
  }

  /** Sums over every room but `except` (the tab title). */
  totals(except = null) {
    let unread = 0;
    let mentions = 0;
    for (const room of this.rooms.values()) {
      if (room.id === except) continue;
      unread += room.unread || 0;
      mentions += room.mentions || 0;
    }
    return { unread, mentions };
  }

  /** Whether a message calls for the reader's attention: it mentions them, or it is a direct message. */
  isForMe(roomId, message) {
    if (!message || message.deleted) return false;
    if (message.from && message.from.userid === this.myUserid) return false;
    return this.isDirect(roomId) || (Array.isArray(message.mentions) && message.mentions.includes(this.myUserid));
  }

  /**
   * A live message arrived. It counts (once per id) unless it is ours, deleted, already read, or the reader
   * is looking at its room. Returns true when the counts changed.
   */
  messageArrived(roomId, message, { viewing = false } = {}) {
    const room = this.rooms.get(roomId);
    if (!room || !message || viewing || message.deleted) return false;
    if (message.from && message.from.userid === this.myUserid) return false;
    const id = Number(message.id);
    if (!Number.isSafeInteger(id) || id <= (room.last_read || 0)) return false;
    let seen = this.counted.get(roomId);
    if (!seen) this.counted.set(roomId, seen = new Set());
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > COUNTED_MAX) seen.delete(seen.values().next().value);
    room.unread = (room.unread || 0) + 1;
    if (this.isForMe(roomId, message)) room.mentions = (room.mentions || 0) + 1;
    return true;
  }

  /**
   * The read marker moved (our own read, or resp_type 13). `newestId` is the newest message id known in the
   * room: a marker at or past it means everything is read. Returns true when something changed; 'unknown'
   * when the marker is behind the newest message and the counts cannot be told without the messages
   * (recount them, or ask the server).
   */
  markRead(roomId, lastRead, newestId = 0) {
    const room = this.rooms.get(roomId);
    if (!room || !Number.isSafeInteger(lastRead)) return false;
    if (lastRead <= (room.last_read || 0)) return false;
    room.last_read = lastRead;
    if (lastRead >= newestId) {
      room.unread = 0;
      room.mentions = 0;
      return true;
    }
    return 'unknown';
  }

  /**
   * Exact counts from the room's loaded messages (entries as in message-store.js), when they reach back to
   * last_read: returns true when they did (and the counts are set).
   */
  recount(roomId, entries, { complete }) {
    const room = this.rooms.get(roomId);
    if (!room) return false;
    const lastRead = room.last_read || 0;
    const firstId = entries.find((e) => e.id !== null)?.id ?? null;
    if (!complete && (firstId === null || firstId > lastRead + 1)) return false;
    let unread = 0;
    let mentions = 0;
    for (const e of entries) {
      if (e.id === null || e.id <= lastRead || e.mine || e.deleted) continue;
      unread += 1;
      if (this.isForMe(roomId, { from: e.from, mentions: e.mentions, deleted: e.deleted })) mentions += 1;
    }
    room.unread = unread;
    room.mentions = mentions;
    return true;
  }
}

function normalise(room) {
  return {
    ...room,
    kind: room.kind || KINDS.PUBLIC,
    topic: room.topic || '',
    unread: Number(room.unread) || 0,
    mentions: Number(room.mentions) || 0,
    last_read: Number(room.last_read) || 0,
  };
}

/**
 * The other member of each direct room, remembered in localStorage per user (a direct room never changes its
 * members), so the sidebar names them at once after a reload.
 */
export class DirectPartners {
  constructor({ storage, myUserid }) {
    this.storage = storage;
    this.key = `pulse-chat.direct-partners.${myUserid}`;
    this.myUserid = myUserid;
    this.map = this.#load();
  }

  get(roomId) {
    return this.map[roomId] || null;
  }

  /** From the room's members list: the one who is not me (or me, in a room with myself). */
  learn(roomId, members) {
    const list = Array.isArray(members) ? members : [];
    const other = list.find((m) => m && m.userid !== this.myUserid) || list.find((m) => m && m.userid === this.myUserid);
    if (!other) return null;
    const partner = { userid: other.userid, username: other.username || '', display_name: other.display_name || other.username || other.userid };
    const known = this.map[roomId];
    if (!known || known.display_name !== partner.display_name || known.userid !== partner.userid) {
      this.map[roomId] = partner;
      this.#save();
    }
    return partner;
  }

  /** A direct room whose partner is this user, if any (the "new direct message" picker reuses it). */
  roomWith(userid) {
    return Object.keys(this.map).find((roomId) => this.map[roomId].userid === userid) || null;
  }

  #load() {
    try {
      const parsed = JSON.parse(this.storage?.getItem(this.key) || '{}');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }

  #save() {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.map));
    } catch {
      // storage full or disabled: names are fetched again next time
    }
  }
}
