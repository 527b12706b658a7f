// Short-lived notices at the bottom of the conversation (errors from the server,
// refused uploads). Not the reconnect toast: that one is reconnect-ui.js.

import { el } from './dom.js';

const VISIBLE_MS = 6000;
const MAX_NOTICES = 3;

export class Notices {
  constructor(container) {
    this.container = container;
  }

  /** level: 'info' | 'error'. */
  show(text, level = 'info') {
    const notice = el('div', {
      className: `notice notice-${level}`,
      testid: 'notice',
      attrs: { role: level === 'error' ? 'alert' : 'status' },
    },
    el('span', { className: 'notice-text', text }),
    el('button', {
      className: 'notice-close',
      attrs: { type: 'button', 'aria-label': '×' },
      text: '×',
      on: { click: () => notice.remove() },
    }));
    this.container.appendChild(notice);
    while (this.container.children.length > MAX_NOTICES) this.container.firstElementChild.remove();
    setTimeout(() => notice.remove(), VISIBLE_MS);
  }
}
