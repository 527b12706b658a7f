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

const PING_EVERY_MS = 10000;     // the status bar's round-trip time
const ROOMS_REFRESH_MS = 60000;  // rooms created by others appear within a minute

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
    t,
    defaultRoom: page.defaultRoom,
    onSelect: (room) => {
      drawers.closeAll();
      navigate(room);
    },
  });
  const typing = new TypingTracker();
  const typingIndicator = new TypingIndicator({ node: byTestId('typing'), tracker: typing, t });
  const presencePanel = new PresencePanel({ list: byTestId('presence'), count: byId('presence-count'), t, myUserid: page.me.userid });
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
    roomName: (room) => sidebar.nameOf(room),
    onNearTop: (store) => history.loadOlder(store),
  });
  // eslint-disable-next-line no-new
  new Lightbox({
    dialog: byTestId('lightbox'),
    image: byId('lightbox-image'),
    caption: byId('lightbox-caption'),
    download: byId('lightbox-download'),
    closeButton: byTestId('lightbox-close'),
    list: byTestId('messages'),
  });

  // ----- the chat state, then what acts on it -----
  const baseTitle = document.title;
  const chat = new ChatRooms({
    me: page.me,
    defaultRoom: page.defaultRoom,
    connection,
    joined: new JoinedRooms({ storage, userid: page.me.userid, defaultRoom: page.defaultRoom }),
    history,
    typing,
    views: { sidebar, messageList, presencePanel, typingIndicator, roomTitle: byId('room-title'), notices },
    t,
    onTitleChange: (room, unread) => {
      const prefix = unread > 0 ? `(${unread}) ` : '';
      document.title = `${prefix}${sidebar.nameOf(room)} · ${baseTitle}`;
    },
  });
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
    onSend: (text) => chat.sendText(text),
    onTyping: () => sendTyping(),
    onFile: (file) => { attachments.send(file); },
  });
  chat.onRoomOpened((room, name) => composer.setRoom(room, name));

  // eslint-disable-next-line no-new
  new RoomCreateDialog({
    dialog: byId('room-create-dialog'),
    form: byId('room-create-form'),
    nameInput: byId('room-create-name'),
    idInput: byId('room-create-id'),
    error: byId('room-create-error'),
    cancelButton: byId('room-create-cancel'),
    openButton: byTestId('room-create'),
    rest,
    t,
    onCreated: (room) => {
      sidebar.addRoom(room);
      navigate(room.id);
    },
  });

  async function refreshRooms() {
    try {
      const rooms = await rest.listRooms();
      sidebar.setRooms(rooms);
      return new Set((rooms || []).map((room) => room.id));
    } catch (error) {
      if (error.status === 401) goToLogin();
      return null;
    }
  }

  // ----- connection events -----
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
  window.addEventListener('hashchange', () => {
    const room = roomFromHash();
    const fromSidebar = byId('sidebar').contains(document.activeElement);
    if (room && room !== chat.current) chat.open(room);
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
  // Rooms first (remembered rooms that are gone are not joined), then join,
  // then connect: the connection sends the joins once the welcome arrives.
  const knownRooms = await refreshRooms();
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
