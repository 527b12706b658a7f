// What the user typed in each room and did not send, per user, in localStorage: a draft follows its room,
// not the user, and survives a reload. Sending clears it.

export class Drafts {
  constructor({ storage, userid }) {
    this.storage = storage;
    this.key = `pulse-chat.drafts.${userid}`;
    this.memory = {}; // without storage: drafts for as long as the page lives
  }

  get(room) {
    return this.#load()[room] || '';
  }

  set(room, text) {
    const all = this.#load();
    if (text) all[room] = text;
    else delete all[room];
    this.#save(all);
  }

  clear(room) {
    this.set(room, '');
  }

  #load() {
    if (!this.storage) return { ...this.memory };
    try {
      const parsed = JSON.parse(this.storage.getItem(this.key) || '{}');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }

  #save(all) {
    if (!this.storage) {
      this.memory = all;
      return;
    }
    try {
      if (Object.keys(all).length) this.storage.setItem(this.key, JSON.stringify(all));
      else this.storage.removeItem(this.key);
    } catch {
      // storage full or disabled: the draft lives as long as the page
    }
  }
}
