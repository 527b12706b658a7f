// Connects the Connection's events to the views: status bar, frames panel,
// reconnect toast/dialog/banner, and the chat state.

export function wireConnectionEvents({ connection, chat, attachments, statusBar, framesPanel, reconnectUi, t, onWelcome, onAuthFailed, onBanned, isClosedByUs }) {
  let stateName = 'CLOSED';

  const refreshFacts = () => {
    statusBar.setProtocol(connection.protocol);
    statusBar.setLastClose(connection.lastClose);
    statusBar.setBuffered(connection.bufferedAmount);
  };

  connection.on('state', ({ name }) => {
    stateName = name;
    statusBar.setState(name);
    refreshFacts();
    if (name !== 'OPEN') statusBar.setCounters(connection.counters);
    // The server ended the session normally (1000): the connection stays
    // closed, so offer the way back.
    const close = connection.lastClose;
    if (name === 'CLOSED' && !isClosedByUs() && close && close.code === 1000) {
      reconnectUi.showOffline(t('offline.generic'));
    }
  });
  connection.on('welcome', (welcome) => {
    statusBar.setProtocol(welcome.protocol || connection.protocol);
    reconnectUi.connected();
    connection.ping();
    onWelcome(welcome);
  });
  connection.on('message', ({ message, replay }) => chat.onMessage(message, { replay }));
  connection.on('attachment', ({ header, bytes }) => {
    attachments.received(header, bytes);
    if (header) chat.onMessage(header);
  });
  connection.on('ack', (ack) => chat.onAck(ack));
  connection.on('room-event', (event) => chat.onRoomEvent(event));
  connection.on('resume-done', (done) => chat.onResumeDone(done));
  connection.on('error-frame', (frame) => chat.onErrorFrame(frame));
  connection.on('frame', (frame) => framesPanel.add(frame));
  connection.on('tick', (tick) => {
    statusBar.setCounters(tick);
    statusBar.setBuffered(tick.bufferedAmount);
  });
  connection.on('rtt', ({ ms }) => statusBar.setRtt(ms));
  connection.on('toast', ({ show }) => reconnectUi.showToast(show));
  connection.on('ask-reconnect', () => reconnectUi.ask());
  connection.on('offline', ({ reason } = {}) => {
    const key = `offline.${reason}`;
    const text = t(key) === key ? t('offline.generic') : t(key);
    reconnectUi.showToast(false);
    reconnectUi.showOffline(text);
  });
  connection.on('auth-failed', onAuthFailed);
  // 4403: never reconnect; the login page says the account is banned
  connection.on('banned', onBanned);

  refreshFacts();
  return {
    get stateName() {
      return stateName;
    },
  };
}
