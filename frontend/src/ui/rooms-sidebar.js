// The rooms sidebar: the rooms the user is a member of and, in their own section, the direct messages (shown
// by the other member's name, with an avatar and a presence dot); which one is open; the unread and mention
// badges of each. A whole list (GET /api/rooms) is rendered in one pass: sorted once, only the rows whose
// place changed are moved, in one go; a single room is inserted at its place found by binary search. So a
// server with thousands of rooms does not stall the page (issue 7: 5,000 rooms).

import { el } from './dom.js';
import { avatar } from './avatar.js';
import { badgeText } from './unread.js';

const collator = typeof Intl !== 'undefined' ? new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }) : null;
const compareText = (a, b) => (collator ? collator.compare(a, b) : a.localeCompare(b));

export class RoomsSidebar {
  /** dmList: the list of direct rooms (without one they go in `list` with the others). */
  constructor({ list, dmList = null, dmEmpty = null, t, defaultRoom, onSelect }) {
    this.t = t;
    this.defaultRoom = defaultRoom;
    this.onSelect = onSelect;
    this.dmEmpty = dmEmpty;
    this.rows = new Map(); // id -> row
    this.sections = [{ list, order: [] }];
    if (dmList) this.sections.push({ list: dmList, order: [] });
    this.list = list;
    this.active = null;
    this.sorts = 0;        // full sorts done (a test counts them)
  }

  /** The first section's rows in display order (the test of issue 7 reads it). */
  get order() {
    return this.sections[0].order;
  }

  /**
   * Merges the server's list into the sidebar: new rows, renamed rows, one sort, one DOM pass.
   * With replace, rows of rooms not in the list go (the user is no longer a member).
   */
  setRooms(rooms, { replace = false } = {}) {
    let changed = false;
    const ids = new Set();
    for (const room of rooms || []) {
      if (!room || !room.id) continue;
      ids.add(room.id);
      const existing = this.rows.get(room.id);
      if (!existing) {
        this.rows.set(room.id, this.#createRow(room));
        changed = true;
      } else if (this.#update(existing, room)) {
        changed = true;
      }
    }
    if (replace) {
      for (const [id, row] of this.rows) {
        if (!ids.has(id) && id !== this.active) {
          if (row.li.parentNode) row.li.parentNode.removeChild(row.li);
          this.rows.delete(id);
          changed = true;
        }
      }
    }
    if (!changed) return;
    for (const section of this.sections) {
      section.order = Array.from(this.rows.values()).filter((row) => this.#section(row) === section)
        .sort((a, b) => this.#compare(a, b));
    }
    this.sorts += 1;
    for (const section of this.sections) this.#placeAll(section);
    if (this.active) this.setActive(this.active);
    this.#updateEmpty();
  }

  /** One room (created here, joined, added, opened by its link): inserted at its place. */
  addRoom(room) {
    if (!room || !room.id) return;
    const existing = this.rows.get(room.id);
    if (existing) {
      const before = this.#section(existing);
      if (this.#update(existing, room)) {
        before.order.splice(before.order.indexOf(existing), 1);
        this.#insert(existing);
      }
      return;
    }
    const row = this.#createRow(room);
    this.rows.set(room.id, row);
    this.#insert(row);
    if (room.id === this.active) this.setActive(room.id);
    this.#updateEmpty();
  }

  /** The user left the room, was removed, or it was deleted. */
  removeRoom(id) {
    const row = this.rows.get(id);
    if (!row) return false;
    const section = this.#section(row);
    section.order.splice(section.order.indexOf(row), 1);
    if (row.li.parentNode) row.li.parentNode.removeChild(row.li);
    this.rows.delete(id);
    if (this.active === id) this.active = null;
    this.#updateEmpty();
    return true;
  }

  has(id) {
    return this.rows.has(id);
  }

  /** Every room in display order: rooms, then direct messages. */
  ids() {
    return this.sections.flatMap((section) => section.order.map((row) => row.room.id));
  }

  nameOf(id) {
    const row = this.rows.get(id);
    return row ? row.room.name || id : id;
  }

  room(id) {
    return this.rows.get(id)?.room || null;
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
    this.setBadges(id, { unread: count, mentions: this.rows.get(id)?.mentions ?? 0 });
  }

  /** The badges: unread messages, and (in red) mentions of the reader or direct messages. */
  setBadges(id, { unread = 0, mentions = 0 }) {
    const row = this.rows.get(id);
    if (!row) return;
    row.unread = unread;
    row.mentions = mentions;
    const direct = row.room.kind === 'direct';
    const unreadText = badgeText(unread);
    const mentionText = direct ? '' : badgeText(mentions);
    row.badge.textContent = unreadText || '0';
    row.badge.hidden = !unreadText;
    row.badge.classList.toggle('is-alert', direct || mentions > 0);
    row.mentionBadge.textContent = mentionText ? `@${mentionText}` : '@';
    row.mentionBadge.hidden = !mentionText;
    row.badge.title = this.t('rooms.unread', unread);
    const said = [];
    if (unreadText) said.push(this.t('rooms.unread', unread));
    if (mentionText) said.push(this.t('rooms.mentions', mentions));
    row.unreadText.textContent = said.length ? `, ${said.join(', ')}` : '';
    row.li.classList.toggle('has-unread', Boolean(unreadText));
    row.li.classList.toggle('has-mention', Boolean(mentionText) || (direct && Boolean(unreadText)));
    row.li.dataset.unread = String(unread);
    row.li.dataset.mentions = String(mentions);
  }

  /** A direct room's partner is online (or not). */
  setOnline(id, online) {
    const row = this.rows.get(id);
    if (!row || !row.dot) return;
    row.li.dataset.online = String(Boolean(online));
    row.dot.title = this.t(online ? 'presence.online' : 'presence.offline');
  }

  /** The next or previous room (Alt+ArrowDown / Alt+ArrowUp). */
  neighbour(id, step) {
    const ids = this.ids();
    if (ids.length === 0) return null;
    const index = ids.indexOf(id);
    return ids[(index + step + ids.length) % ids.length];
  }

  #section(row) {
    return row.room.kind === 'direct' && this.sections[1] ? this.sections[1] : this.sections[0];
  }

  #createRow(room) {
    const kind = room.kind || 'public';
    const name = el('span', { className: 'room-name', text: room.name || room.id });
    // the badges are for the eyes; screen readers get ", 3 unread" from the hidden text beside them
    const mentionBadge = el('span', { className: 'mention-badge', testid: 'mentions', text: '@', hidden: true, attrs: { 'aria-hidden': 'true' } });
    const badge = el('span', { className: 'unread-badge', testid: 'unread', text: '0', hidden: true, attrs: { 'aria-hidden': 'true' } });
    const unreadText = el('span', { className: 'visually-hidden' });
    let icon;
    let dot = null;
    if (kind === 'direct') {
      dot = el('span', { className: 'presence-dot', attrs: { 'aria-hidden': 'true' } });
      icon = el('span', { className: 'room-avatar' }, avatar(room.partner || { userid: room.id, display_name: room.name }, 'xs'), dot);
    } else {
      icon = el('span', { className: `room-icon room-icon-${kind === 'private' ? 'private' : 'public'}`, attrs: { 'aria-hidden': 'true' },
        text: kind === 'private' ? '' : '#' });
    }
    const kindText = kind === 'private' ? el('span', { className: 'visually-hidden', text: `${this.t('rooms.private')}, ` }) : null;
    const button = el('button', {
      className: 'room-button',
      attrs: { type: 'button', title: kind === 'direct' ? room.name || '' : `#${room.id}` },
      on: { click: () => this.onSelect(room.id) },
    }, icon, kindText, name, mentionBadge, badge, unreadText);
    const li = el('li', { className: `room room-${kind}`, testid: 'room', dataset: { room: room.id, kind, joined: 'false' } }, button);
    return { room: { ...room, kind }, li, button, badge, mentionBadge, unreadText, name, dot, unread: 0, mentions: 0 };
  }

  // true when the display name changed (the row may have to move)
  #update(row, room) {
    const next = { ...row.room, ...room, kind: room.kind || row.room.kind };
    const renamed = Boolean(room.name) && room.name !== row.room.name;
    row.room = next;
    if (renamed) {
      row.name.textContent = room.name;
      if (next.kind === 'direct') row.button.title = room.name;
    }
    if (room.partner && row.dot) {
      const wrap = row.dot.parentNode;
      if (wrap && wrap.firstChild && wrap.firstChild !== row.dot) wrap.replaceChild?.(avatar(room.partner, 'xs'), wrap.firstChild);
    }
    return renamed;
  }

  // the default room first, then by name (ids break ties, so the order is total)
  #compare(a, b) {
    if (a.room.id === this.defaultRoom) return b.room.id === this.defaultRoom ? 0 : -1;
    if (b.room.id === this.defaultRoom) return 1;
    return compareText(String(a.room.name || a.room.id), String(b.room.name || b.room.id))
      || (a.room.id < b.room.id ? -1 : a.room.id > b.room.id ? 1 : 0);
  }

  #insert(row) {
    const section = this.#section(row);
    const { order } = section;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#compare(order[mid], row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, row);
    section.list.insertBefore(row.li, order[lo + 1] ? order[lo + 1].li : null);
  }

  // Puts the list's children in the section's order, moving only rows that are out of place.
  #placeAll(section) {
    let current = section.list.firstChild;
    for (const row of section.order) {
      if (current === row.li) {
        current = current.nextSibling;
      } else {
        section.list.insertBefore(row.li, current);
      }
    }
  }

  #updateEmpty() {
    if (this.dmEmpty && this.sections[1]) this.dmEmpty.hidden = this.sections[1].order.length > 0;
  }
}
