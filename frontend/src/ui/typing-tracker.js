// Who is typing in which room; entries expire. Pure (no DOM), clock injectable.

export const TYPING_VISIBLE_MS = 5000;

export class TypingTracker {
  constructor({ now = () => Date.now(), visibleMs = TYPING_VISIBLE_MS } = {}) {
    this.now = now;
    this.visibleMs = visibleMs;
    this.rooms = new Map(); // room -> Map(userid -> {name, until})
  }

  /** Someone is typing. */
  typing(room, user) {
    if (!user || !user.userid) return;
    if (!this.rooms.has(room)) this.rooms.set(room, new Map());
    this.rooms.get(room).set(user.userid, {
      name: user.display_name || user.userid,
      until: this.now() + this.visibleMs,
    });
  }

  /** They sent a message or left: not typing any more. */
  stopped(room, userid) {
    const users = this.rooms.get(room);
    if (users) users.delete(userid);
  }

  /** Display names of the people typing now, oldest first. */
  names(room) {
    const users = this.rooms.get(room);
    if (!users) return [];
    const now = this.now();
    const names = [];
    for (const [userid, entry] of users) {
      if (entry.until <= now) users.delete(userid);
      else names.push(entry.name);
    }
    return names;
  }
}

/** Chooses the sentence: none, one, two, or several people typing. */
export function typingSentence(names, t) {
  if (names.length === 0) return '';
  if (names.length === 1) return t('typing.one', names[0]);
  if (names.length === 2) return t('typing.two', names[0], names[1]);
  return t('typing.many');
}
