// "Browse rooms": the public rooms (GET /api/rooms/public), searched by id or name as one types, paged by
// "Show more"; each with its topic and member count, and Join (PUT members/me) or Open when already in.

import { el, clear } from './dom.js';

const PAGE = 30;
const SEARCH_DELAY_MS = 200;

export class RoomBrowser {
  constructor({ dialog, search, list, status, moreButton, closeButton, createButton, openButton, rest, t, isMember, onJoined, onOpen, onCreate }) {
    this.dialog = dialog;
    this.search = search;
    this.list = list;
    this.status = status;
    this.moreButton = moreButton;
    this.rest = rest;
    this.t = t;
    this.isMember = isMember;
    this.onJoined = onJoined;
    this.onOpen = onOpen;
    this.query = '';
    this.after = null;
    this.asked = 0;
    this.timer = null;
    openButton.addEventListener('click', () => this.open());
    closeButton.addEventListener('click', () => dialog.close());
    createButton.addEventListener('click', () => {
      dialog.close();
      onCreate();
    });
    search.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.#load(false), SEARCH_DELAY_MS);
    });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { // a search field would only clear itself: Esc closes the dialog
        event.preventDefault();
        dialog.close();
      }
    });
    moreButton.addEventListener('click', () => this.#load(true));
    list.addEventListener('click', (event) => {
      const button = event.target.closest('[data-action]');
      if (button) this.#act(button);
    });
  }

  open() {
    this.search.value = '';
    if (!this.dialog.open) this.dialog.showModal();
    this.search.focus();
    this.#load(false);
  }

  /** A public room was created somewhere: shown if the browser is open. */
  refresh() {
    if (this.dialog.open) this.#load(false);
  }

  async #load(more) {
    const ask = ++this.asked;
    const q = this.search.value.trim();
    if (!more) this.after = null;
    this.status.textContent = this.t('browser.loading');
    this.status.hidden = false;
    let page;
    try {
      page = await this.rest.publicRooms({ q, after: more ? this.after : undefined, limit: PAGE });
    } catch (error) {
      if (ask !== this.asked) return;
      this.status.textContent = this.t('browser.failed', error.detail || error.message || '');
      return;
    }
    if (ask !== this.asked) return;
    const rooms = page.rooms || [];
    if (!more) clear(this.list);
    for (const room of rooms) this.list.appendChild(this.#item(room));
    this.after = rooms.length ? rooms[rooms.length - 1].id : this.after;
    this.moreButton.hidden = !page.has_more;
    const empty = this.list.children.length === 0;
    this.status.textContent = empty ? (q ? this.t('browser.none', q) : this.t('browser.empty')) : '';
    this.status.hidden = !empty;
  }

  #item(room) {
    const member = this.isMember(room.id) || room.member === true;
    const count = Number(room.member_count) || 0;
    const action = el('button', {
      className: `button button-small ${member ? 'button-secondary' : 'button-primary'}`,
      testid: member ? 'room-browser-open' : 'room-browser-join',
      attrs: { type: 'button', 'aria-label': this.t(member ? 'browser.openRoom' : 'browser.joinRoom', room.name || room.id) },
      dataset: { action: member ? 'open' : 'join', room: room.id },
      text: this.t(member ? 'browser.open' : 'browser.join'),
    });
    return el('li', { className: 'browser-item', testid: 'room-browser-item', dataset: { room: room.id } },
      el('span', { className: 'browser-hash', attrs: { 'aria-hidden': 'true' }, text: '#' }),
      el('span', { className: 'browser-info' },
        el('span', { className: 'browser-name' }, el('span', { text: room.name || room.id }),
          el('span', { className: 'browser-id', text: `#${room.id}` })),
        room.topic ? el('span', { className: 'browser-topic', text: room.topic }) : null,
        el('span', { className: 'browser-meta', text: this.t(count === 1 ? 'browser.member' : 'browser.members', count) })),
      action);
  }

  async #act(button) {
    const id = button.dataset.room;
    if (button.dataset.action === 'open') {
      this.dialog.close();
      this.onOpen(id);
      return;
    }
    button.disabled = true;
    try {
      const room = await this.rest.joinRoom(id);
      this.dialog.close();
      this.onJoined(room || { id, name: id });
    } catch (error) {
      button.disabled = false;
      this.status.textContent = this.t('rooms.joinFailed', error.detail || error.message || '');
      this.status.hidden = false;
    }
  }
}
