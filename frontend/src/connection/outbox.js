// Messages written but not yet acknowledged, kept in localStorage under one key that every tab of the
// browser shares (re-read on every use: another tab may have changed it). Each entry carries its
// author's userid, so an account only ever sends its own entries. Without storage: in memory.

export const OUTBOX_KEY = 'pulse.outbox';

export class Outbox {
  #storage; #memory = [];

  constructor({storage = null} = {}) {
    this.#storage = storage;
  }

  /** Every entry, oldest first, whoever wrote it. */
  all() {
    if (!this.#storage) return this.#memory;
    try {
      const list = JSON.parse(this.#storage.getItem(OUTBOX_KEY) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  /** Entries of this user (entries without a userid, and every entry while the user is unknown, too). */
  mine(userid) {
    return this.all().filter(e => !e.userid || userid === null || e.userid === userid);
  }

  add(entry) {
    this.#write([...this.all(), entry]);
  }

  /** Removes the entry with that client_msg_id; returns it, or null. */
  remove(clientMsgId) {
    const list = this.all();
    const entry = list.find(e => e.client_msg_id === clientMsgId) ?? null;
    if (entry) this.#write(list.filter(e => e !== entry));
    return entry;
  }

  #write(list) {
    if (!this.#storage) this.#memory = list;
    else if (list.length) this.#storage.setItem(OUTBOX_KEY, JSON.stringify(list));
    else this.#storage.removeItem(OUTBOX_KEY);
  }
}
