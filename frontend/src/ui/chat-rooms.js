// The chat's state across rooms: which rooms we are in and which one is open,
// each room's messages, unread counts, presence and typing. It turns connection
// events into view updates; it never touches the socket except through the
// Connection's methods.

import { RoomMessages } from './message-store.js';
import { UnreadCounter } from './unread.js';
import { PresenceModel } from './presence-model.js';
import { isValidRoomId } from './room-id.js';

export class ChatRooms {
  /**
   * typing: the TypingTracker the typing indicator shows. views: {sidebar, messageList, presencePanel,
   * typingIndicator, roomTitle, notices}. Those built later (the composer) follow with onRoomOpened.
   */
  constructor({ me, defaultRoom, connection, joined, history, typing, views, t, onTitleChange }) {
    this.me = me;
    this.defaultRoom = defaultRoom;
    this.connection = connection;
    this.joined = joined;
    this.history = history;
    this.typing = typing;
    this.views = views;
    this.t = t;
    this.onTitleChange = onTitleChange;
    this.stores = new Map();
    this.unread = new UnreadCounter();
    this.presence = new PresenceModel();
    this.current = null;
    this.openListeners = [];
    history.subscribe({
      change: (room, change) => this.onHistoryChange(room, change),
      error: (error, room) => {
        if (error.status === 404) this.dropRoom(room);
      },
    });
  }

  /** fn(room, name) whenever a room is opened. */
  onRoomOpened(fn) {
    this.openListeners.push(fn);
  }

  store(room) {
    if (!this.stores.has(room)) this.stores.set(room, new RoomMessages(room, this.me.userid));
    return this.stores.get(room);
  }

  /**
   * Joins the remembered rooms, shows their outbox, opens the first room.
   * knownRooms (ids from GET /api/rooms, or null if that failed) filters out
   * remembered rooms that no longer exist.
   */
  start(initialRoom, knownRooms) {
    if (knownRooms) {
      for (const room of this.joined.list()) {
        if (!knownRooms.has(room)) this.joined.remove(room);
      }
    }
    for (const room of this.joined.list()) this.#join(room);
    this.showOutbox();
    const wanted = isValidRoomId(initialRoom) && (!knownRooms || knownRooms.has(initialRoom)) ? initialRoom : null;
    this.open(wanted || this.defaultRoom);
  }

  /** Opens a room (joining it first if needed). */
  open(room) {
    if (!isValidRoomId(room)) return;
    this.views.sidebar.addRoom({ id: room, name: this.views.sidebar.nameOf(room) });
    if (!this.joined.has(room)) {
      this.joined.add(room);
      this.#join(room);
    }
    this.current = room;
    this.unread.clear(room);
    this.views.sidebar.setUnread(room, 0);
    this.views.sidebar.setActive(room);
    const name = this.views.sidebar.nameOf(room);
    this.views.roomTitle.textContent = name;
    this.views.roomTitle.title = `#${room}`;
    for (const fn of this.openListeners) fn(room, name);
    const store = this.store(room);
    this.views.messageList.show(store);
    this.#renderPresence();
    this.views.typingIndicator.show(room);
    this.history.ensureLatest(store);
    this.#updateTitle();
  }

  /** The user is looking at the page again: the open room is read. */
  pageVisible() {
    if (!this.current) return;
    this.unread.clear(this.current);
    this.views.sidebar.setUnread(this.current, 0);
    this.#updateTitle();
  }

  /** Sends the composer's text to the open room; shows it as pending until the ack. */
  sendText(text) {
    const room = this.current;
    let clientMsgId;
    try {
      clientMsgId = this.connection.send(room, text);
    } catch (error) {
      this.views.notices.show(this.t('composer.sendFailed', error.message || ''), 'error');
      return false;
    }
    this.store(room).addPending({
      client_msg_id: clientMsgId,
      text,
      created: Date.now(),
      from: { userid: this.me.userid, display_name: this.me.displayName },
    });
    this.views.messageList.update({ forceBottom: true });
    return true;
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

  // ----- connection events -----

  onWelcome() {
    // Rooms re-joined by the connection will answer with 'joined' and their presence.
  }

  onMessage(message, { fromHistory = false } = {}) {
    const room = message.room;
    if (!room) return;
    const store = this.store(room);
    const { entry, isNew } = store.addMessage(message);
    if (message.from) this.typing.stopped(room, message.from.userid);
    if (isNew && !fromHistory) this.#countUnread(room, entry);
    this.#roomChanged(room, { newMessages: isNew && !entry.mine, forceBottom: isNew && entry.mine });
    if (room === this.current) this.views.typingIndicator.refresh();
  }

  onAck({ client_msg_id: clientMsgId, id, ts, room }) {
    const rooms = room ? [room] : Array.from(this.stores.keys());
    for (const name of rooms) {
      const entry = this.store(name).ack({ client_msg_id: clientMsgId, id, ts });
      if (entry) {
        this.#roomChanged(name, {});
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
      // Our own join: the server lists who is here. Fetch what we may have missed.
      this.presence.replace(room, online);
      this.views.sidebar.setJoined(room, true);
      this.history.catchUp(this.store(room));
    } else if (event === 'joined') {
      this.presence.joined(room, user);
    } else if (event === 'left') {
      this.presence.left(room, user);
      if (user) this.typing.stopped(room, user.userid);
    } else if (event === 'typing') {
      if (user && user.userid !== this.me.userid) this.typing.typing(room, user);
    }
    if (room === this.current) {
      this.#renderPresence();
      this.views.typingIndicator.refresh();
    }
  }

  onResumeDone({ room, complete }) {
    if (room && complete === false) this.history.catchUp(this.store(room));
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
    if (change.added) {
      for (const entry of change.added) this.#countUnread(room, entry);
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
    this.views.sidebar.addRoom({ id: room, name: this.views.sidebar.nameOf(room) });
  }

  /** Leaves a room that turned out not to exist (404 / no_such_room). */
  dropRoom(room) {
    if (room === this.defaultRoom) return;
    this.joined.remove(room);
    try {
      this.connection.leave(room);
    } catch {
      // not joined anyway
    }
    this.views.sidebar.setJoined(room, false);
    if (this.current === room) this.open(this.defaultRoom);
  }

  #countUnread(room, entry) {
    const viewing = room === this.current && document.visibilityState === 'visible';
    const count = this.unread.record(room, { mine: entry.mine, viewing });
    this.views.sidebar.setUnread(room, count);
    this.#updateTitle();
  }

  #roomChanged(room, options) {
    if (room === this.current) this.views.messageList.update(options);
  }

  #renderPresence() {
    this.views.presencePanel.render(this.presence.list(this.current, this.me.userid));
  }

  #updateTitle() {
    const hiddenUnread = document.visibilityState === 'visible' ? 0 : this.unread.get(this.current);
    this.onTitleChange(this.current, this.unread.total(this.current) + hiddenUnread);
  }

  #errorText(code, message) {
    const key = `error.${code}`;
    const translated = this.t(key);
    if (translated !== key) return translated;
    return message || code || this.t('error.unknown');
  }
}
