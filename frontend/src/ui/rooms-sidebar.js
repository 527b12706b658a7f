// The rooms sidebar: the list of rooms, which one is open, which ones we are in,
// and the unread badge of each.

import { el } from './dom.js';
import { badgeText } from './unread.js';

export class RoomsSidebar {
  constructor({ list, t, defaultRoom, onSelect }) {
    this.list = list;
    this.t = t;
    this.defaultRoom = defaultRoom;
    this.onSelect = onSelect;
    this.rows = new Map(); // id -> {room, li, button, badge}
    this.active = null;
  }

  /** Merges the server's list into the sidebar. */
  setRooms(rooms) {
    for (const room of rooms || []) this.addRoom(room);
  }

  addRoom(room) {
    if (!room || !room.id) return;
    const existing = this.rows.get(room.id);
    if (existing) {
      if (room.name && room.name !== existing.room.name) {
        existing.room = { ...existing.room, ...room };
        existing.name.textContent = room.name;
        existing.button.title = `#${room.id}`;
        this.#sort();
      }
      return;
    }
    const name = el('span', { className: 'room-name', text: room.name || room.id });
    const badge = el('span', { className: 'unread-badge', testid: 'unread', text: '0', hidden: true });
    const button = el('button', {
      className: 'room-button',
      attrs: { type: 'button', title: `#${room.id}` },
      on: { click: () => this.onSelect(room.id) },
    }, el('span', { className: 'room-hash', attrs: { 'aria-hidden': 'true' }, text: '#' }), name, badge);
    const li = el('li', { className: 'room', testid: 'room', dataset: { room: room.id, joined: 'false' } }, button);
    this.rows.set(room.id, { room: { ...room }, li, button, badge, name });
    this.#sort();
    if (room.id === this.active) this.setActive(room.id);
  }

  has(id) {
    return this.rows.has(id);
  }

  ids() {
    return Array.from(this.list.querySelectorAll('[data-room]'), (li) => li.dataset.room);
  }

  nameOf(id) {
    const row = this.rows.get(id);
    return row ? row.room.name || id : id;
  }

  setActive(id) {
    this.active = id;
    for (const [roomId, row] of this.rows) {
      const active = roomId === id;
      row.li.classList.toggle('active', active);
      if (active) row.button.setAttribute('aria-current', 'page');
      else row.button.removeAttribute('aria-current');
    }
  }

  setJoined(id, joined) {
    const row = this.rows.get(id);
    if (row) row.li.dataset.joined = String(joined);
  }

  setUnread(id, count) {
    const row = this.rows.get(id);
    if (!row) return;
    const text = badgeText(count);
    row.badge.textContent = text || '0';
    row.badge.hidden = !text;
    row.badge.setAttribute('aria-label', this.t('rooms.unread', count));
    row.li.classList.toggle('has-unread', Boolean(text));
  }

  /** Focuses the next or previous room button (Alt+ArrowDown / Alt+ArrowUp). */
  neighbour(id, step) {
    const ids = this.ids();
    if (ids.length === 0) return null;
    const index = ids.indexOf(id);
    return ids[(index + step + ids.length) % ids.length];
  }

  #sort() {
    const rows = Array.from(this.rows.values());
    rows.sort((a, b) => {
      if (a.room.id === this.defaultRoom) return -1;
      if (b.room.id === this.defaultRoom) return 1;
      return String(a.room.name || a.room.id).localeCompare(String(b.room.name || b.room.id));
    });
    for (const row of rows) this.list.appendChild(row.li);
  }
}
