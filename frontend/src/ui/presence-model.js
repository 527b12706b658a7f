// Who is in which room, with the platform each user connects from. Pure (no DOM).

export class PresenceModel {
  constructor() {
    this.rooms = new Map(); // room -> Map(userid -> user)
  }

  /** Our own join: the server lists everyone present. */
  replace(room, users) {
    const map = new Map();
    for (const user of users || []) {
      if (user && user.userid) map.set(user.userid, { ...user });
    }
    this.rooms.set(room, map);
  }

  joined(room, user) {
    if (!user || !user.userid) return;
    if (!this.rooms.has(room)) this.rooms.set(room, new Map());
    this.rooms.get(room).set(user.userid, { ...user });
  }

  left(room, user) {
    const users = this.rooms.get(room);
    if (users && user) users.delete(user.userid);
  }

  forget(room) {
    this.rooms.delete(room);
  }

  /** Users of a room, me first, then by display name. */
  list(room, myUserid) {
    const users = Array.from((this.rooms.get(room) || new Map()).values());
    return users.sort((a, b) => {
      if (a.userid === myUserid) return -1;
      if (b.userid === myUserid) return 1;
      return String(a.display_name || a.userid).localeCompare(String(b.display_name || b.userid));
    });
  }
}

/** The platform as the client reported it ("micro-web"), or "?" when unknown. */
export function platformLabel(platform) {
  const value = String(platform || '').trim();
  return value || '?';
}
