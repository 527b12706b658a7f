// Entry module of the chat page (templates/chat.html). It reads the page's configuration, then builds
// every object in dependency order (each gets only what already exists; later parts subscribe to earlier
// ones) and wires the browser's events. connection.js owns the socket, the heartbeat and the reconnect rules.

import { Connection } from './connection.js';
import { ClientSettings } from './protocol.js';
import { readPageConfig } from './ui/page-config.js';
import { loadStrings } from './ui/i18n.js';
import { byId, byTestId } from './ui/dom.js';
import { RestClient } from './ui/rest-client.js';
import { RoomsSidebar } from './ui/rooms-sidebar.js';
import { RoomCreateDialog } from './ui/room-create-dialog.js';
import { MessageList } from './ui/message-list.js';
import { Composer } from './ui/composer.js';
import { Drafts } from './ui/drafts.js';
import { PresencePanel } from './ui/presence-panel.js';
import { TypingTracker } from './ui/typing-tracker.js';
import { TypingIndicator } from './ui/typing-indicator.js';
import { StatusBar } from './ui/status-bar.js';
import { FramesPanel } from './ui/frames-panel.js';
import { ReconnectUi } from './ui/reconnect-ui.js';
import { httpHealthCheck } from './ui/health-watch.js';
import { Notices } from './ui/notices.js';
import { JoinedRooms } from './ui/joined-rooms.js';
import { HistoryLoader } from './ui/history-loader.js';
import { ChatRooms } from './ui/chat-rooms.js';
import { UploadProgress } from './ui/upload-progress.js';
import { AttachmentViews, AttachmentSender } from './ui/attachment-flow.js';
import { Lightbox } from './ui/lightbox.js';
import { LayoutDrawers } from './ui/layout-drawers.js';
import { ThemeToggle } from './ui/theme-toggle.js';
import { StatusToggle } from './ui/status-toggle.js';
import { wireConnectionEvents } from './ui/connection-events.js';
import { createThrottle } from './ui/throttle.js';
import { MessageActions } from './ui/message-actions.js';
import { EmojiPicker } from './ui/emoji-picker.js';
import { MentionComplete } from './ui/mention-complete.js';
import { ActionDialog } from './ui/action-dialog.js';
import { RoomBrowser } from './ui/room-browser.js';
import { UserPicker } from './ui/user-picker.js';
import { RoomHeader } from './ui/room-header.js';
import { MembersPane } from './ui/members-pane.js';
import { ProfileCard } from './ui/profile-card.js';
import { SearchDialog } from './ui/search-dialog.js';
import { DesktopNotifications } from './ui/desktop-notifications.js';

const PING_EVERY_MS = 10000;     // the status bar's round-trip time
const ROOMS_REFRESH_MS = 60000;  // counts checked against the server's now and then (they are kept live between)

function safeStorage() {
  try {
    const storage = window.localStorage;
    const probe = '__pulse_chat_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

function roomFromHash() {
  try {
    return decodeURIComponent(window.location.hash.replace(/^#/, '')) || null;
  } catch {
    return null;
  }
}

/** Shows a room: through the address (#room), so Back/Forward and links work; an unchanged hash opens it anyway. */
function navigate(room) {
  if (window.location.hash !== `#${room}`) window.location.hash = room;
  else window.dispatchEvent(new HashChangeEvent('hashchange'));
}

async function main() {
  // ----- configuration and services -----
  const page = readPageConfig(document, window.location);
  const t = loadStrings(document.getElementById('i18n'));
  const locale = document.documentElement.lang || navigator.language;
  const storage = safeStorage();
  const settings = new ClientSettings(page.settings);
  const rest = new RestClient({ apiBase: page.apiBase, csrf: page.csrf });
  const goToLogin = (query = '') => window.location.assign(`${page.loginUrl}${query}`);
  let closedByUs = false;

  const connection = new Connection({
    wsUrl: page.wsUrl,
    // A rejection carries .status; 401 means the login session is gone.
    fetchToken: async () => {
      try {
        return await rest.fetchToken();
      } catch (error) {
        const failure = new Error(error.message || 'token request failed');
        failure.status = error.status;
        throw failure;
      }
    },
    version: page.version,
    storage,
    isOnline: () => navigator.onLine !== false,
    settings,
  });

  // ----- views that depend on nothing else -----
  const notices = new Notices(byId('notices'));
  const statusBar = new StatusBar({
    state: byTestId('conn-state'),
    protocol: byTestId('protocol'),
    rtt: byId('status-rtt'),
    heartbeat: byTestId('heartbeat'),
    sendCounter: byId('send-heart-time'),
    getCounter: byId('get-heart-time'),
    buffered: byId('status-buffered'),
    lastClose: byId('status-last-close'),
    t,
  });
  const framesPanel = new FramesPanel({
    panel: byTestId('frames'),
    body: byId('frames-body'),
    scroller: byId('frames-scroller'),
    toggle: byTestId('frames-toggle'),
    clearButton: byId('frames-clear'),
    count: byId('frames-count'),
  });
  const reconnectUi = new ReconnectUi({
    toast: byTestId('toast'),
    dialog: byTestId('reconnect-dialog'),
    confirmButton: byTestId('reconnect-confirm'),
    cancelButton: byTestId('reconnect-cancel'),
    reachable: byTestId('reconnect-reachable'),
    healthCheck: httpHealthCheck(page.healthUrl),
    banner: byId('offline-banner'),
    bannerText: byId('offline-text'),
    retryButton: byTestId('reconnect-button'),
    onConfirm: () => connection.confirmReconnect(),
    onCancel: () => {
      connection.cancelReconnect();
      reconnectUi.showOffline(t('offline.cancelled'));
    },
    onRetry: () => connection.retry(),
  });
  // eslint-disable-next-line no-new
  new ThemeToggle({ button: byTestId('theme-toggle'), storage });
  // eslint-disable-next-line no-new
  new StatusToggle({ bar: byId('status-bar'), button: byTestId('status-toggle'), details: byId('status-details'), storage });
  const drawers = new LayoutDrawers({
    roomsToggle: byId('rooms-toggle'),
    presenceToggle: byId('presence-toggle'),
    scrim: byId('drawer-scrim'),
  });
  const sidebar = new RoomsSidebar({
    list: byTestId('rooms'),
    dmList: byTestId('dms'),
    dmEmpty: byId('dm-empty'),
    t,
    defaultRoom: page.defaultRoom,
    onSelect: (room) => {
      drawers.closeAll();
      navigate(room);
    },
  });
  const typing = new TypingTracker();
  const typingIndicator = new TypingIndicator({ node: byTestId('typing'), tracker: typing, t });
  let chat = null; // built below; the views built first reach it through these closures
  let membersPane = null;
  let profileCard = null;
  const openProfile = (user, anchor) => profileCard.open(user, anchor);
  const presencePanel = new PresencePanel({
    list: byTestId('presence'),
    count: byId('presence-count'),
    t,
    myUserid: page.me.userid,
    roleOf: (userid) => (membersPane ? membersPane.roleOf(userid) : null),
    onProfile: openProfile,
  });
  const attachmentViews = new AttachmentViews({ t, apiBase: page.apiBase });
  const history = new HistoryLoader({ rest });
  const messageList = new MessageList({
    scroller: byId('message-scroller'),
    list: byTestId('messages'),
    historyStatus: byId('history-status'),
    loadOlderButton: byId('load-older'),
    jumpButton: byId('jump-latest'),
    t,
    locale,
    attachmentView: (entry) => attachmentViews.view(entry),
    attachmentSource: (entry) => attachmentViews.source(entry),
    roomName: (room) => (chat ? chat.nameOf(room) : sidebar.nameOf(room)),
    onNearTop: (store) => history.loadOlder(store),
    me: { userid: page.me.userid, username: page.me.username },
    nameOf: (userid) => (chat ? chat.people.nameOf(userid, t('people.someone')) : userid),
    namesVersion: () => (chat ? chat.people.version : 0),
    onRead: (store, id) => chat && chat.markRead(store, id),
    onRendered: () => messageActions && messageActions.rendered(),
  });
  let messageActions = null;
  // eslint-disable-next-line no-new
  new Lightbox({
    dialog: byTestId('lightbox'),
    image: byId('lightbox-image'),
    caption: byId('lightbox-caption'),
    download: byId('lightbox-download'),
    closeButton: byTestId('lightbox-close'),
    list: byTestId('messages'),
  });

  const actionDialog = new ActionDialog({
    dialog: byId('action-dialog'),
    title: byId('action-title'),
    text: byId('action-text'),
    field: byId('action-field'),
    input: byTestId('action-input'),
    label: byId('action-label'),
    cancelButton: byTestId('action-cancel'),
    confirmButton: byTestId('action-confirm'),
  });
  const userPicker = new UserPicker({
    dialog: byId('user-picker'),
    title: byId('user-picker-title'),
    search: byTestId('user-picker-search'),
    list: byTestId('user-picker-list'),
    status: byId('user-picker-status'),
    closeButton: byId('user-picker-close'),
    rest,
    t,
    onSeen: (users) => chat && chat.people.learnAll(users),
  });
  const notifications = new DesktopNotifications({
    button: byTestId('notify-toggle'),
    label: byId('notify-label'),
    t,
    storage,
    userid: page.me.userid,
    onOpen: (room, id) => chat.jumpTo(room, id),
  });

  // ----- the chat state, then what acts on it -----
  const baseTitle = document.title;
  const roomHeader = new RoomHeader({
    title: byId('room-title'),
    topic: byTestId('room-topic'),
    kindIcon: byId('room-kind'),
    menuButton: byTestId('room-menu'),
    t,
    handlers: {
      members: () => drawers.showPresence(),
      add: (room) => addPeople(room),
      topic: (room) => editTopic(room),
      leave: (room) => leaveRoom(room),
      delete: (room) => deleteRoom(room),
    },
  });
  chat = new ChatRooms({
    me: page.me,
    defaultRoom: page.defaultRoom,
    connection,
    joined: new JoinedRooms({ storage, userid: page.me.userid, defaultRoom: page.defaultRoom }),
    history,
    typing,
    views: { sidebar, messageList, presencePanel, typingIndicator, roomHeader, notices, notifications },
    t,
    rest,
    storage,
    onTitleChange: (room, unread, mentions) => {
      const count = mentions > 0 ? `(${mentions}) ` : unread > 0 ? `(${unread}) ` : '';
      document.title = `${count}${room ? chat.nameOf(room) : ''} · ${baseTitle}`;
    },
  });
  membersPane = new MembersPane({
    title: byId('members-title'),
    count: byTestId('members-count'),
    offlineList: byTestId('members-offline'),
    offlineTitle: byId('members-offline-title'),
    addButton: byTestId('members-add'),
    moreButton: byId('members-more'),
    rest,
    t,
    people: chat.people,
    myUserid: page.me.userid,
    onAdd: (room) => addPeople(room),
    onProfile: openProfile,
    onRole: (room, role) => chat.noteRole(room, role),
    onLoaded: () => messageList.update(), // reactions name the members now known
  });
  chat.views.members = membersPane;
  chat.onRoomOpened((room, name, known) => membersPane.show(known || { id: room, name, kind: 'public' }));

  const isOnlineHere = (userid) => chat.presence.list(chat.current, '').some((u) => u.userid === userid);
  profileCard = new ProfileCard({
    t,
    myUserid: page.me.userid,
    context: () => ({ room: chat.room(chat.current), admin: chat.admin, canModerate: chat.canModerate(chat.current), isOnline: isOnlineHere }),
    actions: {
      message: async (user) => {
        const id = await chat.openDirect(user);
        if (id) navigate(id);
      },
      remove: async (user, room) => {
        const ok = await actionDialog.ask({ title: t('confirm.remove.title', user.display_name || user.username, chat.nameOf(room.id)),
          confirm: t('confirm.remove.ok'), danger: true });
        if (!ok) return;
        try {
          await rest.removeMember(room.id, user.userid);
          membersPane.show(chat.room(room.id) || room);
        } catch (error) {
          notices.show(error.detail || error.message || t('error.unknown'), 'error');
        }
      },
      ban: async (user) => {
        const ok = await actionDialog.ask({ title: t('confirm.ban.title', user.display_name || user.username),
          text: t('confirm.ban.text'), confirm: t('confirm.ban.ok'), danger: true });
        if (!ok) return;
        try {
          await rest.ban(user.userid);
          notices.show(t('profile.banned', user.display_name || user.username), 'info');
        } catch (error) {
          notices.show(error.detail || error.message || t('error.unknown'), 'error');
        }
      },
      unban: async (user) => {
        try {
          await rest.unban(user.userid);
          notices.show(t('profile.unbanned', user.display_name || user.username), 'info');
        } catch (error) {
          notices.show(error.detail || error.message || t('error.unknown'), 'error');
        }
      },
      lookup: async (user) => {
        const known = chat.people.get(user.userid);
        if (known && known.username) return known;
        const found = await rest.users(user.display_name || '', 20);
        chat.people.learnAll(found);
        return (found || []).find((u) => u.userid === user.userid) || null;
      },
    },
  });

  async function addPeople(room) {
    const members = new Set((membersPane.members || []).map((m) => m.userid));
    userPicker.open({
      title: t('members.addTitle', chat.nameOf(room.id)),
      exclude: [...members],
      onPick: async (user) => {
        try {
          await rest.addMember(room.id, user.userid);
          notices.show(t('members.added', user.display_name || user.username, chat.nameOf(room.id)), 'info');
          membersPane.show(chat.room(room.id) || room);
          return true;
        } catch (error) {
          notices.show(error.detail || error.message || t('error.unknown'), 'error');
          return false;
        }
      },
    });
  }

  async function editTopic(room) {
    const topic = await actionDialog.ask({ title: t('topic.title', chat.nameOf(room.id)), confirm: t('topic.ok'),
      input: { label: t('topic.label'), value: room.topic || '', maxLength: 250 } });
    if (topic === null) return;
    try {
      const updated = await rest.updateRoom(room.id, { topic: topic.trim() });
      chat.onRoomChange({ event: 'updated', room: updated || { ...room, topic: topic.trim() } });
    } catch (error) {
      notices.show(error.detail || error.message || t('error.unknown'), 'error');
    }
  }

  async function leaveRoom(room) {
    const ok = await actionDialog.ask({ title: t('confirm.leave.title', chat.nameOf(room.id)),
      text: room.kind === 'private' ? t('confirm.leave.private') : '', confirm: t('confirm.leave.ok'), danger: true });
    if (ok && await chat.leave(room.id)) navigate(page.defaultRoom);
  }

  async function deleteRoom(room) {
    const ok = await actionDialog.ask({ title: t('confirm.deleteRoom.title', chat.nameOf(room.id)),
      text: t('confirm.deleteRoom.text'), confirm: t('confirm.deleteRoom.ok'), danger: true });
    if (ok && await chat.deleteRoom(room.id)) navigate(page.defaultRoom);
  }
  history.subscribe({
    error: (error) => {
      if (error.status === 401) goToLogin();
      else if (error.status !== 404) notices.show(t('history.failed', error.detail || error.message || ''), 'error');
    },
  });
  const attachments = new AttachmentSender({
    connection,
    chat,
    notices,
    t,
    settings,
    progress: new UploadProgress({
      wrap: byId('upload'),
      progress: byTestId('upload-progress'),
      label: byId('upload-name'),
      readBuffered: () => connection.bufferedAmount,
    }),
  });
  const sendTyping = createThrottle(() => {
    if (chat.current) connection.typing(chat.current);
  }, () => settings.values.typingIntervalMs);
  const composer = new Composer({
    form: byId('composer-form'),
    textarea: byTestId('composer'),
    sendButton: byTestId('send'),
    fileInput: byTestId('file-input'),
    attachButton: byId('attach-button'),
    counter: byId('composer-counter'),
    t,
    settings,
    drafts: new Drafts({ storage, userid: page.me.userid }),
    onSend: (text, options) => chat.sendText(text, options),
    onTyping: () => sendTyping(),
    onFile: (file) => { attachments.send(file); },
    context: byTestId('composer-context'),
    contextText: byId('composer-context-text'),
    contextCancel: byTestId('composer-context-cancel'),
    onEditLast: () => (chat.current ? chat.store(chat.current).lastOwnEditable() : null),
    onSaveEdit: (entry, text) => chat.editMessage(entry, text),
  });
  chat.onRoomOpened((room, name) => composer.setRoom(room, name));
  composer.completion = new MentionComplete({
    textarea: byTestId('composer'),
    listbox: byTestId('mention-suggestions'),
    t,
    local: (query) => {
      const here = chat.presence.list(chat.current, '').map((u) => chat.people.get(u.userid) || u);
      const members = membersPane.members || [];
      const room = chat.canModerate(chat.current) && 'room'.startsWith(query)
        ? [{ userid: '', username: 'room', display_name: t('mentions.room') }] : [];
      return [...room, ...members, ...here, ...chat.people.withUsernames()].filter((u) => u.userid !== page.me.userid);
    },
    remote: (query) => rest.users(query, 10).then((users) => {
      chat.people.learnAll(users);
      return (users || []).filter((u) => u.userid !== page.me.userid);
    }),
  });

  // ----- actions on messages -----
  const emojiPicker = new EmojiPicker({ t });
  messageActions = new MessageActions({
    list: byTestId('messages'),
    t,
    entryOf: (key) => {
      const store = chat.current ? chat.store(chat.current) : null;
      return store ? store.list().find((e) => e.key === key) || null : null;
    },
    allowed: (entry) => ({
      react: entry.status === 'sent',
      reply: entry.status === 'sent',
      edit: entry.mine && Boolean(entry.text),
      delete: entry.mine || chat.canModerate(entry.room),
    }),
    handlers: {
      react: (entry, anchor) => emojiPicker.open(anchor, (emoji) => chat.toggleReaction(entry, emoji)),
      reply: (entry) => composer.startReply(entry),
      edit: (entry) => composer.startEdit(entry),
      delete: async (entry) => {
        const ok = await actionDialog.ask({ title: t('confirm.deleteMessage.title'), text: t('confirm.deleteMessage.text'),
          confirm: t('confirm.deleteMessage.ok'), danger: true });
        if (ok) chat.deleteMessage(entry);
      },
      toggleReaction: (entry, emoji) => chat.toggleReaction(entry, emoji),
      jumpReply: (entry, id) => chat.jumpTo(entry.room, id),
      profile: (entry, anchor) => openProfile(entry.from, anchor),
      composer: () => composer.focus(),
    },
  });
  // the author's avatar opens the card too
  byTestId('messages').addEventListener('click', (event) => {
    const avatarNode = event.target.closest('.message-gutter .avatar');
    const row = avatarNode && avatarNode.closest('[data-testid="message"]');
    if (!row) return;
    const entry = chat.store(chat.current).list().find((e) => e.key === row.dataset.key);
    if (entry) openProfile(entry.from, avatarNode);
  });

  // ----- rooms: browse, direct messages, search -----
  const roomBrowser = new RoomBrowser({
    dialog: byId('room-browser'),
    search: byTestId('room-browser-search'),
    list: byTestId('room-browser-list'),
    status: byId('room-browser-status'),
    moreButton: byId('room-browser-more'),
    closeButton: byTestId('room-browser-close'),
    createButton: byId('room-browser-create'),
    openButton: byTestId('room-browse'),
    rest,
    t,
    isMember: (id) => chat.directory.has(id),
    onJoined: (room) => {
      chat.addRoom(room);
      navigate(room.id);
    },
    onOpen: (id) => navigate(id),
    onCreate: () => byTestId('room-create').click(),
  });
  chat.onRoomChanges((event) => {
    if (event === 'created') roomBrowser.refresh();
  });
  byTestId('dm-new').addEventListener('click', () => userPicker.open({
    title: t('dm.newTitle'),
    onPick: async (user) => {
      const id = await chat.openDirect(user);
      if (id) {
        drawers.closeAll();
        navigate(id);
      }
      return Boolean(id);
    },
  }));
  const searchDialog = new SearchDialog({
    dialog: byId('search-dialog'),
    form: byId('search-form'),
    input: byTestId('search-input'),
    scope: byTestId('search-scope'),
    results: byTestId('search-results'),
    status: byId('search-status'),
    moreButton: byTestId('search-more'),
    closeButton: byId('search-close'),
    rest,
    t,
    locale,
    currentRoom: () => chat.current,
    roomName: (room) => chat.nameOf(room),
    resolveRoom: async (room) => (chat.room(room) ? null : chat.decorate(await rest.room(room)).name),
    onJump: (room, id) => {
      drawers.closeAll();
      if (room !== chat.current && window.location.hash !== `#${room}`) {
        pendingJump = { room, id };
        navigate(room);
      } else {
        chat.jumpTo(room, id);
      }
    },
  });
  let pendingJump = null;
  byTestId('search-open').addEventListener('click', () => searchDialog.open());

  // eslint-disable-next-line no-new
  new RoomCreateDialog({
    dialog: byId('room-create-dialog'),
    form: byId('room-create-form'),
    nameInput: byId('room-create-name'),
    idInput: byId('room-create-id'),
    error: byId('room-create-error'),
    cancelButton: byId('room-create-cancel'),
    openButton: byTestId('room-create'),
    topicInput: byTestId('room-create-topic'),
    privateInput: byTestId('room-create-private'),
    rest,
    t,
    onCreated: (room) => {
      chat.addRoom({ created_by: page.me.userid, ...room });
      navigate(room.id);
    },
  });

  async function refreshRooms() {
    const requestedAt = Date.now();
    try {
      const rooms = await rest.listRooms();
      chat.setRooms(rooms, requestedAt);
      return rooms;
    } catch (error) {
      if (error.status === 401) goToLogin();
      return null;
    }
  }
  chat.refreshRooms = refreshRooms;

  // ----- connection events -----
  connection.on('message-update', ({ message }) => chat.onMessageUpdate(message));
  connection.on('notify', (frame) => chat.onNotify(frame));
  connection.on('room-change', (change) => chat.onRoomChange(change));
  connection.on('read-marker', (marker) => chat.onReadMarker(marker));
  const wiring = wireConnectionEvents({
    connection,
    chat,
    attachments: attachmentViews,
    statusBar,
    framesPanel,
    reconnectUi,
    t,
    onWelcome: () => refreshRooms(),
    onAuthFailed: () => goToLogin(),
    onBanned: () => goToLogin('?banned'),
    isClosedByUs: () => closedByUs,
  });

  // ----- browser events -----
  window.addEventListener('online', () => connection.online());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      connection.visible();
      chat.pageVisible();
    }
  });
  window.addEventListener('focus', () => chat.pageVisible());
  window.addEventListener('hashchange', () => {
    const room = roomFromHash();
    const fromSidebar = byId('sidebar').contains(document.activeElement);
    const jump = pendingJump && pendingJump.room === room ? pendingJump : null;
    pendingJump = null;
    if (room && room !== chat.current) chat.open(room, jump ? { jumpTo: jump.id } : {});
    else if (jump) chat.jumpTo(jump.room, jump.id);
    if (fromSidebar) composer.focus();
  });
  // Leaving the page is a close we asked for: it never reconnects.
  window.addEventListener('pagehide', () => {
    closedByUs = true;
    connection.close();
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      closedByUs = false;
      connection.connect();
    }
  });
  const logoutForm = byId('logout-form');
  logoutForm.addEventListener('submit', (event) => {
    event.preventDefault();
    closedByUs = true;
    connection.close();
    HTMLFormElement.prototype.submit.call(logoutForm);
  });
  document.addEventListener('keydown', (event) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      const next = sidebar.neighbour(chat.current, event.key === 'ArrowUp' ? -1 : 1);
      if (next) navigate(next);
      return;
    }
    // Ctrl+K / ⌘K anywhere, or "/" outside a text field: search
    const typing = event.target.closest && event.target.closest('input, textarea, select, [contenteditable="true"]');
    const searchKey = ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k')
      || (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey);
    if (searchKey && !document.querySelector('dialog[open]:not(.toast)')) {
      event.preventDefault();
      searchDialog.open();
    }
  });

  setInterval(() => {
    if (wiring.stateName === 'OPEN') connection.ping();
  }, PING_EVERY_MS);
  setInterval(() => {
    if (document.visibilityState === 'visible') refreshRooms();
  }, ROOMS_REFRESH_MS);

  // ----- start -----
  statusBar.setState('CLOSED');
  statusBar.setCounters({ sendHeartTime: 0, getHeartTime: 0 });
  statusBar.setRtt(null);
  // Rooms first (the user's memberships), then join, then connect: the connection sends the joins once the
  // welcome arrives. Who am I: an admin may delete any message and room, and ban.
  const [knownRooms] = await Promise.all([
    refreshRooms(),
    rest.me().then((me) => { chat.admin = Boolean(me && me.admin); }).catch(() => {}),
  ]);
  chat.start(roomFromHash(), knownRooms);
  connection.connect();
  composer.focus();
  document.body.classList.add('ready');
}

main().catch((error) => {
  // The page still shows; say what broke instead of failing silently.
  console.error('Pulse Chat failed to start', error);
  const box = document.getElementById('notices');
  if (box) {
    const notice = document.createElement('div');
    notice.className = 'notice notice-error';
    notice.setAttribute('role', 'alert');
    notice.textContent = `Pulse Chat failed to start: ${error && error.message ? error.message : error}`;
    box.appendChild(notice);
  }
});
