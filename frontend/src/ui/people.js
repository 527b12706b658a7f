// Everyone the page has heard of (message authors, people present, members lists, the user directory): their
// display name and username by userid, for reactions ("Ann, Bob reacted"), profile cards and @ completion.
// Pure (no DOM).

export class People {
  constructor() {
    this.map = new Map(); // userid -> {userid, display_name, username}
    this.version = 0;     // changes when a name is learnt or changes (rows naming people are drawn again)
  }

  learn(user) {
    if (!user || typeof user.userid !== 'string' || !user.userid) return;
    const known = this.map.get(user.userid) || { userid: user.userid, display_name: '', username: '' };
    if (user.display_name && user.display_name !== known.display_name) this.version += 1;
    if (user.display_name) known.display_name = user.display_name;
    if (user.username) known.username = user.username;
    this.map.set(user.userid, known);
  }

  learnAll(users) {
    for (const user of users || []) this.learn(user);
  }

  get(userid) {
    return this.map.get(userid) || null;
  }

  nameOf(userid, fallback = '') {
    const user = this.map.get(userid);
    return (user && (user.display_name || user.username)) || fallback || userid;
  }

  /** People with a known username (the only ones @ completion can insert). */
  withUsernames() {
    return [...this.map.values()].filter((u) => u.username);
  }
}
