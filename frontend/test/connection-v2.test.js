// Version 2 of the connection (docs/protocol.md sections 9-12): edit, delete, react, read, replies, the frames that
// come with them, and resuming by revision so that changes made while away arrive after a reconnect.
import {test, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {Connection} from '../src/connection.js';
import {FakeClock, FakeWebSocket, FakeStorage, flush} from './fakes.js';

beforeEach(() => FakeWebSocket.reset());

function setup() {
  const clock = new FakeClock();
  const conn = new Connection({
    wsUrl: 'ws://x/ws/chat', fetchToken: async () => ({userid: 'u1', token: 't'}), WebSocketImpl: FakeWebSocket,
    clock, storage: new FakeStorage(), random: () => 0,
  });
  const log = [];
  for (const type of ['message', 'message-update', 'notify', 'room-change', 'read-marker', 'resume-done']) {
    conn.on(type, payload => log.push([type, payload]));
  }
  const of = type => log.filter(([t]) => t === type).map(([, p]) => p);
  return {clock, conn, of};
}

async function connected(ctx) {
  ctx.conn.connect();
  await flush();
  const ws = FakeWebSocket.last();
  ws.open('superchat');
  ws.welcome();
  return ws;
}

async function reconnect(ctx) {
  FakeWebSocket.last().serverClose(1006);
  ctx.clock.advance(2000);
  await flush();
  const ws = FakeWebSocket.last();
  ws.open('superchat');
  ws.welcome();
  return ws;
}

const msg = (id, rev, extra = {}) => ({resp_type: 2, id, rev, room: 'lobby', from: {userid: 'u2'}, text: `m${id}`, ts: id, ...extra});

test('edit, delete, react and read go out as req_type 9..12; a reply carries reply_to, also from the outbox', async () => {
  const ctx = setup();
  assert.equal(ctx.conn.edit('lobby', 1, 'x'), false, 'not connected: nothing is sent');
  ctx.conn.join('lobby');
  const ws = await connected(ctx);
  assert.equal(ctx.conn.edit('lobby', 7, 'fixed'), true);
  ctx.conn.deleteMessage('lobby', 7);
  ctx.conn.react('lobby', 7, '👍', true);
  ctx.conn.react('lobby', 7, '👍', false);
  ctx.conn.read('lobby', 9);
  const cid = ctx.conn.send('lobby', 'answer', {replyTo: 7});
  assert.deepEqual(ws.json().slice(1), [
    {req_type: 9, room: 'lobby', id: 7, text: 'fixed'},
    {req_type: 10, room: 'lobby', id: 7},
    {req_type: 11, room: 'lobby', id: 7, emoji: '👍', add: true},
    {req_type: 11, room: 'lobby', id: 7, emoji: '👍', add: false},
    {req_type: 12, room: 'lobby', id: 9},
    {req_type: 2, room: 'lobby', text: 'answer', client_msg_id: cid, reply_to: 7},
  ]);
  const ws2 = await reconnect(ctx);
  assert.deepEqual(ws2.json().find(f => f.req_type === 2), {req_type: 2, room: 'lobby', text: 'answer', client_msg_id: cid, reply_to: 7},
    'the unacknowledged reply is resent as a reply');
});

test('message updates, notify, room changes and read markers become events', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ws.serverSend({...msg(3, 12, {text: 'edited', edited_at: 5}), resp_type: 10});
  ws.serverSend({resp_type: 11, room: 'dm-1', message: msg(1, 1, {room: 'dm-1'})});
  ws.serverSend({resp_type: 12, event: 'added', room: {id: 'secret', kind: 'private'}});
  ws.serverSend({resp_type: 13, room: 'lobby', last_read: 40});
  assert.equal(ctx.of('message-update')[0].message.text, 'edited');
  assert.equal(ctx.of('notify')[0].room, 'dm-1');
  assert.equal(ctx.of('notify')[0].message.id, 1);
  assert.deepEqual(ctx.of('room-change'), [{event: 'added', room: {id: 'secret', kind: 'private'}}]);
  assert.deepEqual(ctx.of('read-marker'), [{room: 'lobby', last_read: 40}]);
});

test('a reconnect resumes by since_rev; a replayed message already shown comes as an update', async () => {
  const ctx = setup();
  ctx.conn.join('lobby');
  ctx.conn.join('quiet');
  const ws = await connected(ctx);
  ws.serverSend(msg(5, 20));
  ws.serverSend({...msg(4, 21, {text: 'changed'}), resp_type: 10});
  assert.equal(ctx.conn.lastRev('lobby'), 21);
  ctx.conn.noteRev('quiet', 3); // learnt from a history page
  const ws2 = await reconnect(ctx);
  assert.deepEqual(ws2.json().filter(f => f.req_type === 6), [
    {req_type: 6, room: 'lobby', since_rev: 21}, {req_type: 6, room: 'quiet', since_rev: 3}]);
  ws2.serverSend(msg(5, 22, {replay: true, text: '', deleted: true}));
  ws2.serverSend(msg(6, 23, {replay: true}));
  ws2.serverSend({resp_type: 6, room: 'lobby', complete: true, rev: 23});
  assert.deepEqual(ctx.of('message-update').slice(1).map(u => [u.message.id, u.message.deleted, u.replay]), [[5, true, true]],
    'the deleted message (seen before) replaces the row');
  assert.deepEqual(ctx.of('message').map(m => [m.message.id, m.replay]), [[5, false], [6, true]]);
  assert.deepEqual(ctx.of('resume-done').at(-1), {room: 'lobby', complete: true, rev: 23});
  assert.equal(ctx.conn.lastRev('lobby'), 23);
});

test('revisions seen while a resume runs count only once it completes; an incomplete one stops at the replay', async () => {
  const ctx = setup();
  ctx.conn.join('lobby');
  const ws = await connected(ctx);
  ws.serverSend(msg(1, 10));
  let ws2 = await reconnect(ctx);
  ws2.serverSend(msg(2, 11, {replay: true}));
  ws2.serverSend(msg(9, 30)); // live, while the replay has not finished
  assert.equal(ctx.conn.lastRev('lobby'), 10, 'held back until resume-done');
  ws2 = await reconnect(ctx);
  assert.deepEqual(ws2.json().find(f => f.req_type === 6), {req_type: 6, room: 'lobby', since_rev: 10},
    'the socket dropped mid-resume: start again from the last complete revision');
  ws2.serverSend(msg(2, 11, {replay: true}));
  ws2.serverSend(msg(3, 12, {replay: true}));
  ws2.serverSend(msg(9, 30));
  ws2.serverSend({resp_type: 6, room: 'lobby', complete: false, rev: 40});
  assert.equal(ctx.conn.lastRev('lobby'), 12, 'incomplete: only as far as replayed');
  ws2 = await reconnect(ctx);
  ws2.serverSend({resp_type: 6, room: 'lobby', complete: true, rev: 40});
  assert.equal(ctx.conn.lastRev('lobby'), 40);
  ctx.conn.leave('lobby');
  assert.equal(ctx.conn.lastRev('lobby'), 0, 'a room left forgets its revision');
});

test('a room with no revision known resumes by after, as in version 1', async () => {
  const ctx = setup();
  ctx.conn.join('lobby');
  const ws = await connected(ctx);
  ws.serverSend({resp_type: 2, id: 8, room: 'lobby', from: {userid: 'u2'}, text: 'v1', ts: 1});
  const ws2 = await reconnect(ctx);
  assert.deepEqual(ws2.json().find(f => f.req_type === 6), {req_type: 6, room: 'lobby', after: 8});
});
