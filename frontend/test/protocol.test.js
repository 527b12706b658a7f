import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  REQ, RESP, CLOSE, CLOSE_ACTION, ERROR, ERROR_RETRY, READY_STATE_NAMES, SUBPROTOCOLS, WS_PATH, DEFAULT_ROOM,
  DEFAULT_SETTINGS, ClientSettings, settingsFromWelcome, codePointLength, isValidRoomId, errorKeepsEntry,
  encodeBinaryFrame, decodeBinaryFrame, closeAction, newClientMsgId,
} from '../src/protocol.js';
import * as constants from '../src/protocol-constants.js';

test('protocol-constants.js exports exactly the agreed frozen objects (sections 4, 5, 7)', () => {
  assert.deepEqual(Object.keys(constants).sort(), ['CLOSE', 'CLOSE_ACTION', 'ERROR', 'ERROR_RETRY', 'REQ', 'RESP']);
  for (const value of Object.values(constants)) assert.ok(Object.isFrozen(value));
  assert.deepEqual({...REQ}, {PING: 1, SEND: 2, JOIN: 3, LEAVE: 4, TYPING: 5, RESUME: 6, HEARTBEAT: 8, EDIT: 9, DELETE: 10, REACT: 11, READ: 12});
  assert.deepEqual({...RESP}, {PONG: 1, MESSAGE: 2, ROOM_EVENT: 3, ACK: 4, WELCOME: 5, RESUME_DONE: 6, HEARTBEAT: 8, ERROR: 9,
    MESSAGE_UPDATE: 10, NOTIFY: 11, ROOM_CHANGE: 12, READ_MARKER: 13});
  assert.deepEqual({...CLOSE}, {NORMAL: 1000, GOING_AWAY: 1001, UNSUPPORTED_DATA: 1003, BAD_DATA: 1007, POLICY: 1008, TOO_BIG: 1009,
    SERVER_ERROR: 1011, TRY_AGAIN_LATER: 1013, HEARTBEAT_TIMEOUT: 4000, AUTH_ENDED: 4401, BANNED: 4403});
  assert.deepEqual({...CLOSE_ACTION}, {1000: 'stay', 1001: 'reconnect', 1003: 'reconnect', 1007: 'reconnect', 1008: 'ask',
    1009: 'reconnect', 1011: 'reconnect', 1013: 'reconnect', 4000: 'reconnect', 4401: 'reauth', 4403: 'banned'});
  assert.deepEqual({...ERROR}, {BAD_JSON: 'bad_json', UNKNOWN_TYPE: 'unknown_type', BAD_REQUEST: 'bad_request',
    NO_SUCH_ROOM: 'no_such_room', NOT_MEMBER: 'not_member', UNSUPPORTED: 'unsupported', RATE_LIMITED: 'rate_limited',
    FORBIDDEN: 'forbidden', NOT_FOUND: 'not_found'});
  assert.deepEqual({...ERROR_RETRY}, {rate_limited: true});
  assert.equal(errorKeepsEntry('rate_limited'), true);
  for (const code of Object.values(ERROR).filter(c => c !== 'rate_limited')) assert.equal(errorKeepsEntry(code), false, code);
});

test('frame type numbers, ready states, subprotocols, path and default room', () => {
  assert.equal(WS_PATH, '/ws/chat');
  assert.equal(DEFAULT_ROOM, 'lobby');
  assert.ok(isValidRoomId(DEFAULT_ROOM));
  assert.deepEqual([...READY_STATE_NAMES], ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']);
  assert.deepEqual([...SUBPROTOCOLS], ['superchat', 'chat']);
});

test('binary frame: big-endian UTF-8 header length, header, bytes; round trip', () => {
  const header = {room: 'lobby', name: '照片 ü.png', type: 'image/png', client_msg_id: 'c-1'};
  const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
  const frame = encodeBinaryFrame(header, bytes);
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  assert.ok(headerBytes.length > JSON.stringify(header).length, 'the name needs multi-byte UTF-8');
  assert.deepEqual([...frame.subarray(0, 4)], [0, 0, 0, headerBytes.length]);
  assert.equal(frame.length, 4 + headerBytes.length + bytes.length);
  assert.deepEqual([...frame.subarray(4 + headerBytes.length)], [...bytes]);

  const fromBuffer = decodeBinaryFrame(frame.slice().buffer);
  assert.deepEqual(fromBuffer.header, header);
  assert.deepEqual([...fromBuffer.bytes], [...bytes]);

  // a Uint8Array view that does not start at offset 0 of its buffer
  const padded = new Uint8Array(frame.length + 3);
  padded.set(frame, 3);
  const fromView = decodeBinaryFrame(padded.subarray(3));
  assert.deepEqual(fromView.header, header);
  assert.deepEqual([...fromView.bytes], [...bytes]);
});

test('binary frame: headers longer than 255 bytes use all four length bytes', () => {
  const header = {name: 'x'.repeat(70000)};
  const frame = encodeBinaryFrame(header, new Uint8Array(0));
  const n = JSON.stringify(header).length;
  assert.deepEqual([...frame.subarray(0, 4)], [0, n >> 16, (n >> 8) & 255, n & 255]);
  const {header: back, bytes} = decodeBinaryFrame(frame);
  assert.equal(back.name.length, 70000);
  assert.equal(bytes.length, 0);
});

test('decodeBinaryFrame throws on malformed frames', () => {
  const withHeader = raw => {
    const out = new Uint8Array(4 + raw.length);
    new DataView(out.buffer).setUint32(0, raw.length);
    out.set(raw, 4);
    return out;
  };
  const text = s => new TextEncoder().encode(s);
  assert.throws(() => decodeBinaryFrame(new Uint8Array([0, 0, 1])), /shorter/);
  assert.throws(() => decodeBinaryFrame(new Uint8Array([0, 0, 0, 9, 123, 125])), /overruns/);
  assert.throws(() => decodeBinaryFrame(withHeader(text('{"a":'))), /not UTF-8 JSON/);
  assert.throws(() => decodeBinaryFrame(withHeader(new Uint8Array([0x7b, 0xff, 0x7d]))), /not UTF-8 JSON/);
  assert.throws(() => decodeBinaryFrame(withHeader(text('[1,2]'))), /not a JSON object/);
  assert.throws(() => decodeBinaryFrame(withHeader(text('null'))), /not a JSON object/);
  assert.throws(() => decodeBinaryFrame('text'), TypeError);
});

test('closeAction maps close codes to section 7', () => {
  assert.equal(closeAction(1000), 'stay');
  assert.equal(closeAction(1008), 'ask');
  assert.equal(closeAction(4401), 'reauth');
  assert.equal(closeAction(4403), 'banned');
  for (const code of [1001, 1003, 1006, 1007, 1009, 1011, 1013, 4000]) assert.equal(closeAction(code), 'reconnect', code);
});

test('newClientMsgId is unique and 1..64 chars, also without crypto.randomUUID (plain http)', () => {
  const ids = new Set(Array.from({length: 500}, newClientMsgId));
  assert.equal(ids.size, 500);
  for (const id of ids) assert.ok(id.length >= 1 && id.length <= 64, id);

  const real = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  const realCrypto = globalThis.crypto;
  const calls = [];
  Object.defineProperty(globalThis, 'crypto', {
    configurable: true,
    value: {getRandomValues: a => { calls.push(a.length); return realCrypto.getRandomValues(a); }},
  });
  try {
    const a = newClientMsgId();
    const b = newClientMsgId();
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.notEqual(a, b);
    assert.deepEqual(calls, [16, 16]);
  } finally {
    Object.defineProperty(globalThis, 'crypto', real);
  }
});

test('settings: defaults of client-contract, the page then the welcome win, bad values are ignored', () => {
  assert.deepEqual({...DEFAULT_SETTINGS}, {
    heartbeatSendAfterS: 55, heartbeatTimeoutS: 70, serverIntervalS: 25,
    reconnectDelayMs: 2000, reconnectJitterMs: 500, reconnectMaxAttempts: 5,
    textMax: 4000, clientMsgIdMax: 64, textFrameMaxBytes: 65536, attachmentMaxBytes: 10485760,
    attachmentInlineMaxBytes: 262144, attachmentNameMax: 255, typingIntervalMs: 2000, resumeMax: 500,
    emojiMax: 16, reactionsPerMessageMax: 20, replyExcerptMax: 200,
  });
  const settings = new ClientSettings({attachmentMaxBytes: 1024, reconnectDelayMs: Number.NaN, unknown: 3});
  assert.equal(settings.values.attachmentMaxBytes, 1024);
  assert.equal(settings.values.reconnectDelayMs, 2000);
  assert.equal('unknown' in settings.values, false);
  const seen = [];
  settings.onChange(v => seen.push(v.textMax));
  const welcome = {
    resp_type: 5, heartbeat: {send_after_s: 30, timeout_s: 40, server_interval_s: 10},
    reconnect: {delay_ms: 1000, jitter_ms: 100, max_attempts: 3},
    limits: {text_max: 2000, attachment_max_bytes: 5, typing_interval_ms: 'soon', emoji_max: -1},
  };
  assert.deepEqual(settingsFromWelcome(welcome), {
    heartbeatSendAfterS: 30, heartbeatTimeoutS: 40, serverIntervalS: 10,
    reconnectDelayMs: 1000, reconnectJitterMs: 100, reconnectMaxAttempts: 3, textMax: 2000, attachmentMaxBytes: 5,
  });
  settings.apply(settingsFromWelcome(welcome));
  assert.equal(settings.values.attachmentMaxBytes, 5);
  assert.equal(settings.values.typingIntervalMs, 2000);
  assert.deepEqual(seen, [2000]);
  settings.apply(settingsFromWelcome(welcome));
  assert.deepEqual(seen, [2000], 'no change, no event');
  assert.deepEqual(settingsFromWelcome({resp_type: 5, heartbeat: {send_after_s: 55, timeout_s: 70}}),
    {heartbeatSendAfterS: 55, heartbeatTimeoutS: 70}, 'a version-1 welcome');
});

test('codePointLength counts code points like the server, not UTF-16 units', () => {
  assert.equal(codePointLength(''), 0);
  assert.equal(codePointLength('abc'), 3);
  assert.equal(codePointLength('设计团队'), 4);
  assert.equal(codePointLength('😀'.repeat(3000)), 3000);
  assert.equal('😀'.repeat(3000).length, 6000);
  assert.equal(codePointLength('👍🏽'), 2, 'a skin-tone emoji is two code points');
});
