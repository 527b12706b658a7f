// Entry module of the chat page (templates/chat.html). It reads the page's
// configuration, builds the views, creates the one Connection (connection.js
// owns the socket, the heartbeat and the reconnect rules) and wires the two.

import { Connection } from './connection.js';
import { readPageConfig } from './ui/page-config.js';
import { loadStrings } from './ui/i18n.js';
import { byId, byTestId } from './ui/dom.js';
import { RestClient } from './ui/rest-client.js';
import { RoomsSidebar } from './ui/rooms-sidebar.js';
import { RoomCreateDialog } from './ui/room-create-dialog.js';
import { MessageList } from './ui/message-list.js';
import { Composer } from './ui/composer.js';
import { PresencePanel } from './ui/presence-panel.js';
import { TypingIndicator } from './ui/typing-indicator.js';
import { StatusBar } from './ui/status-bar.js';
import { FramesPanel } from './ui/frames-panel.js';
import { ReconnectUi } from './ui/reconnect-ui.js';
import { Notices } from './ui/notices.js';
import { JoinedRooms } from './ui/joined-rooms.js';
import { HistoryLoader } from './ui/history-loader.js';
import { ChatRooms } from './ui/chat-rooms.js';
import { UploadProgress } from './ui/upload-progress.js';
import { AttachmentFlow } from './ui/attachment-flow.js';
import { LayoutDrawers } from './ui/layout-drawers.js';
import { wireConnectionEvents } from './ui/connection-events.js';
import { createThrottle } from './ui/throttle.js';

const PING_EVERY_MS = 10000;
const ROOMS_REFRESH_MS = 60000;
const TYPING_THROTTLE_MS = 2000;

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

async function main() {
  const page = readPageConfig(document, window.location);
  const t = loadStrings(document.getElementById('i18n'));
  const locale = document.documentElement.lang || navigator.language;
  const rest = new RestClient({ apiBase: page.apiBase, csrf: page.csrf });
  const storage = safeStorage();
  const goToLogin = () => window.location.assign(page.loginUrl);
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
    config: page.config,
  });

  // ----- views -----
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
  const drawers = new LayoutDrawers({
    roomsToggle: byId('rooms-toggle'),
    presenceToggle: byId('presence-toggle'),
    scrim: byId('drawer-scrim'),
  });

  // chat, attachments and the message list refer to each other; all exist before any event.
  let chat;
  let attachments;
  const messageList = new MessageList({
    scroller: byId('message-scroller'),
    list: byTestId('messages'),
    historyStatus: byId('history-status'),
    loadOlderButton: byId('load-older'),
    jumpButton: byId('jump-latest'),
    t,
    locale,
    attachmentView: (entry) => attachments.view(entry),
    attachmentSource: (entry) => attachments.source(entry),
    onNearTop: () => chat.loadOlder(),
  });
  const sidebar = new RoomsSidebar({
    list: byTestId('rooms'),
    t,
    defaultRoom: page.defaultRoom,
    onSelect: (room) => {
      drawers.closeAll();
      if (window.location.hash !== `#${room}`) window.location.hash = room;
      else chat.open(room);
      composer.focus();
    },
  });
  const sendTyping = createThrottle(() => {
    if (chat.current) connection.typing(chat.current);
  }, TYPING_THROTTLE_MS);
  const composer = new Composer({
    form: byId('composer-form'),
    textarea: byTestId('composer'),
    sendButton: byTestId('send'),
    fileInput: byTestId('file-input'),
    attachButton: byId('attach-button'),
    counter: byId('composer-counter'),
    t,
    onSend: (text) => chat.sendText(text),
    onTyping: () => sendTyping(),
    onFile: (file) => { attachments.send(file); },
  });
  const history = new HistoryLoader({
    rest,
    onChange: (room, change) => chat.onHistoryChange(room, change),
    onError: (error, room) => {
      if (error.status === 401) goToLogin();
      else if (error.status === 404) chat.dropRoom(room);
      else notices.show(t('history.failed', error.detail || error.message || ''), 'error');
    },
  });

  const baseTitle = document.title;
  chat = new ChatRooms({
    me: page.me,
    defaultRoom: page.defaultRoom,
    connection,
    joined: new JoinedRooms({ storage, userid: page.me.userid, defaultRoom: page.defaultRoom }),
    history,
    views: {
      sidebar,
      messageList,
      presencePanel: new PresencePanel({ list: byTestId('presence'), count: byId('presence-count'), t, myUserid: page.me.userid }),
      typingIndicator: null,
      composer,
      roomTitle: byId('room-title'),
      notices,
    },
    t,
    onTitleChange: (room, unread) => {
      const prefix = unread > 0 ? `(${unread}) ` : '';
      document.title = `${prefix}#${room} · ${baseTitle}`;
    },
  });
  chat.views.typingIndicator = new TypingIndicator({ node: byTestId('typing'), tracker: chat.typing, t });
  attachments = new AttachmentFlow({
    connection,
    chat,
    notices,
    t,
    apiBase: page.apiBase,
    onImageLoad: () => messageList.contentGrew(),
    progress: new UploadProgress({
      wrap: byId('upload'),
      progress: byTestId('upload-progress'),
      label: byId('upload-name'),
      readBuffered: () => connection.bufferedAmount,
    }),
  });

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
      window.location.hash = room.id;
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
    attachments,
    statusBar,
    framesPanel,
    reconnectUi,
    t,
    onWelcome: () => refreshRooms(),
    onAuthFailed: goToLogin,
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
    if (room && room !== chat.current) chat.open(room);
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
      if (next) window.location.hash = next;
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
