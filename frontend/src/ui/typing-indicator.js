// "Ann is typing…" under the message list, refreshed while entries expire.

import { typingSentence } from './typing-tracker.js';

const REFRESH_MS = 1000;

export class TypingIndicator {
  constructor({ node, tracker, t }) {
    this.node = node;
    this.tracker = tracker;
    this.t = t;
    this.room = null;
    this.timer = null;
  }

  show(room) {
    this.room = room;
    this.refresh();
  }

  refresh() {
    const names = this.room ? this.tracker.names(this.room) : [];
    const text = typingSentence(names, this.t);
    if (this.node.textContent !== text) this.node.textContent = text;
    this.node.classList.toggle('active', Boolean(text));
    clearTimeout(this.timer);
    if (names.length > 0) this.timer = setTimeout(() => this.refresh(), REFRESH_MS);
  }
}
