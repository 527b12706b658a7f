// A person's card, opened from a message's author, the members list or a reaction: avatar, name, @username,
// online or not, "Message" (their direct room), and for whoever may: remove them from a private room (its
// owner or an admin), ban and unban (admins, docs/protocol.md section 14).

import { el, clear } from './dom.js';
import { avatar } from './avatar.js';
import { Popover } from './popover.js';

export class ProfileCard {
  /**
   * context() -> {room (the open room object), admin, canModerate, isOnline(userid)};
   * actions: {message(user), remove(user, room), ban(user), unban(user), lookup(user) -> Promise of user}
   */
  constructor({ t, myUserid, context, actions }) {
    this.t = t;
    this.myUserid = myUserid;
    this.context = context;
    this.actions = actions;
    this.user = null;
    this.root = el('div', { className: 'profile-card', testid: 'profile-card', attrs: { role: 'dialog', 'aria-labelledby': 'profile-card-name' } });
    this.popover = new Popover({ root: this.root });
    this.root.addEventListener('click', async (event) => {
      const button = event.target.closest('[data-profile-action]');
      if (!button || !this.user) return;
      const action = button.dataset.profileAction;
      const user = this.user;
      const room = this.context().room;
      this.popover.close(action !== 'message');
      await this.actions[action](user, room);
    });
  }

  get isOpen() {
    return this.popover.isOpen;
  }

  async open(user, anchor) {
    this.user = { ...user };
    this.#render();
    this.popover.open(anchor);
    const first = this.root.querySelector('button');
    if (first) first.focus();
    if (!this.user.username) {
      const found = await this.actions.lookup(this.user).catch(() => null);
      if (found && found.username && this.user && this.user.userid === found.userid) {
        this.user = { ...this.user, ...found };
        this.#render();
        this.popover.place();
      }
    }
  }

  #render() {
    const { room, admin, canModerate, isOnline } = this.context();
    const user = this.user;
    const me = user.userid === this.myUserid;
    const name = user.display_name || user.username || user.userid;
    const online = isOnline(user.userid);
    const buttons = [];
    if (!me) buttons.push(['message', 'profile.message', 'button-primary']);
    if (!me && room && room.kind === 'private' && canModerate) buttons.push(['remove', 'profile.remove', 'button-secondary']);
    if (!me && admin) {
      buttons.push(['ban', 'profile.ban', 'button-danger']);
      buttons.push(['unban', 'profile.unban', 'button-secondary']);
    }
    clear(this.root);
    this.root.append(
      el('div', { className: 'profile-head' },
        avatar(user, 'lg'),
        el('div', { className: 'profile-names' },
          el('p', { className: 'profile-name', attrs: { id: 'profile-card-name' }, text: name }),
          user.username ? el('p', { className: 'profile-username', text: `@${user.username}` }) : null,
          el('p', { className: `profile-status${online ? ' is-online' : ''}`, testid: 'profile-status',
            text: this.t(online ? 'presence.online' : 'presence.offline') }))),
      buttons.length ? el('div', { className: 'profile-actions' }, buttons.map(([action, key, style]) => el('button', {
        className: `button button-small ${style}`, testid: `profile-${action}`,
        attrs: { type: 'button' }, dataset: { profileAction: action }, text: this.t(key),
      }))) : null);
  }
}
