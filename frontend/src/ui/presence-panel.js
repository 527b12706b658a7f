// The people online in the open room, each with the platform they connect from (and "owner" where the
// members list says so); a click opens their profile card.

import { el, clear } from './dom.js';
import { avatar } from './avatar.js';
import { platformLabel } from './presence-model.js';

export class PresencePanel {
  constructor({ list, count, t, myUserid, roleOf = () => null, onProfile = () => {} }) {
    this.list = list;
    this.count = count;
    this.t = t;
    this.myUserid = myUserid;
    this.roleOf = roleOf;
    this.users = [];
    list.addEventListener('click', (event) => {
      const button = event.target.closest('[data-userid]');
      if (!button) return;
      const user = this.users.find((u) => u.userid === button.dataset.userid);
      if (user) onProfile(user, button);
    });
  }

  render(users) {
    this.users = users;
    clear(this.list);
    for (const user of users) {
      const me = user.userid === this.myUserid;
      const name = user.display_name || user.userid;
      const owner = this.roleOf(user.userid) === 'owner';
      this.list.appendChild(el('li', {
        className: `presence-user${me ? ' is-me' : ''}`,
        testid: 'presence-user',
        dataset: { userid: user.userid, platform: user.platform || '' },
      },
      el('button', { className: 'presence-button', attrs: { type: 'button', title: this.t('profile.open', name) }, dataset: { userid: user.userid } },
        el('span', { className: 'presence-avatar' }, avatar(user, 'sm'), el('span', { className: 'presence-dot', attrs: { 'aria-hidden': 'true' } })),
        el('span', { className: 'presence-info' },
          el('span', { className: 'presence-line' },
            el('span', { className: 'presence-name' }, name),
            me ? el('span', { className: 'presence-you', text: `(${this.t('presence.you')})` }) : null,
            owner ? el('span', { className: 'role-badge', text: this.t('members.owner') }) : null),
          el('span', { className: 'platform-badge', testid: 'platform', text: platformLabel(user.platform) })))));
    }
    if (users.length === 0) {
      this.list.appendChild(el('li', { className: 'presence-empty', text: this.t('presence.empty') }));
    }
    this.count.textContent = String(users.length);
  }
}
