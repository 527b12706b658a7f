// The open room's header in the top bar: its kind (# public, a lock for private, the person of a direct
// message), name, topic, and the room menu: members, add people (private rooms), edit the topic (owner or
// admin), leave, delete (owner or admin).

import { el, clear } from './dom.js';
import { Popover, arrowNavigation } from './popover.js';

export class RoomHeader {
  /** handlers: {members(), add(room), topic(room), leave(room), delete(room)} */
  constructor({ title, topic, kindIcon, menuButton, t, handlers }) {
    this.title = title;
    this.topic = topic;
    this.kindIcon = kindIcon;
    this.menuButton = menuButton;
    this.t = t;
    this.handlers = handlers;
    this.room = null;
    this.options = {};
    this.menu = el('div', { className: 'menu', testid: 'room-menu-list', attrs: { role: 'menu', 'aria-label': t('roomMenu.label') } });
    this.popover = new Popover({ root: this.menu, onClose: () => menuButton.setAttribute('aria-expanded', 'false') });
    menuButton.addEventListener('click', () => {
      if (this.popover.isOpen) this.popover.close(true);
      else this.#openMenu();
    });
    this.menu.addEventListener('click', (event) => {
      const item = event.target.closest('[data-item]');
      if (!item) return;
      this.popover.close(true);
      this.handlers[item.dataset.item](this.room);
    });
    arrowNavigation(this.menu, () => Array.from(this.menu.querySelectorAll('[role="menuitem"]')));
  }

  /** room: the room object (a direct room already named after the other member). */
  show(room, { canModerate = false, defaultRoom = 'lobby' } = {}) {
    this.room = room;
    this.options = { canModerate, defaultRoom };
    const direct = room.kind === 'direct';
    this.title.textContent = room.name || room.id;
    this.title.title = direct ? room.name || '' : `#${room.id}`;
    this.topic.textContent = room.topic || '';
    this.topic.title = room.topic || '';
    this.topic.hidden = !room.topic;
    this.kindIcon.className = `topbar-hash room-kind room-kind-${room.kind || 'public'}`;
    this.kindIcon.textContent = direct ? '@' : room.kind === 'private' ? '' : '#';
    this.menuButton.dataset.room = room.id;
    document.body.dataset.roomKind = room.kind || 'public'; // the room's introduction shows its kind (styles.css)
    if (this.popover.isOpen) this.popover.close(false);
  }

  #items() {
    const room = this.room;
    const { canModerate, defaultRoom } = this.options;
    const direct = room.kind === 'direct';
    const items = [['members', 'roomMenu.members']];
    if (room.kind === 'private') items.push(['add', 'roomMenu.add']);
    if (canModerate && !direct) items.push(['topic', 'roomMenu.topic']);
    if (!direct && room.id !== defaultRoom) items.push(['leave', 'roomMenu.leave']);
    if (canModerate && !direct && room.id !== defaultRoom) items.push(['delete', 'roomMenu.delete']);
    return items;
  }

  #openMenu() {
    if (!this.room) return;
    clear(this.menu);
    for (const [item, key] of this.#items()) {
      this.menu.appendChild(el('button', {
        className: `menu-item${item === 'delete' ? ' is-danger' : ''}`, testid: `room-menu-${item}`,
        attrs: { type: 'button', role: 'menuitem' }, dataset: { item }, text: this.t(key),
      }));
    }
    this.menuButton.setAttribute('aria-expanded', 'true');
    this.popover.open(this.menuButton);
    this.menu.querySelector('[role="menuitem"]').focus();
  }
}
