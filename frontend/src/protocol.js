// Pulse Chat wire contract, version 1 (shared/PROTOCOL.md): constants and the pure helpers.
// No DOM, no dependencies: runs in the browser and in Node 20.

/** Client to server frame types (section 4). */
export const REQ = Object.freeze({PING: 1, SEND: 2, JOIN: 3, LEAVE: 4, TYPING: 5, RESUME: 6, HEARTBEAT: 8});

/** Server to client frame types (section 5). */
export const RESP = Object.freeze({
  PONG: 1, MESSAGE: 2, ROOM_EVENT: 3, ACK: 4, WELCOME: 5, RESUME_DONE: 6, HEARTBEAT: 8, ERROR: 9,
});

/** WebSocket.readyState values 0..3 by name. */
export const READY_STATE_NAMES = Object.freeze(['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']);

/** Offered in this order; the server picks the first it speaks (section 3). */
export const SUBPROTOCOLS = Object.freeze(['superchat', 'chat']);

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
 * 'stay' on 1000, 'ask' on 1008, 'reauth' on 4401, 'reconnect' on everything else
 * (1001, 1003, 1006, 1007, 1009, 1011, 1013, 4000, ...).
 */
export function closeAction(code) {
  switch (code) {
    case 1000: return 'stay';
    case 1008: return 'ask';
    case 4401: return 'reauth';
    default: return 'reconnect';
  }
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
