// The rooms this browser has joined, remembered per user in localStorage so a
// reload joins them again. The default room is always in. Since version 2 the
// server keeps memberships (GET /api/rooms); this list follows it and is only
// used on its own when that list cannot be fetched.

export class JoinedRooms {
  constructor({ storage, userid, defaultRoom }) {
    this.storage = storage;
    this.key = `pulse-chat.joined-rooms.${userid}`;
    this.defaultRoom = defaultRoom;
    this.rooms = new Set([defaultRoom, ...this.#load()]);
  }

  has(room) {
    return this.rooms.has(room);
  }

  list() {
    return Array.from(this.rooms);
  }

  add(room) {
    if (this.rooms.has(room)) return false;
    this.rooms.add(room);
    this.#save();
    return true;
  }

  /** The rooms are exactly these (and the default room). */
  replace(rooms) {
    this.rooms = new Set([this.defaultRoom, ...rooms]);
    this.#save();
  }

  remove(room) {
    if (room === this.defaultRoom) return false;
    const removed = this.rooms.delete(room);
    if (removed) this.#save();
    return removed;
  }

  #load() {
    try {
      const raw = this.storage && this.storage.getItem(this.key);
      const parsed = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter((r) => typeof r === 'string') : [];
    } catch {
      return [];
    }
  }

  #save() {
    try {
      if (this.storage) this.storage.setItem(this.key, JSON.stringify(this.list()));
    } catch {
      // storage full or disabled: joining still works for this page
    }
  }
}
