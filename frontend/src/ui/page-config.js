// Reads what the server rendered into the chat page: the user, the client configuration (data-* attributes
// on #app) and the CSRF token (<meta> tags). The Content-Security-Policy forbids inline scripts, so nothing
// else is possible. Values the page leaves out fall back to the contract's (protocol.js).

import { WS_PATH, DEFAULT_ROOM } from '../protocol.js';

function number(value) {
  const parsed = Number(value);
  return value !== '' && value !== undefined && Number.isFinite(parsed) ? parsed : undefined;
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

/** The settings (protocol.js DEFAULT_SETTINGS names) the page renders; absent ones are left out. */
export function pageSettings(data) {
  const delayS = number(data.reconnectDelayS);
  const values = {
    heartbeatSendAfterS: number(data.heartbeatSendAfterS),
    heartbeatTimeoutS: number(data.heartbeatTimeoutS),
    reconnectDelayMs: delayS === undefined ? undefined : Math.round(delayS * 1000),
    reconnectMaxAttempts: number(data.reconnectMaxAttempts),
    attachmentMaxBytes: number(data.attachmentMaxBytes),
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

export function readPageConfig(doc = document, location = window.location) {
  const root = doc.getElementById('app');
  const data = root ? root.dataset : {};
  return {
    me: {
      userid: data.userid || '',
      username: data.username || '',
      displayName: data.displayName || data.username || '',
    },
    version: data.version || '',
    wsUrl: webSocketUrl(data.wsPath || WS_PATH, location),
    apiBase: (data.apiBase || '/api').replace(/\/$/, ''),
    loginUrl: data.loginUrl || '/login',
    healthUrl: data.healthUrl || '/actuator/health',
    defaultRoom: data.defaultRoom || DEFAULT_ROOM,
    settings: pageSettings(data),
    csrf: {
      token: meta(doc, '_csrf'),
      headerName: meta(doc, '_csrf_header') || 'X-CSRF-TOKEN',
    },
  };
}
