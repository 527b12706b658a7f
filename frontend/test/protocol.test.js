import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  REQ, RESP, READY_STATE_NAMES, SUBPROTOCOLS,
  encodeBinaryFrame, decodeBinaryFrame, closeAction, newClientMsgId,
} from '../src/protocol.js';

test('frame type numbers follow PROTOCOL sections 4 and 5', () => {
  assert.deepEqual({...REQ}, {PING: 1, SEND: 2, JOIN: 3, LEAVE: 4, TYPING: 5, RESUME: 6, HEARTBEAT: 8});
  assert.deepEqual({...RESP}, {PONG: 1, MESSAGE: 2, ROOM_EVENT: 3, ACK: 4, WELCOME: 5, RESUME_DONE: 6, HEARTBEAT: 8, ERROR: 9});
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
