// The people in the open room, each with the platform they connect from.

import { el, clear } from './dom.js';
import { avatar } from './avatar.js';
import { platformLabel } from './presence-model.js';

export class PresencePanel {
  constructor({ list, count, t, myUserid }) {
    this.list = list;
    this.count = count;
    this.t = t;
    this.myUserid = myUserid;
  }

  render(users) {
    clear(this.list);
    for (const user of users) {
      const me = user.userid === this.myUserid;
      const name = user.display_name || user.userid;
      this.list.appendChild(el('li', {
        className: `presence-user${me ? ' is-me' : ''}`,
        testid: 'presence-user',
        dataset: { userid: user.userid, platform: user.platform || '' },
      },
      el('span', { className: 'presence-avatar' }, avatar(user, 'sm'), el('span', { className: 'presence-dot', attrs: { 'aria-hidden': 'true' } })),
      el('span', { className: 'presence-info' },
        el('span', { className: 'presence-line' },
          el('span', { className: 'presence-name', attrs: { title: name } }, name),
          me ? el('span', { className: 'presence-you', text: `(${this.t('presence.you')})` }) : null),
        el('span', { className: 'platform-badge', testid: 'platform', text: platformLabel(user.platform) }))));
    }
    if (users.length === 0) {
      this.list.appendChild(el('li', { className: 'presence-empty', text: this.t('presence.empty') }));
    }
    this.count.textContent = String(users.length);
  }
}
