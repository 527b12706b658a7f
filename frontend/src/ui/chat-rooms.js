// The chat's state across rooms: the rooms the user is a member of (RoomDirectory) and which one is open,
// each room's messages, unread and mention counts, presence and typing. It turns connection events into
// view updates; it never touches the socket except through the Connection's methods, and the REST API only
// through the RestClient.
//
// Every room the user is a member of is subscribed (joined), so its messages arrive live and its badges stay
// true; a room the user is not subscribed to (a new direct message, a room they were just added to) makes
// itself known by a notify frame (resp_type 11) or a room change (resp_type 12).

import { RoomMessages } from './message-store.js';
import { PresenceModel } from './presence-model.js';
import { RoomDirectory, DirectPartners, KINDS } from './room-directory.js';
import { People } from './people.js';
import { isValidRoomId } from './room-id.js';

const DM_ID = /^dm-[0-9a-f]{24}$/;
const PARTNER_FETCHES = 4; // direct rooms whose partner is looked up at the same time
const REFRESH_DEBOUNCE_MS = 800;

export function isRoomId(id) {
  return isValidRoomId(id) || DM_ID.test(String(id ?? ''));
}

export class ChatRooms {
  /**
   * views: {sidebar, messageList, presencePanel, members, typingIndicator, roomTitle, roomTopic, roomHeader,
   * notices, notifications}. Those built later (the composer) follow with onRoomOpened.
   */
  constructor({ me, defaultRoom, connection, joined, history, typing, views, t, rest, storage, onTitleChange }) {
    this.me = me;
    this.defaultRoom = defaultRoom;
    this.connection = connection;
    this.joined = joined;
    this.history = history;
    this.typing = typing;
    this.views = views;
    this.t = t;
    this.rest = rest;
    this.onTitleChange = onTitleChange;
    this.stores = new Map();
    this.directory = new RoomDirectory({ myUserid: me.userid });
    this.partners = new DirectPartners({ storage, myUserid: me.userid });
    this.people = new People();
    this.people.learn({ userid: me.userid, display_name: me.displayName, username: me.username });
    this.presence = new PresenceModel();
    this.current = null;
    this.admin = false;
    this.openListeners = [];
    this.lastReadSent = new Map(); // room -> id sent with req_type 12
    this.owned = new Set(); // rooms whose members list says I am the owner
    this.addedAt = new Map(); // room -> when this page added it (a list asked for before does not have it)
    this.refreshTimer = null;
    this.partnerQueue = [];
    this.partnerFetching = 0;
    this.refreshRooms = async () => null; // set by the app: GET /api/rooms into setRooms
    history.subscribe({
      change: (room, change) => this.onHistoryChange(room, change),
      error: (error, room) => {
        if (error.status === 404) this.dropRoom(room);
      },
    });
  }

  /** fn(room, name, roomObject) whenever a room is opened. */
  onRoomOpened(fn) {
    this.openListeners.push(fn);
  }

  store(room) {
    if (!this.stores.has(room)) this.stores.set(room, new RoomMessages(room, this.me.userid));
    return this.stores.get(room);
  }

  // ----- rooms: membership -----

  /** The sidebar's view of a room: a direct room is named after the other member (its `peer`, or learnt). */
  decorate(room) {
    if (room.kind !== KINDS.DIRECT) return room;
    if (room.peer && room.peer.userid) this.partners.learn(room.id, [{ userid: this.me.userid }, room.peer]);
    const partner = this.partners.get(room.id);
    const name = partner ? (partner.userid === this.me.userid ? this.t('dm.self', partner.display_name) : partner.display_name)
      : this.t('dm.unknown');
    return { ...room, name, partner };
  }

  nameOf(room) {
    const known = this.directory.get(room);
    if (known) return this.decorate(known).name || room;
    return this.views.sidebar.nameOf(room);
  }

  /**
   * The server's list of the user's rooms (GET /api/rooms, or null when it failed): the sidebar follows it,
   * rooms that came are subscribed, rooms that went are left. requestedAt: when the list was asked for; a
   * room this page added after that (created, joined) is not in it yet and stays.
   */
  setRooms(list, requestedAt = Infinity) {
    if (!Array.isArray(list)) return;
    const newer = this.directory.list().filter((r) => (this.addedAt.get(r.id) || 0) > requestedAt && !list.some((x) => x.id === r.id));
    const { added, removed } = this.directory.setAll([...list, ...newer]);
    this.joined.replace(this.directory.list().map((r) => r.id));
    for (const id of removed) this.#forget(id, { notice: false });
    this.views.sidebar.setRooms(this.directory.list().map((r) => this.decorate(r)), { replace: true });
    for (const id of added) this.#join(id);
    for (const room of this.directory.list()) {
      this.#recount(room.id);
      this.#renderBadges(room.id);
    }
    this.#updateTitle();
    this.#learnPartners();
    if (this.current && this.directory.has(this.current)) this.#renderHeader();
  }

  /** Asks the server for the rooms again, a little later (several reasons in a row make one request). */
  scheduleRefresh() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refreshRooms(), REFRESH_DEBOUNCE_MS);
  }

  /** A room the user now belongs to (created, joined, added, a direct message): in the sidebar, subscribed. */
  addRoom(room) {
    if (!room || !isRoomId(room.id)) return;
    const isNew = !this.directory.has(room.id);
    this.directory.upsert(room);
    this.addedAt.set(room.id, Date.now());
    this.joined.add(room.id);
    this.views.sidebar.addRoom(this.decorate(this.directory.get(room.id)));
    if (isNew) this.#join(room.id);
    this.#renderBadges(room.id);
    this.#learnPartners();
    if (room.id === this.current) this.#renderHeader();
  }

  /**
   * Joins the remembered rooms, shows their outbox, opens the first room. rooms: GET /api/rooms (null when
   * that failed: the rooms remembered in this browser are joined instead).
   */
  start(initialRoom, rooms) {
    if (Array.isArray(rooms)) {
      this.setRooms(rooms);
    } else {
      for (const room of this.joined.list()) {
        this.views.sidebar.addRoom({ id: room, name: room });
        this.#join(room);
      }
    }
    this.showOutbox();
    this.open(isRoomId(initialRoom) ? initialRoom : this.defaultRoom);
  }

  /**
   * Opens a room. A public room the user is not a member of is joined first (PUT members/me); one that does
   * not exist, or a private room of others, says so and opens the default room.
   */
  async open(room, { jumpTo = null } = {}) {
    if (!isRoomId(room)) return;
    if (!this.directory.has(room) && this.directory.list().length > 0 && room !== this.defaultRoom) {
      try {
        const joined = await this.rest.joinRoom(room);
        this.addRoom(joined || { id: room, name: room });
      } catch (error) {
        if (error.status === 401) window.location.reload();
        this.views.notices.show(error.status === 404 || error.status === 409
          ? this.t('rooms.notFound', room) : this.t('rooms.joinFailed', error.detail || error.message || ''), 'error');
        if (this.current === null) this.open(this.defaultRoom);
        return;
      }
    }
    if (!this.views.sidebar.has(room)) this.views.sidebar.addRoom({ id: room, name: room });
    if (!this.joined.has(room)) {
      this.joined.add(room);
      this.#join(room);
    }
    const switching = this.current !== room;
    this.current = room;
    this.views.sidebar.setActive(room);
    const store = this.store(room);
    const name = this.nameOf(room);
    this.#renderHeader();
    for (const fn of this.openListeners) fn(room, name, this.directory.get(room));
    if (switching || jumpTo === null) {
      const { unread } = this.directory.counts(room);
      this.views.messageList.show(store, { dividerAfter: unread > 0 && jumpTo === null ? this.directory.lastRead(room) : null });
    }
    this.#renderPresence();
    this.views.typingIndicator.show(room);
    this.history.ensureLatest(store);
    this.#updateTitle();
    if (jumpTo !== null) await this.jumpTo(room, jumpTo);
  }

  /** Opens the room and brings the message into view, loading older history until it is there. */
  async jumpTo(room, id) {
    if (this.current !== room) {
      await this.open(room, { jumpTo: id });
      return;
    }
    const store = this.store(room);
    const found = await this.history.loadUntil(store, id);
    if (this.current !== room) return;
    this.views.messageList.update();
    if (!found || !this.views.messageList.scrollToMessage(id)) this.views.notices.show(this.t('messages.notFound'), 'info');
  }

  /** The user is looking at the page again: what is in view is read. */
  pageVisible() {
    this.views.messageList.visibilityChanged();
    this.#updateTitle();
  }

  /** Leaves a room (not the default room, not a direct room): DELETE members/me. */
  async leave(room) {
    try {
      await this.rest.leaveRoom(room);
    } catch (error) {
      this.views.notices.show(this.t('rooms.leaveFailed', error.detail || error.message || ''), 'error');
      return false;
    }
    this.#forget(room, { notice: false });
    return true;
  }

  /** Deletes a room for everyone (its owner or an admin). */
  async deleteRoom(room) {
    try {
      await this.rest.deleteRoom(room);
    } catch (error) {
      this.views.notices.show(this.t('rooms.deleteFailed', error.detail || error.message || ''), 'error');
      return false;
    }
    this.#forget(room, { notice: false });
    return true;
  }

  /** The direct room with a user (made on first use), opened. */
  async openDirect(user) {
    try {
      const room = await this.rest.direct(user.userid);
      this.people.learn(user);
      if (!this.partners.get(room.id)) this.partners.learn(room.id, [{ userid: this.me.userid }, user]);
      this.addRoom({ ...room, kind: room.kind || KINDS.DIRECT });
      return room.id;
    } catch (error) {
      this.views.notices.show(this.t('dm.failed', error.detail || error.message || ''), 'error');
      return null;
    }
  }

  /** The caller's role: the room's owner or an admin may delete any message and the room. */
  canModerate(room) {
    const known = this.directory.get(room);
    return this.admin || this.owned.has(room) || Boolean(known && known.created_by && known.created_by === this.me.userid);
  }

  /** My role in a room, as its members list says. */
  noteRole(room, role) {
    const before = this.owned.has(room);
    if (role === 'owner') this.owned.add(room);
    else this.owned.delete(room);
    if (before !== this.owned.has(room) && room === this.current) this.#renderHeader();
  }

  room(room) {
    return this.directory.get(room);
  }

  // ----- messages: sending and changing -----

  /** Sends the composer's text to the open room; shows it as pending until the ack. */
  sendText(text, { replyTo } = {}) {
    const room = this.current;
    let clientMsgId;
    try {
      clientMsgId = this.connection.send(room, text, { replyTo });
    } catch (error) {
      this.views.notices.show(this.t('composer.sendFailed', error.message || ''), 'error');
      return false;
    }
    const store = this.store(room);
    const quoted = replyTo ? store.get(replyTo) : null;
    store.addPending({
      client_msg_id: clientMsgId,
      text,
      created: Date.now(),
      from: { userid: this.me.userid, display_name: this.me.displayName },
      replyTo: quoted ? { id: quoted.id, from: quoted.from, text: quoted.text } : null,
    });
    this.views.messageList.clearDivider();
    this.views.messageList.update({ forceBottom: true });
    return true;
  }

  /** req_type 9; false (and a notice) when not connected. */
  editMessage(entry, text) {
    if (this.connection.edit(entry.room, entry.id, text)) return true;
    this.views.notices.show(this.t('actions.offline'), 'error');
    return false;
  }

  deleteMessage(entry) {
    if (this.connection.deleteMessage(entry.room, entry.id)) return true;
    this.views.notices.show(this.t('actions.offline'), 'error');
    return false;
  }

  /** Adds the reaction, or takes mine back when I gave it already. */
  toggleReaction(entry, emoji) {
    const reaction = (entry.reactions || []).find((r) => r.emoji === emoji);
    const mine = Boolean(reaction && Array.isArray(reaction.userids) && reaction.userids.includes(this.me.userid));
    if (!mine && !reaction && (entry.reactions || []).length >= this.connection.settings.values.reactionsPerMessageMax) {
      this.views.notices.show(this.t('reactions.tooMany'), 'error');
      return false;
    }
    if (this.connection.react(entry.room, entry.id, emoji, !mine)) return true;
    this.views.notices.show(this.t('actions.offline'), 'error');
    return false;
  }

  /** Shows a pending attachment message; returns its entry. */
  addPendingAttachment(room, clientMsgId, file, preview) {
    const entry = this.store(room).addPending({
      client_msg_id: clientMsgId,
      text: '',
      created: Date.now(),
      from: { userid: this.me.userid, display_name: this.me.displayName },
      attachment: { id: `local-${clientMsgId}`, name: file.name, type: file.type || 'application/octet-stream', size: file.size },
      preview,
    });
    if (room === this.current) this.views.messageList.update({ forceBottom: true });
    return entry;
  }

  /** What is in view of the open room was read up to `id`: req_type 12 (forward only), badges down. */
  markRead(store, id) {
    const room = store.room;
    if (room !== this.current || document.visibilityState !== 'visible' || !this.directory.has(room)) return;
    if (id <= (this.lastReadSent.get(room) || 0) || id <= this.directory.lastRead(room)) return;
    if (this.connection.read(room, id)) this.lastReadSent.set(room, id);
    const result = this.directory.markRead(room, id, store.maxId || id);
    if (result === 'unknown') this.#recount(room);
    this.#renderBadges(room);
    this.#updateTitle();
  }

  // ----- connection events -----

  onWelcome() {
    // Rooms re-joined by the connection will answer with 'joined' and their presence; the app asks for
    // the rooms again (their counts may have moved while away).
  }

  onMessage(message, { replay = false, fromHistory = false } = {}) {
    const room = message.room;
    if (!room) return;
    const store = this.store(room);
    const { entry, isNew } = store.addMessage(message);
    if (message.from) {
      this.typing.stopped(room, message.from.userid);
      this.people.learn(message.from);
    }
    if (isNew && !replay && !fromHistory) {
      const viewing = room === this.current && document.visibilityState === 'visible' && this.views.messageList.atBottom;
      if (this.directory.messageArrived(room, message, { viewing })) {
        this.#renderBadges(room);
        this.#updateTitle();
      }
      if (this.directory.isForMe(room, message)) this.#notify(room, message);
    }
    if (entry) this.#roomChanged(room, { newMessages: isNew && !entry.mine, forceBottom: isNew && entry.mine });
    if (room === this.current) this.views.typingIndicator.refresh();
  }

  /** resp_type 10, or a replayed message that changed while away: the row is drawn again. */
  onMessageUpdate(message) {
    const room = message.room;
    if (!room || !this.stores.has(room)) return;
    const entry = this.store(room).applyUpdate(message);
    if (!entry) return;
    if (message.deleted && this.#recount(room)) {
      this.#renderBadges(room);
      this.#updateTitle();
    }
    this.#roomChanged(room, {});
  }

  /** resp_type 11: a mention or a direct message in a room this session is not subscribed to. */
  onNotify({ room, message }) {
    if (!room || !message) return;
    if (message.from) this.people.learn(message.from);
    if (!this.directory.has(room)) {
      // a new direct message or a room we were just added to: the server's list says what it is
      this.scheduleRefresh();
    } else if (this.directory.messageArrived(room, message, {})) {
      this.#renderBadges(room);
      this.#updateTitle();
    }
    this.#notify(room, message);
  }

  /** resp_type 12: created, updated, deleted, added, removed. */
  onRoomChange({ event, room }) {
    if (!room || typeof room.id !== 'string') return;
    switch (event) {
      case 'added': {
        // said only when someone else added us (not for a room we made or a direct room: the sidebar shows those)
        const known = this.directory.has(room.id);
        this.addRoom({ ...room, member: true });
        if (!known && room.kind !== KINDS.DIRECT) this.views.notices.show(this.t('rooms.added', this.nameOf(room.id)), 'info');
        break;
      }
      case 'updated':
        if (this.directory.has(room.id)) {
          this.directory.upsert(room);
          this.views.sidebar.addRoom(this.decorate(this.directory.get(room.id)));
          if (room.id === this.current) this.#renderHeader();
        }
        break;
      case 'deleted':
      case 'removed':
        if (this.directory.has(room.id) || this.joined.has(room.id)) {
          const name = this.nameOf(room.id);
          const wasOpen = room.id === this.current;
          this.#forget(room.id, { notice: false });
          if (wasOpen || event === 'removed') this.views.notices.show(this.t(`rooms.${event}`, name), 'info');
        }
        break;
      default: // created: a public room anyone may join (the room browser lists it)
    }
    for (const fn of this.roomChangeListeners || []) fn(event, room);
  }

  /** fn(event, room) after every room change (the room browser refreshes on 'created'). */
  onRoomChanges(fn) {
    (this.roomChangeListeners ||= []).push(fn);
  }

  /** resp_type 13: another session of mine read up to last_read. */
  onReadMarker({ room, last_read: lastRead }) {
    if (!this.directory.has(room)) return;
    const store = this.stores.get(room);
    const newest = Math.max(store?.maxId || 0, lastRead);
    const result = this.directory.markRead(room, Number(lastRead), newest);
    if (result === 'unknown' && !this.#recount(room)) this.scheduleRefresh();
    this.#renderBadges(room);
    this.#updateTitle();
  }

  onAck({ client_msg_id: clientMsgId, id, ts, room }) {
    const rooms = room ? [room] : Array.from(this.stores.keys());
    for (const name of rooms) {
      const entry = this.store(name).ack({ client_msg_id: clientMsgId, id, ts });
      if (entry) {
        this.#roomChanged(name, {});
        // my own message: everything before it counts as read
        if (name === this.current && Number.isSafeInteger(id)) this.markRead(this.store(name), id);
        return;
      }
    }
  }

  onErrorFrame(frame) {
    const { code, message, client_msg_id: clientMsgId } = frame;
    const reason = this.#errorText(code, message);
    if (clientMsgId) {
      for (const [room, store] of this.stores) {
        if (store.fail(clientMsgId, reason)) {
          this.#roomChanged(room, {});
          break;
        }
      }
    }
    this.views.notices.show(reason, 'error');
  }

  onRoomEvent({ room, event, user, online }) {
    if (!room) return;
    if (Array.isArray(online)) {
      // Our own join: the server lists who is here. A room shown before catches up on what it missed.
      this.presence.replace(room, online);
      this.people.learnAll(online);
      this.views.sidebar.setJoined(room, true);
      if (this.stores.has(room) && this.store(room).historyLoaded) this.#catchUp(room);
    } else if (event === 'joined') {
      this.presence.joined(room, user);
      this.people.learn(user);
    } else if (event === 'left') {
      this.presence.left(room, user);
      if (user) this.typing.stopped(room, user.userid);
    } else if (event === 'typing') {
      if (user && user.userid !== this.me.userid) this.typing.typing(room, user);
    }
    if (this.directory.isDirect(room)) this.#renderDirectPresence(room);
    if (room === this.current) {
      this.#renderPresence();
      this.views.typingIndicator.refresh();
    }
  }

  onResumeDone({ room, complete }) {
    if (room && complete === false) this.#catchUp(room);
  }

  /** Messages of the connection's outbox (kept across reloads) show as pending. */
  showOutbox() {
    for (const room of this.joined.list()) {
      let pending = [];
      try {
        pending = this.connection.pending(room) || [];
      } catch {
        pending = [];
      }
      const store = this.store(room);
      for (const item of pending) {
        store.addPending({
          client_msg_id: item.client_msg_id,
          text: item.text,
          created: item.created,
          from: { userid: this.me.userid, display_name: this.me.displayName },
        });
      }
      if (pending.length > 0) this.#roomChanged(room, {});
    }
  }

  /** History pages arrived (see HistoryLoader). */
  onHistoryChange(room, change) {
    if (change.caughtUp) this.connection.noteRev(room, change.caughtUp);
    if (change.added || change.changed || change.newMessages) {
      const store = this.stores.get(room);
      if (store) {
        for (const entry of store.list()) if (entry.from) this.people.learn(entry.from);
      }
      if (this.#recount(room)) {
        this.#renderBadges(room);
        this.#updateTitle();
      }
    }
    if (room !== this.current) return;
    if (change.loadingOlder !== undefined) this.views.messageList.setLoadingOlder(change.loadingOlder);
    if (change.loadingOlder === true) return;
    this.views.messageList.update({ olderPrepended: Boolean(change.olderPrepended), newMessages: Boolean(change.newMessages) });
  }

  // ----- internals -----

  #join(room) {
    try {
      this.connection.join(room);
    } catch (error) {
      this.views.notices.show(error.message || String(error), 'error');
    }
  }

  async #catchUp(room) {
    const rev = await this.history.catchUp(this.store(room));
    if (rev > 0) this.connection.noteRev(room, rev);
  }

  /** A room that turned out not to exist (404 / no_such_room) goes. */
  dropRoom(room) {
    if (room === this.defaultRoom) return;
    this.#forget(room, { notice: true });
  }

  // The user is no longer in the room: out of the sidebar, unsubscribed; the default room opens if it was open.
  #forget(room, { notice }) {
    if (room === this.defaultRoom) return;
    const name = this.nameOf(room);
    this.directory.remove(room);
    this.joined.remove(room);
    try {
      this.connection.leave(room);
    } catch {
      // not joined anyway
    }
    this.views.sidebar.removeRoom(room);
    this.stores.delete(room);
    this.presence.forget(room);
    if (notice) this.views.notices.show(this.t('rooms.notFound', name), 'error');
    if (this.current === room) {
      this.current = null;
      this.open(this.defaultRoom);
    }
    this.#updateTitle();
  }

  // Exact counts when the room's messages are loaded back to last_read; true when it counted.
  #recount(room) {
    const store = this.stores.get(room);
    if (!store || !store.historyLoaded || !this.directory.has(room)) return false;
    return this.directory.recount(room, store.list(), { complete: store.hasMore === false });
  }

  #renderBadges(room) {
    this.views.sidebar.setBadges(room, this.directory.counts(room));
  }

  #renderHeader() {
    const room = this.current;
    const known = this.directory.get(room);
    const decorated = known ? this.decorate(known) : { id: room, name: room, kind: KINDS.PUBLIC, topic: '' };
    this.views.roomHeader.show(decorated, { canModerate: this.canModerate(room), defaultRoom: this.defaultRoom });
  }

  // Direct rooms whose other member is not known yet: their members list, a few at a time.
  #learnPartners() {
    for (const room of this.directory.list()) {
      if (room.kind === KINDS.DIRECT && !this.partners.get(room.id) && !this.partnerQueue.includes(room.id)) {
        this.partnerQueue.push(room.id);
      }
    }
    while (this.partnerFetching < PARTNER_FETCHES && this.partnerQueue.length > 0) {
      const id = this.partnerQueue.shift();
      this.partnerFetching += 1;
      this.rest.members(id, { limit: 2 })
        .then((page) => {
          this.people.learnAll(page.members);
          this.partners.learn(id, page.members);
          const known = this.directory.get(id);
          if (known) this.views.sidebar.addRoom(this.decorate(known));
          this.#renderDirectPresence(id, page.members);
          if (id === this.current) this.#renderHeader();
        })
        .catch(() => {})
        .finally(() => {
          this.partnerFetching -= 1;
          this.#learnPartners();
        });
    }
  }

  #renderDirectPresence(room, members = null) {
    const partner = this.partners.get(room);
    if (!partner) return;
    let online = this.presence.list(room, '').some((u) => u.userid === partner.userid);
    if (members) online = online || members.some((m) => m.userid === partner.userid && m.online);
    this.views.sidebar.setOnline(room, online);
  }

  #notify(room, message) {
    const notifications = this.views.notifications;
    if (!notifications) return;
    const direct = this.directory.isDirect(room);
    notifications.notify({ room, roomName: this.nameOf(room), direct, message });
  }

  #roomChanged(room, options) {
    if (room === this.current) this.views.messageList.update(options);
  }

  #renderPresence() {
    const users = this.presence.list(this.current, this.me.userid);
    this.views.presencePanel.render(users);
    if (this.views.members) this.views.members.presenceChanged(this.current, users);
  }

  #updateTitle() {
    const totals = this.directory.totals(document.visibilityState === 'visible' ? this.current : null);
    this.onTitleChange(this.current, totals.unread, totals.mentions);
  }

  #errorText(code, message) {
    const key = `error.${code}`;
    const translated = this.t(key);
    if (translated !== key) return translated;
    return message || code || this.t('error.unknown');
  }
}
