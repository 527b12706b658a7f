// The wire contract as the browser client uses it (docs/protocol.md): names for the numbers of
// protocol-constants.js, the values the contract fixes (path, default room, room ids, defaults of the
// limits), and pure helpers. No DOM, no dependencies: runs in the browser and in Node 20.
import {REQ, RESP, CLOSE, CLOSE_ACTION, ERROR, ERROR_RETRY} from './protocol-constants.js';

export {REQ, RESP, CLOSE, CLOSE_ACTION, ERROR, ERROR_RETRY};

/** WebSocket.readyState values 0..3 by name. */
export const READY_STATE_NAMES = Object.freeze(['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']);

/** Offered in this order; the server picks the first it speaks (section 3). */
export const SUBPROTOCOLS = Object.freeze(['superchat', 'chat']);

/** The WebSocket endpoint, relative to the server's context path (section 3). */
export const WS_PATH = '/ws/chat';

/** The room every user is in; it always exists (section 2). */
export const DEFAULT_ROOM = 'lobby';

/** Ids of public and private rooms (section 2). */
export const ROOM_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/**
 * What the client enforces and how it times itself, with the contract's defaults. The chat page renders
 * the server's values before the socket opens; the welcome's `heartbeat`, `reconnect` and `limits` win
 * once it arrives (settingsFromWelcome).
 */
export const DEFAULT_SETTINGS = Object.freeze({
  heartbeatSendAfterS: 55,        // send a heartbeat after this many seconds without sending one
  heartbeatTimeoutS: 70,          // presume the server gone after this many seconds without a frame
  serverIntervalS: 25,            // the server's own heartbeat interval (informational)
  reconnectDelayMs: 2000,         // wait before each automatic attempt ...
  reconnectJitterMs: 500,         // ... plus a random share of this, so a restart does not bring every client at once
  reconnectMaxAttempts: 5,        // automatic attempts before asking the user
  textMax: 4000,                  // code points of a message's text
  clientMsgIdMax: 64,             // code points
  textFrameMaxBytes: 65536,       // UTF-8 bytes of one whole text frame
  attachmentMaxBytes: 10485760,   // chat.attachments.max-size
  attachmentInlineMaxBytes: 262144,
  attachmentNameMax: 255,         // code points
  typingIntervalMs: 2000,         // at most one typing event per room and interval
  resumeMax: 500,
  emojiMax: 16,
  reactionsPerMessageMax: 20,
  replyExcerptMax: 200,
});

// welcome field -> settings name
const WELCOME_FIELDS = {
  heartbeat: {send_after_s: 'heartbeatSendAfterS', timeout_s: 'heartbeatTimeoutS', server_interval_s: 'serverIntervalS'},
  reconnect: {delay_ms: 'reconnectDelayMs', jitter_ms: 'reconnectJitterMs', max_attempts: 'reconnectMaxAttempts'},
  limits: {
    text_max: 'textMax', client_msg_id_max: 'clientMsgIdMax', text_frame_max_bytes: 'textFrameMaxBytes',
    attachment_max_bytes: 'attachmentMaxBytes', attachment_inline_max_bytes: 'attachmentInlineMaxBytes',
    attachment_name_max: 'attachmentNameMax', typing_interval_ms: 'typingIntervalMs', resume_max: 'resumeMax',
    emoji_max: 'emojiMax', reactions_per_message_max: 'reactionsPerMessageMax', reply_excerpt_max: 'replyExcerptMax',
  },
};

/** The settings a welcome frame carries (missing or invalid fields left out, so the current values stay). */
export function settingsFromWelcome(welcome) {
  const out = {};
  for (const [group, fields] of Object.entries(WELCOME_FIELDS)) {
    const source = welcome?.[group];
    if (!source || typeof source !== 'object') continue;
    for (const [field, name] of Object.entries(fields)) {
      const value = source[field];
      if (Number.isFinite(value) && value >= 0) out[name] = value;
    }
  }
  return out;
}

/** The live settings: defaults, then the page's values, then the welcome's. Listeners hear every change. */
export class ClientSettings {
  #values; #listeners = new Set();

  constructor(initial = {}) {
    this.#values = Object.freeze({...DEFAULT_SETTINGS, ...clean(initial)});
  }

  get values() { return this.#values; }

  apply(partial) {
    const changes = clean(partial);
    if (Object.entries(changes).every(([k, v]) => this.#values[k] === v)) return;
    this.#values = Object.freeze({...this.#values, ...changes});
    for (const fn of this.#listeners) fn(this.#values);
  }

  onChange(fn) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}

function clean(partial) {
  const out = {};
  for (const [k, v] of Object.entries(partial ?? {})) {
    if (k in DEFAULT_SETTINGS && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}

/** Length in Unicode code points, as the server counts `text`, `client_msg_id` and names. */
export function codePointLength(text) {
  let n = 0;
  for (const _ of String(text ?? '')) n++; // eslint-disable-line no-unused-vars
  return n;
}

export function isValidRoomId(id) {
  return ROOM_ID_PATTERN.test(String(id ?? ''));
}

const encoder = new TextEncoder();

function toUint8(data) {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new TypeError('expected an ArrayBuffer or a Uint8Array');
}

/**
 * Section 6 layout: a 4-byte big-endian length n, n bytes of UTF-8 JSON header, then the bytes.
 * @returns {Uint8Array}
 */
export function encodeBinaryFrame(headerObject, bytes) {
  const header = encoder.encode(JSON.stringify(headerObject));
  const body = toUint8(bytes);
  const out = new Uint8Array(4 + header.length + body.length);
  new DataView(out.buffer).setUint32(0, header.length, false);
  out.set(header, 4);
  out.set(body, 4 + header.length);
  return out;
}

/**
 * The inverse of encodeBinaryFrame. `bytes` is a view into the input, not a copy.
 * Throws an Error when the frame is too short, the length overruns it, or the header is not
 * a UTF-8 JSON object.
 * @returns {{header: object, bytes: Uint8Array}}
 */
export function decodeBinaryFrame(data) {
  const u8 = toUint8(data);
  if (u8.length < 4) throw new Error('binary frame shorter than its 4-byte length prefix');
  const n = new DataView(u8.buffer, u8.byteOffset, u8.byteLength).getUint32(0, false);
  if (4 + n > u8.length) throw new Error(`binary frame header length ${n} overruns the frame`);
  let header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(u8.subarray(4, 4 + n)));
  } catch (e) {
    throw new Error(`binary frame header is not UTF-8 JSON: ${e.message}`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new Error('binary frame header is not a JSON object');
  }
  return {header, bytes: u8.subarray(4 + n)};
}

/**
 * What the browser client does after the server (or the network) closed the socket (section 7):
 * 'stay', 'ask', 'reauth', 'banned' or 'reconnect' (every code CLOSE_ACTION does not list, like 1006).
 */
export function closeAction(code) {
  return CLOSE_ACTION[code] ?? 'reconnect';
}

/** Whether an outbox entry refused with this error code stays to be sent again. */
export function errorKeepsEntry(code) {
  return ERROR_RETRY[code] === true;
}

/**
 * A client_msg_id (1..64 chars). crypto.randomUUID only exists in secure contexts (https,
 * localhost), so plain-http deployments fall back to getRandomValues, then to Math.random.
 */
export function newClientMsgId() {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof c?.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
