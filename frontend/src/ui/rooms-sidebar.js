// The rooms sidebar: the list of rooms, which one is open, which ones we are in, and the unread badge of
// each. A whole list (GET /api/rooms) is rendered in one pass: sorted once, only the rows whose place
// changed are moved, in one go; a single room is inserted at its place found by binary search. So a
// server with thousands of rooms does not stall the page (issue 7: 5,000 rooms).

import { el } from './dom.js';
import { badgeText } from './unread.js';

const collator = typeof Intl !== 'undefined' ? new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }) : null;
const compareText = (a, b) => (collator ? collator.compare(a, b) : a.localeCompare(b));

export class RoomsSidebar {
  constructor({ list, t, defaultRoom, onSelect }) {
    this.list = list;
    this.t = t;
    this.defaultRoom = defaultRoom;
    this.onSelect = onSelect;
    this.rows = new Map(); // id -> {room, li, button, badge, name}
    this.order = [];       // rows in display order, as in the list
    this.active = null;
    this.sorts = 0;        // full sorts done (a test counts them)
  }

  /** Merges the server's list into the sidebar: new rows, renamed rows, one sort, one DOM pass. */
  setRooms(rooms) {
    let changed = false;
    for (const room of rooms || []) {
      if (!room || !room.id) continue;
      const existing = this.rows.get(room.id);
      if (!existing) {
        this.rows.set(room.id, this.#createRow(room));
        changed = true;
      } else if (this.#rename(existing, room)) {
        changed = true;
      }
    }
    if (!changed) return;
    this.order = Array.from(this.rows.values()).sort((a, b) => this.#compare(a, b));
    this.sorts += 1;
    this.#placeAll();
    if (this.active) this.setActive(this.active);
  }

  /** One room (created here, or opened by its link): inserted at its place. */
  addRoom(room) {
    if (!room || !room.id) return;
    const existing = this.rows.get(room.id);
    if (existing) {
      if (this.#rename(existing, room)) {
        this.order.splice(this.order.indexOf(existing), 1);
        this.#insert(existing);
      }
      return;
    }
    const row = this.#createRow(room);
    this.rows.set(room.id, row);
    this.#insert(row);
    if (room.id === this.active) this.setActive(room.id);
  }

  has(id) {
    return this.rows.has(id);
  }

  ids() {
    return this.order.map((row) => row.room.id);
  }

  nameOf(id) {
    const row = this.rows.get(id);
    return row ? row.room.name || id : id;
  }

  setActive(id) {
    const previous = this.rows.get(this.active);
    if (previous) {
      previous.li.classList.remove('active');
      previous.button.removeAttribute('aria-current');
    }
    this.active = id;
    const row = this.rows.get(id);
    if (row) {
      row.li.classList.add('active');
      row.button.setAttribute('aria-current', 'page');
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
    row.badge.title = this.t('rooms.unread', count);
    row.unreadText.textContent = text ? this.t('rooms.unread', count) : '';
    row.li.classList.toggle('has-unread', Boolean(text));
  }

  /** The next or previous room (Alt+ArrowDown / Alt+ArrowUp). */
  neighbour(id, step) {
    const ids = this.ids();
    if (ids.length === 0) return null;
    const index = ids.indexOf(id);
    return ids[(index + step + ids.length) % ids.length];
  }

  #createRow(room) {
    const name = el('span', { className: 'room-name', text: room.name || room.id });
    // the badge is for the eyes; screen readers get "3 unread" from the hidden text beside it
    const badge = el('span', { className: 'unread-badge', testid: 'unread', text: '0', hidden: true, attrs: { 'aria-hidden': 'true' } });
    const unreadText = el('span', { className: 'visually-hidden' });
    const button = el('button', {
      className: 'room-button',
      attrs: { type: 'button', title: `#${room.id}` },
      on: { click: () => this.onSelect(room.id) },
    }, el('span', { className: 'room-hash', attrs: { 'aria-hidden': 'true' }, text: '#' }), name, badge, unreadText);
    const li = el('li', { className: 'room', testid: 'room', dataset: { room: room.id, joined: 'false' } }, button);
    return { room: { ...room }, li, button, badge, unreadText, name };
  }

  // true when the display name changed (the row may have to move)
  #rename(row, room) {
    if (!room.name || room.name === row.room.name) return false;
    row.room = { ...row.room, ...room };
    row.name.textContent = room.name;
    row.button.title = `#${room.id}`;
    return true;
  }

  // the default room first, then by name (ids break ties, so the order is total)
  #compare(a, b) {
    if (a.room.id === this.defaultRoom) return b.room.id === this.defaultRoom ? 0 : -1;
    if (b.room.id === this.defaultRoom) return 1;
    return compareText(String(a.room.name || a.room.id), String(b.room.name || b.room.id))
      || (a.room.id < b.room.id ? -1 : a.room.id > b.room.id ? 1 : 0);
  }

  #insert(row) {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#compare(this.order[mid], row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.order.splice(lo, 0, row);
    this.list.insertBefore(row.li, this.order[lo + 1] ? this.order[lo + 1].li : null);
  }

  // Puts the list's children in `order`, moving only rows that are out of place.
  #placeAll() {
    let current = this.list.firstChild;
    for (const row of this.order) {
      if (current === row.li) {
        current = current.nextSibling;
      } else {
        this.list.insertBefore(row.li, current);
      }
    }
  }
}
