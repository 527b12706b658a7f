// Reads what the server rendered into the chat page: the user, the client
// configuration (data-* attributes on #app) and the CSRF token (<meta> tags).
// The Content-Security-Policy forbids inline scripts, so nothing else is possible.

function number(value, fallback) {
  const parsed = Number(value);
  return Number.isFinite(parsed) && value !== '' && value !== undefined ? parsed : fallback;
}

function meta(doc, name) {
  const node = doc.querySelector(`meta[name="${name}"]`);
  return node ? node.getAttribute('content') || '' : '';
}

/** Turns a context-relative path ("/ctx/ws/chat") into ws:// or wss:// on this host. */
export function webSocketUrl(path, location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

export function readPageConfig(doc = document, location = window.location) {
  const root = doc.getElementById('app');
  const data = root ? root.dataset : {};
  const wsPath = data.wsPath || '/ws/chat';
  return {
    me: {
      userid: data.userid || '',
      username: data.username || '',
      displayName: data.displayName || data.username || '',
    },
    version: data.version || '',
    wsUrl: webSocketUrl(wsPath, location),
    apiBase: (data.apiBase || '/api').replace(/\/$/, ''),
    loginUrl: data.loginUrl || '/login',
    defaultRoom: data.defaultRoom || 'lobby',
    config: {
      heartbeatSendAfterS: number(data.heartbeatSendAfterS, 55),
      heartbeatTimeoutS: number(data.heartbeatTimeoutS, 70),
      reconnectDelayS: number(data.reconnectDelayS, 2),
      reconnectMaxAttempts: number(data.reconnectMaxAttempts, 5),
    },
    csrf: {
      token: meta(doc, '_csrf'),
      headerName: meta(doc, '_csrf_header') || 'X-CSRF-TOKEN',
    },
  };
}
