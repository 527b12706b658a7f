// Unread counts per room. Pure (no DOM).

export class UnreadCounter {
  constructor() {
    this.counts = new Map();
  }

  /** Counts a message unless it is ours or the user is looking at its room. */
  record(room, { mine = false, viewing = false } = {}) {
    if (mine || viewing) return this.get(room);
    const next = this.get(room) + 1;
    this.counts.set(room, next);
    return next;
  }

  get(room) {
    return this.counts.get(room) || 0;
  }

  clear(room) {
    this.counts.delete(room);
  }

  /** Sum over rooms, optionally leaving one out. */
  total(exceptRoom) {
    let sum = 0;
    for (const [room, count] of this.counts) {
      if (room !== exceptRoom) sum += count;
    }
    return sum;
  }
}

/** "99+" style badge text. */
export function badgeText(count) {
  if (!count || count < 1) return '';
  return count > 99 ? '99+' : String(count);
}
