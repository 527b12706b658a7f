// Which message ids a room has delivered: the one place that drops a message delivered twice (a live
// frame and its replay after a resume may both arrive), and the last id to resume from.

/** Ids remembered per room; an older id than the window counts as delivered. */
export const SEEN_WINDOW = 1000;

export class SeenIds {
  #window;
  #rooms = new Map(); // room -> {max, floor, ids}

  constructor({window = SEEN_WINDOW} = {}) {
    this.#window = window;
  }

  /** True the first time an id is seen in a room (ids that are not safe integers always pass). */
  add(room, id) {
    if (!Number.isSafeInteger(id)) return true;
    let s = this.#rooms.get(room);
    if (!s) this.#rooms.set(room, s = {max: 0, floor: 0, ids: new Set()});
    if (id <= s.floor || s.ids.has(id)) return false;
    s.ids.add(id);
    if (id > s.max) s.max = id;
    if (s.ids.size > this.#window) {
      const oldest = s.ids.values().next().value; // the first inserted, not the smallest
      s.ids.delete(oldest);
      s.floor = Math.max(s.floor, oldest);
    }
    return true;
  }

  /** Highest id seen in the room, 0 if none. */
  last(room) {
    return this.#rooms.get(room)?.max ?? 0;
  }
}
