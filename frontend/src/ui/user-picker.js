// A dialog to pick a person from the user directory (GET /api/users?q=, by username or display name as one
// types): for a new direct message, and to add people to a private room.

import { el, clear } from './dom.js';
import { avatar } from './avatar.js';

const SEARCH_DELAY_MS = 180;

export class UserPicker {
  constructor({ dialog, title, search, list, status, closeButton, rest, t, onSeen = () => {} }) {
    this.dialog = dialog;
    this.title = title;
    this.search = search;
    this.list = list;
    this.status = status;
    this.rest = rest;
    this.t = t;
    this.onSeen = onSeen;
    this.onPick = null;
    this.exclude = new Set();
    this.asked = 0;
    this.timer = null;
    closeButton.addEventListener('click', () => dialog.close());
    search.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.#load(), SEARCH_DELAY_MS);
    });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { // a search field would only clear itself: Esc closes the dialog
        event.preventDefault();
        dialog.close();
      }
      if (event.key === 'ArrowDown' && this.list.firstElementChild) {
        event.preventDefault();
        this.list.querySelector('button').focus();
      }
    });
    list.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const buttons = Array.from(list.querySelectorAll('button'));
      const index = buttons.indexOf(document.activeElement);
      event.preventDefault();
      if (event.key === 'ArrowUp' && index <= 0) this.search.focus();
      else buttons[Math.min(buttons.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1))]?.focus();
    });
    list.addEventListener('click', async (event) => {
      const button = event.target.closest('[data-userid]');
      if (!button || !this.onPick) return;
      const user = { userid: button.dataset.userid, username: button.dataset.username, display_name: button.dataset.name };
      button.disabled = true;
      const done = await this.onPick(user);
      button.disabled = false;
      if (done !== false && this.dialog.open) this.dialog.close();
    });
  }

  /** {title, exclude: userids not offered, onPick(user) -> false to stay open} */
  open({ title, exclude = [], onPick }) {
    this.title.textContent = title;
    this.exclude = new Set(exclude);
    this.onPick = onPick;
    this.search.value = '';
    clear(this.list);
    this.status.textContent = this.t('picker.hint');
    this.status.hidden = false;
    if (!this.dialog.open) this.dialog.showModal();
    this.search.focus();
  }

  async #load() {
    const q = this.search.value.trim().replace(/^@/, '');
    const ask = ++this.asked;
    if (!q) {
      clear(this.list);
      this.status.textContent = this.t('picker.hint');
      this.status.hidden = false;
      return;
    }
    let users;
    try {
      users = await this.rest.users(q, 10);
    } catch (error) {
      if (ask === this.asked) this.status.textContent = this.t('picker.failed', error.detail || error.message || '');
      return;
    }
    if (ask !== this.asked) return;
    this.onSeen(users);
    clear(this.list);
    for (const user of users || []) {
      if (this.exclude.has(user.userid)) continue;
      this.list.appendChild(el('li', {},
        el('button', {
          className: 'picker-result', testid: 'user-picker-result',
          attrs: { type: 'button' },
          dataset: { userid: user.userid, username: user.username || '', name: user.display_name || user.username || '' },
        }, avatar(user, 'sm'),
        el('span', { className: 'picker-name', text: user.display_name || user.username }),
        el('span', { className: 'picker-username', text: `@${user.username}` }))));
    }
    const empty = this.list.children.length === 0;
    this.status.textContent = empty ? this.t('picker.none', q) : '';
    this.status.hidden = !empty;
  }
}
