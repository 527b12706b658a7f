// The people of the open room, in the right-hand pane: who is online now (live, from presence, with the
// platform each connects from) and the other members (GET /api/rooms/{id}/members), each opening a profile
// card; "Add people" for a private room.

import { el, clear } from './dom.js';
import { avatar } from './avatar.js';

const PAGE = 100;

export class MembersPane {
  constructor({ title, count, offlineList, offlineTitle, addButton, moreButton, rest, t, people, myUserid, onAdd, onProfile, onRole,
    onLoaded = () => {} }) {
    this.title = title;
    this.count = count;
    this.offlineList = offlineList;
    this.offlineTitle = offlineTitle;
    this.addButton = addButton;
    this.moreButton = moreButton;
    this.rest = rest;
    this.t = t;
    this.people = people;
    this.myUserid = myUserid;
    this.onRole = onRole;
    this.onLoaded = onLoaded;
    this.room = null;
    this.members = [];   // from the server, this room's
    this.roles = new Map();
    this.online = [];
    this.after = null;
    this.asked = 0;
    addButton.addEventListener('click', () => { if (this.room) onAdd(this.room); });
    moreButton.addEventListener('click', () => this.#load(true));
    offlineList.addEventListener('click', (event) => {
      const button = event.target.closest('[data-userid]');
      if (button) onProfile(this.people.get(button.dataset.userid) || { userid: button.dataset.userid }, button);
    });
  }

  roleOf(userid) {
    return this.roles.get(userid) || null;
  }

  /** Another room is open (or the same one changed: members added or removed). */
  show(room) {
    const same = this.room && room && this.room.id === room.id;
    this.room = room;
    this.addButton.hidden = !room || room.kind !== 'private';
    this.count.textContent = String(room && room.member_count ? room.member_count : (same ? this.members.length : 0));
    if (!same) {
      this.members = [];
      this.roles = new Map();
      this.online = [];
      this.complete = false;
      clear(this.offlineList);
    }
    this.#load(false);
  }

  /** Presence of the open room changed: the offline list leaves out who is online. */
  presenceChanged(roomId, users) {
    if (!this.room || roomId !== this.room.id) return;
    this.online = users;
    this.#render();
  }

  async #load(more) {
    if (!this.room) return;
    const ask = ++this.asked;
    const roomId = this.room.id;
    try {
      const page = await this.rest.members(roomId, { after: more ? this.after : undefined, limit: PAGE });
      if (ask !== this.asked) return;
      const members = page.members || [];
      this.people.learnAll(members);
      this.members = more ? [...this.members, ...members] : members;
      this.after = members.length ? members[members.length - 1].userid : this.after;
      for (const m of members) {
        if (m.role) this.roles.set(m.userid, m.role);
        if (m.userid === this.myUserid && m.role) this.onRole(roomId, m.role);
      }
      this.moreButton.hidden = !page.has_more;
      this.complete = !page.has_more;
      this.#render();
      this.onLoaded();
    } catch {
      if (ask === this.asked) this.moreButton.hidden = true;
    }
  }

  // Everyone loaded: the exact number; otherwise the room's count (people who joined since count too).
  #renderCount() {
    const known = new Set([...this.members.map((m) => m.userid), ...this.online.map((u) => u.userid)]);
    const total = this.complete ? known.size : Math.max(Number(this.room && this.room.member_count) || 0, known.size);
    this.count.textContent = String(total);
  }

  #render() {
    this.#renderCount();
    const online = new Set(this.online.map((u) => u.userid));
    clear(this.offlineList);
    const offline = this.members.filter((m) => !online.has(m.userid));
    for (const member of offline) {
      const name = member.display_name || member.username || member.userid;
      this.offlineList.appendChild(el('li', { className: 'presence-user is-offline', testid: 'member', dataset: { userid: member.userid } },
        el('button', { className: 'presence-button', attrs: { type: 'button', title: this.t('profile.open', name) }, dataset: { userid: member.userid } },
          el('span', { className: 'presence-avatar' }, avatar(member, 'sm'), el('span', { className: 'presence-dot is-offline', attrs: { 'aria-hidden': 'true' } })),
          el('span', { className: 'presence-info' },
            el('span', { className: 'presence-line' },
              el('span', { className: 'presence-name', text: name }),
              member.role === 'owner' ? el('span', { className: 'role-badge', text: this.t('members.owner') }) : null),
            member.username ? el('span', { className: 'platform-badge', text: `@${member.username}` }) : null))));
    }
    this.offlineTitle.hidden = offline.length === 0;
    this.offlineList.hidden = offline.length === 0;
  }
}
