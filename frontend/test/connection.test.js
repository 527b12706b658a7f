import {test, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {Connection} from '../src/connection.js';
import {encodeBinaryFrame, decodeBinaryFrame} from '../src/protocol.js';
import {FakeClock, FakeWebSocket, FakeStorage, flush} from './fakes.js';

const WS_URL = 'ws://localhost:8080/ws/chat';
const EVENTS = ['state', 'welcome', 'message', 'ack', 'room-event', 'error-frame', 'resume-done', 'attachment',
  'frame', 'tick', 'toast', 'ask-reconnect', 'offline', 'auth-failed', 'rtt', 'banned'];

beforeEach(() => FakeWebSocket.reset());

/** A Connection on fakes; `env.online` and `env.tokenError` steer isOnline() and fetchToken(). */
function setup({storage = null, online = true, userid = 'u1', random = () => 0} = {}) {
  const clock = new FakeClock();
  const env = {online, tokenError: null, tokenCalls: 0, userid};
  const fetchToken = async () => {
    env.tokenCalls++;
    if (env.tokenError) throw env.tokenError;
    return {userid: env.userid, token: `tok${env.tokenCalls}`};
  };
  const conn = new Connection({
    wsUrl: WS_URL, fetchToken, WebSocketImpl: FakeWebSocket, clock, storage, isOnline: () => env.online, random,
  });
  const log = [];
  for (const type of EVENTS) conn.on(type, payload => log.push([type, payload]));
  const of = type => log.filter(([t]) => t === type).map(([, p]) => p);
  const sockets = () => FakeWebSocket.instances.length;
  return {clock, env, conn, log, of, sockets};
}

/** connect(), the socket opens, the welcome arrives. */
async function connected(ctx, protocol = 'superchat') {
  ctx.conn.connect();
  await flush();
  const ws = FakeWebSocket.last();
  ws.open(protocol);
  ws.welcome();
  return ws;
}

/** Advance the clock, then let the token fetch run. */
async function tick(ctx, ms) {
  ctx.clock.advance(ms);
  await flush();
}

const heartbeats = ws => ws.json().filter(f => f.req_type === 8);
const status = code => Object.assign(new Error(`HTTP ${code}`), {status: code});

/** Initial socket fails, then all five automatic attempts fail before their welcome. */
async function exhaustAttempts(ctx) {
  ctx.conn.connect();
  await flush();
  FakeWebSocket.last().serverClose(1006);
  for (let i = 1; i <= 5; i++) {
    await tick(ctx, 2000);
    assert.equal(ctx.sockets(), i + 1);
    assert.equal(ctx.conn.attempts, i);
    FakeWebSocket.last().serverClose(1006);
  }
}

test('connect: fresh token, query string, both subprotocols, arraybuffer, state events', async () => {
  const ctx = setup();
  assert.equal(ctx.conn.readyState, 3);
  ctx.conn.connect();
  assert.equal(ctx.sockets(), 0, 'the socket waits for the token');
  await flush();
  const ws = FakeWebSocket.last();
  assert.equal(ctx.env.tokenCalls, 1);
  assert.equal(ws.url, `${WS_URL}?userid=u1&token=tok1&version=1&platform=micro-web`);
  assert.deepEqual(ws.protocols, ['superchat', 'chat']);
  assert.equal(ws.binaryType, 'arraybuffer');
  ws.open('chat');
  assert.equal(ctx.conn.protocol, 'chat');
  assert.deepEqual(ctx.of('state'), [{readyState: 0, name: 'CONNECTING'}, {readyState: 1, name: 'OPEN'}]);
  ws.welcome({session_id: 'abc'});
  assert.equal(ctx.of('welcome')[0].session_id, 'abc');
  ctx.conn.close();
  ws.serverClose(1000);
  assert.deepEqual(ctx.of('state').slice(2).map(s => s.name), ['CLOSING', 'CLOSED']);
  assert.deepEqual(ctx.conn.lastClose, {code: 1000, reason: '', wasClean: true});
});

test('rule 1: a tick every second while open, counters from the clock', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  assert.deepEqual(ctx.conn.counters, {sendHeartTime: 0, getHeartTime: 0});
  ctx.clock.advance(3000);
  assert.deepEqual(ctx.of('tick').map(t => t.sendHeartTime), [1, 2, 3]);
  assert.deepEqual(ctx.of('tick').at(-1), {sendHeartTime: 3, getHeartTime: 3, bufferedAmount: 0});
  assert.deepEqual(ctx.conn.counters, {sendHeartTime: 3, getHeartTime: 3});
  ctx.conn.close();
  ws.serverClose(1000);
  ctx.clock.advance(5000);
  assert.equal(ctx.of('tick').length, 3, 'no ticks once closed');
  assert.deepEqual(ctx.conn.counters, {sendHeartTime: 0, getHeartTime: 0});
  assert.equal(ctx.clock.pending, 0, 'no timer left behind');
});

test('rule 2: every received frame, text or binary, resets getHeartTime', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.clock.advance(30_000);
  assert.equal(ctx.conn.counters.getHeartTime, 30);
  ws.serverSend({resp_type: 3, room: 'lobby', event: 'typing', user: {userid: 'u2'}});
  assert.equal(ctx.conn.counters.getHeartTime, 0);
  assert.equal(ctx.conn.counters.sendHeartTime, 30, 'receiving does not touch sendHeartTime');
  ctx.clock.advance(12_000);
  assert.equal(ctx.conn.counters.getHeartTime, 12);
  ws.serverSend(encodeBinaryFrame({resp_type: 2, id: 1, room: 'lobby'}, new Uint8Array([1])));
  assert.equal(ctx.conn.counters.getHeartTime, 0);
});

test('rule 3: heartbeat at exactly 55 s, then again 55 s later', async () => {
  const ctx = setup();
  const t0 = ctx.clock.now();
  const ws = await connected(ctx);
  ctx.clock.advance(54_000);
  assert.equal(heartbeats(ws).length, 0);
  ctx.clock.advance(1000);
  assert.deepEqual(heartbeats(ws), [{req_type: 8, req_no: String(t0 + 55_000)}]);
  assert.equal(ctx.of('tick').at(-1).sendHeartTime, 55);
  assert.equal(ctx.conn.counters.sendHeartTime, 0);
  ws.serverSend({resp_type: 8, req_no: String(t0 + 55_000), server_time: 0});
  ctx.clock.advance(54_000);
  assert.equal(heartbeats(ws).length, 1);
  ctx.clock.advance(1000);
  assert.deepEqual(heartbeats(ws).map(h => h.req_no), [String(t0 + 55_000), String(t0 + 110_000)]);
});

test('rule 4: 70 s of silence closes the socket and reconnects after 2 s with a fresh token', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.clock.advance(69_000);
  assert.deepEqual(ws.closeCalls, []);
  ctx.clock.advance(1000);
  assert.deepEqual(ws.closeCalls, [{code: 4000, reason: 'heartbeat timeout'}]);
  assert.equal(ctx.conn.readyState, 2);
  assert.deepEqual(ctx.of('toast'), []);
  await tick(ctx, 1000);
  ws.serverClose(1006); // the dead socket's close event, after we closed it, changes nothing
  assert.equal(ctx.conn.readyState, 3);
  assert.deepEqual(ctx.conn.lastClose, {code: 1006, reason: '', wasClean: false});
  await tick(ctx, 999);
  assert.equal(ctx.sockets(), 1);
  assert.equal(ctx.env.tokenCalls, 1);
  await tick(ctx, 1);
  assert.deepEqual(ctx.of('toast'), [{show: true}]);
  assert.equal(ctx.env.tokenCalls, 2);
  assert.equal(ctx.sockets(), 2);
  assert.equal(FakeWebSocket.last().query.token, 'tok2');
  assert.equal(ctx.conn.attempts, 1);
  assert.equal(ctx.conn.readyState, 0);
  FakeWebSocket.last().open();
  FakeWebSocket.last().welcome();
  assert.equal(ctx.conn.attempts, 0);
  assert.deepEqual(ctx.of('toast'), [{show: true}, {show: false}]);
});

test("the server's heartbeat every 25 s keeps a quiet connection alive", async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  for (let i = 0; i < 12; i++) {
    ctx.clock.advance(25_000);
    ws.serverSend({resp_type: 8, server_time: ctx.clock.now()});
  }
  await flush();
  assert.deepEqual(ws.closeCalls, []);
  assert.equal(ctx.sockets(), 1);
  assert.equal(heartbeats(ws).length, 5, 'client heartbeats at 55, 110, 165, 220, 275 s');
});

test('a throttled tab: a 60 s jump sends the heartbeat and does not time out; 75 s silent does', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.clock.jump(60_000);
  assert.equal(ctx.of('tick').length, 1, 'one late tick, not sixty');
  assert.deepEqual(ctx.of('tick')[0], {sendHeartTime: 60, getHeartTime: 60, bufferedAmount: 0});
  assert.equal(heartbeats(ws).length, 1);
  assert.deepEqual(ws.closeCalls, []);
  assert.equal(ctx.conn.counters.sendHeartTime, 0);
  ctx.clock.jump(15_000); // 75 s since the last frame received
  assert.deepEqual(ws.closeCalls, [{code: 4000, reason: 'heartbeat timeout'}]);
});

test('visible() checks the heartbeat at once in a tab whose timers were throttled', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.clock.skip(80_000); // a frozen tab: no timer has fired yet
  assert.deepEqual(ws.closeCalls, []);
  ctx.conn.visible();
  assert.deepEqual(ws.closeCalls, [{code: 4000, reason: 'heartbeat timeout'}]);
});

test('rule 5: five failed attempts, then toast off and ask; confirm starts a fresh round', async () => {
  const ctx = setup();
  await exhaustAttempts(ctx);
  assert.equal(ctx.of('ask-reconnect').length, 1);
  assert.deepEqual(ctx.of('toast'), [{show: true}, {show: false}]);
  assert.deepEqual(ctx.log.filter(([t]) => t === 'toast' || t === 'ask-reconnect').at(-1), ['ask-reconnect', {}]);
  await tick(ctx, 60_000);
  assert.equal(ctx.sockets(), 6, 'no sixth automatic attempt');
  assert.equal(ctx.env.tokenCalls, 6);

  ctx.conn.confirmReconnect();
  assert.equal(ctx.conn.attempts, 0);
  await tick(ctx, 1999);
  assert.equal(ctx.sockets(), 6);
  await tick(ctx, 1);
  assert.equal(ctx.sockets(), 7);
  assert.equal(ctx.conn.attempts, 1);
  FakeWebSocket.last().open();
  assert.equal(ctx.conn.attempts, 1, 'the open event alone is no success');
  FakeWebSocket.last().welcome();
  assert.equal(ctx.conn.attempts, 0);
  assert.equal(ctx.of('toast').at(-1).show, false);
});

test('rule 5: a socket that opens but closes before its welcome is a failed attempt', async () => {
  const ctx = setup();
  await connected(ctx);
  FakeWebSocket.last().serverClose(1011);
  for (let i = 1; i <= 5; i++) {
    await tick(ctx, 2000);
    FakeWebSocket.last().open();
    FakeWebSocket.last().serverClose(1006);
  }
  assert.equal(ctx.of('ask-reconnect').length, 1);
});

test('rule 5: a token fetch that fails with network trouble is a failed attempt', async () => {
  const ctx = setup();
  await connected(ctx);
  ctx.env.tokenError = new TypeError('Failed to fetch');
  FakeWebSocket.last().serverClose(1006);
  for (let i = 1; i <= 5; i++) await tick(ctx, 2000);
  assert.equal(ctx.env.tokenCalls, 6);
  assert.equal(ctx.sockets(), 1);
  assert.equal(ctx.of('ask-reconnect').length, 1);
  assert.deepEqual(ctx.of('auth-failed'), []);
});

test('rule 5: cancel leaves the client offline; retry() tries at once', async () => {
  const ctx = setup();
  await exhaustAttempts(ctx);
  ctx.conn.cancelReconnect();
  assert.deepEqual(ctx.of('offline'), [{reason: 'cancelled'}]);
  await tick(ctx, 120_000);
  assert.equal(ctx.sockets(), 6);
  ctx.conn.retry();
  await flush();
  assert.equal(ctx.sockets(), 7);
  assert.equal(ctx.conn.attempts, 1);
  FakeWebSocket.last().open();
  FakeWebSocket.last().welcome();
  assert.equal(ctx.conn.attempts, 0);
  assert.equal(ctx.conn.readyState, 1);
});

test('rule 7: close() never reconnects, also from a pending reconnect or token fetch', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.conn.close();
  assert.deepEqual(ws.closeCalls, [{code: 1000, reason: ''}]);
  ws.serverSend({resp_type: 2, id: 1, room: 'lobby', text: 'late'});
  assert.deepEqual(ctx.of('message'), [], 'a socket we closed says nothing more');
  ws.serverClose(1006);
  ctx.conn.online();
  ctx.conn.visible();
  await tick(ctx, 60_000);
  assert.equal(ctx.sockets(), 1);

  ctx.conn.connect(); // logged in again
  await flush();
  FakeWebSocket.last().serverClose(1006); // reconnect timer pending
  ctx.conn.close();
  await tick(ctx, 60_000);
  assert.equal(ctx.sockets(), 2);

  ctx.conn.connect();
  ctx.conn.close(); // while the token is being fetched
  await tick(ctx, 60_000);
  assert.equal(ctx.sockets(), 2);
  assert.deepEqual(ctx.of('ask-reconnect'), []);
  assert.deepEqual(ctx.of('offline'), []);
  assert.equal(ctx.clock.pending, 0);
});

test('rule 7: a server close with 1000 stays closed', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ws.serverClose(1000, 'bye');
  ctx.conn.online();
  ctx.conn.visible();
  await tick(ctx, 60_000);
  assert.equal(ctx.sockets(), 1);
  assert.deepEqual(ctx.conn.lastClose, {code: 1000, reason: 'bye', wasClean: true});
  assert.deepEqual(ctx.of('ask-reconnect'), []);
  assert.deepEqual(ctx.of('toast'), []);
});

test('rule 8: 1008 asks at once instead of reconnecting', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ws.serverClose(1008, 'rate limit');
  assert.equal(ctx.of('ask-reconnect').length, 1);
  await tick(ctx, 60_000);
  assert.equal(ctx.sockets(), 1);
  ctx.conn.confirmReconnect();
  await tick(ctx, 2000);
  assert.equal(ctx.sockets(), 2);
});

test('rule 9: 4401 fetches a new token; a 401 goes to the login page', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.env.tokenError = status(401);
  ws.serverClose(4401, 'logged out');
  await flush();
  assert.equal(ctx.env.tokenCalls, 2);
  assert.deepEqual(ctx.of('auth-failed'), [{}]);
  assert.equal(ctx.of('toast').at(-1).show, false);
  ctx.conn.online();
  await tick(ctx, 60_000);
  assert.equal(ctx.sockets(), 1);
  assert.equal(ctx.env.tokenCalls, 2);
});

test('rule 9: 4401 with a token still available reconnects at once', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ws.serverClose(4401);
  await flush();
  assert.equal(ctx.sockets(), 2, 'no 2 s wait');
  assert.equal(FakeWebSocket.last().query.token, 'tok2');
  assert.deepEqual(ctx.of('auth-failed'), []);
});

test('rule 10: offline burns no attempts; online() tries at once', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.env.online = false;
  ws.serverClose(1006);
  assert.deepEqual(ctx.of('offline'), [{reason: 'browser-offline'}]);
  await tick(ctx, 120_000);
  assert.equal(ctx.sockets(), 1);
  assert.equal(ctx.conn.attempts, 0);
  ctx.env.online = true;
  ctx.conn.online();
  await flush();
  assert.equal(ctx.sockets(), 2);
  assert.equal(ctx.conn.attempts, 1);
});

test('rule 10: going offline during the 2 s wait counts nothing; visible() skips the wait', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ws.serverClose(1006);
  ctx.env.online = false;
  await tick(ctx, 2000);
  assert.deepEqual(ctx.of('offline'), [{reason: 'browser-offline'}]);
  assert.equal(ctx.conn.attempts, 0);
  assert.equal(ctx.sockets(), 1);
  ctx.env.online = true;
  await tick(ctx, 10_000);
  assert.equal(ctx.sockets(), 1, 'nothing happens until the UI forwards online/visible');
  ctx.conn.visible();
  await flush();
  assert.equal(ctx.sockets(), 2);

  FakeWebSocket.last().serverClose(1006); // waiting 2 s again
  ctx.conn.visible();
  await flush();
  assert.equal(ctx.sockets(), 3, 'visible() does not wait for the timer');
  await tick(ctx, 2000);
  assert.equal(ctx.sockets(), 3, 'and the timer is gone');
});

test('rule 6: the welcome re-joins, resumes from the last id, resends the outbox; no duplicates', async () => {
  const ctx = setup({storage: new FakeStorage()});
  ctx.conn.join('lobby');
  ctx.conn.join('dev');
  const ws = await connected(ctx);
  assert.deepEqual(ws.json(), [{req_type: 3, room: 'lobby'}, {req_type: 3, room: 'dev'}]);
  const msg = (room, id, extra = {}) => ({resp_type: 2, id, room, from: {userid: 'u2'}, text: `m${id}`, ts: id, ...extra});
  ws.serverSend(msg('lobby', 5));
  ws.serverSend(msg('lobby', 6));
  ws.serverSend(msg('dev', 3));
  ws.serverSend(msg('lobby', 6)); // duplicate delivery
  assert.deepEqual(ctx.of('message').map(m => [m.message.room, m.message.id, m.replay]),
    [['lobby', 5, false], ['lobby', 6, false], ['dev', 3, false]]);
  const cid = ctx.conn.send('lobby', 'hello');
  assert.deepEqual(ws.json().at(-1), {req_type: 2, room: 'lobby', text: 'hello', client_msg_id: cid});

  ws.serverClose(1006);
  await tick(ctx, 2000);
  const ws2 = FakeWebSocket.last();
  ws2.open();
  assert.deepEqual(ws2.json(), [], 'nothing before the welcome');
  ws2.welcome();
  assert.deepEqual(ws2.json(), [
    {req_type: 3, room: 'lobby'}, {req_type: 3, room: 'dev'},
    {req_type: 6, room: 'lobby', after: 6}, {req_type: 6, room: 'dev', after: 3},
    {req_type: 2, room: 'lobby', text: 'hello', client_msg_id: cid},
  ]);
  ws2.serverSend(msg('lobby', 6, {replay: true}));
  ws2.serverSend(msg('lobby', 7, {replay: true, client_msg_id: cid}));
  ws2.serverSend({resp_type: 6, room: 'lobby', complete: true});
  assert.deepEqual(ctx.of('message').slice(3).map(m => [m.message.id, m.replay]), [[7, true]]);
  assert.deepEqual(ctx.of('resume-done'), [{room: 'lobby', complete: true}]);
  assert.equal(ctx.conn.lastSeen('lobby'), 7);
  assert.equal(ctx.conn.lastSeen('nowhere'), 0);
});

test('join and leave while connected; a left room is not re-joined', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.conn.join('a');
  ctx.conn.join('b');
  ctx.conn.leave('a');
  assert.deepEqual(ws.json(), [{req_type: 3, room: 'a'}, {req_type: 3, room: 'b'}, {req_type: 4, room: 'a'}]);
  ws.serverClose(1001);
  await tick(ctx, 2000);
  FakeWebSocket.last().open();
  FakeWebSocket.last().welcome();
  assert.deepEqual(FakeWebSocket.last().json(), [{req_type: 3, room: 'b'}]);
});

test('outbox: persisted to storage, removed by the ack, resent after a page reload', async () => {
  const storage = new FakeStorage();
  const first = setup({storage});
  const ws = await connected(first);
  const a = first.conn.send('lobby', '你好');
  const b = first.conn.send('lobby', 'second');
  first.conn.send('dev', 'third');
  assert.deepEqual(first.conn.pending('lobby').map(e => [e.client_msg_id, e.room, e.text, e.created]),
    [[a, 'lobby', '你好', first.clock.now()], [b, 'lobby', 'second', first.clock.now()]]);
  assert.equal(JSON.parse(storage.getItem('pulse.outbox')).length, 3);

  ws.serverSend({resp_type: 4, client_msg_id: a, id: 42, ts: 1234});
  assert.deepEqual(first.of('ack'), [{client_msg_id: a, id: 42, ts: 1234, room: 'lobby'}]);
  assert.deepEqual(first.conn.pending('lobby').map(e => e.client_msg_id), [b]);
  assert.deepEqual(JSON.parse(storage.getItem('pulse.outbox')).map(e => e.text), ['second', 'third']);

  // the page reloads: a new Connection on the same storage resends with the same ids
  const second = setup({storage});
  second.conn.join('lobby');
  const ws2 = await connected(second);
  assert.deepEqual(ws2.json().filter(f => f.req_type === 2).map(f => [f.client_msg_id, f.text]),
    [[b, 'second'], [second.conn.pending('dev')[0].client_msg_id, 'third']]);
  ws2.serverSend({resp_type: 4, client_msg_id: b, id: 43, ts: 1});
  ws2.serverSend({resp_type: 4, client_msg_id: second.conn.pending('dev')[0].client_msg_id, id: 44, ts: 1});
  assert.deepEqual(second.conn.pending(), []);
  assert.equal(storage.getItem('pulse.outbox'), null, 'an empty outbox is removed from storage');
});

test('outbox: without storage it lives in memory; sends while disconnected wait for the welcome', async () => {
  const ctx = setup();
  const cid = ctx.conn.send('lobby', 'early');
  const ws = await connected(ctx);
  assert.deepEqual(ws.json(), [{req_type: 2, room: 'lobby', text: 'early', client_msg_id: cid}]);
  assert.equal(ctx.conn.pending('lobby').length, 1);
});

test("outbox: another account's entries on this browser are not sent", async () => {
  const storage = new FakeStorage();
  storage.setItem('pulse.outbox', JSON.stringify([
    {client_msg_id: 'x1', room: 'lobby', text: 'from u2', created: 1, userid: 'u2'},
    {client_msg_id: 'x2', room: 'lobby', text: 'from u1', created: 2, userid: 'u1'},
  ]));
  const ctx = setup({storage});
  const ws = await connected(ctx);
  assert.deepEqual(ws.json().map(f => f.client_msg_id), ['x2']);
  assert.deepEqual(ctx.conn.pending().map(e => e.client_msg_id), ['x2']);
  assert.equal(JSON.parse(storage.getItem('pulse.outbox')).length, 2, 'kept for its owner');
});

test('error frames: a refused send leaves the outbox, a rate-limited one stays', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  const bad = ctx.conn.send('nowhere', 'x');
  const slow = ctx.conn.send('lobby', 'y');
  ws.serverSend({resp_type: 9, code: 'not_member', message: 'join first', req_type: 2, client_msg_id: bad});
  ws.serverSend({resp_type: 9, code: 'rate_limited', message: 'slow down', req_type: 2, client_msg_id: slow});
  assert.deepEqual(ctx.of('error-frame').map(f => f.code), ['not_member', 'rate_limited']);
  assert.deepEqual(ctx.conn.pending().map(e => e.client_msg_id), [slow]);
  assert.equal(ws.readyState, 1, 'the connection stays open');
});

test("'frame' events for sent, received, heartbeat, binary, error and close frames", async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  const frames = () => ctx.of('frame');
  assert.deepEqual(frames().map(f => [f.dir, f.kind]), [['received', 'text']], 'the welcome');
  ctx.log.length = 0;

  ctx.conn.join('大厅');
  const joinText = JSON.stringify({req_type: 3, room: '大厅'});
  assert.deepEqual(frames()[0], {dir: 'sent', kind: 'text', data: joinText,
    length: new TextEncoder().encode(joinText).length, time: ctx.clock.now()});
  assert.ok(frames()[0].length > joinText.length, 'length counts UTF-8 bytes');

  ctx.clock.advance(55_000);
  ctx.conn.ping();
  ws.serverSend({resp_type: 8, server_time: 1});
  ws.serverSend({resp_type: 1, timestamp: ctx.clock.now(), server_time: 1});
  ws.serverSend({resp_type: 9, code: 'bad_json', message: 'nope'});
  ws.serverSend(encodeBinaryFrame({resp_type: 2, id: 9, room: 'lobby'}, new Uint8Array(10)));
  ws.serverClose(1006, 'gone');
  assert.deepEqual(frames().slice(1).map(f => [f.dir, f.kind]), [
    ['sent', 'heartbeat'], ['sent', 'heartbeat'], ['received', 'heartbeat'], ['received', 'heartbeat'],
    ['received', 'error'], ['received', 'binary'], ['received', 'close'],
  ]);
  const binary = frames().at(-2);
  assert.equal(binary.data, 'Binary Frame (opcode 2)');
  assert.equal(binary.length, 4 + JSON.stringify({resp_type: 2, id: 9, room: 'lobby'}).length + 10);
  assert.equal(frames().at(-1).data, 'Connection Close Frame (opcode 8) 1006 gone');
  assert.ok(frames().slice(1).every(f => f.time === ctx.clock.now()));

  await tick(ctx, 2000);
  FakeWebSocket.last().open();
  ctx.conn.close();
  assert.deepEqual(frames().at(-1), {dir: 'sent', kind: 'close', data: 'Connection Close Frame (opcode 8) 1000',
    length: 2, time: ctx.clock.now()});
});

test('rule 11: ping echoes the timestamp and the pong gives the round-trip time', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.conn.ping();
  const {timestamp} = ws.json().at(-1);
  assert.deepEqual(ws.json().at(-1), {req_type: 1, timestamp: ctx.clock.now()});
  ctx.clock.advance(120);
  ws.serverSend({resp_type: 1, timestamp, server_time: 0});
  assert.deepEqual(ctx.of('rtt'), [{ms: 120}]);
});

test('superchat only: typing and attachments; inline attachments from the server', async () => {
  const chat = setup();
  const cws = await connected(chat, 'chat');
  chat.conn.typing('lobby');
  assert.deepEqual(cws.json(), []);
  assert.throws(() => chat.conn.sendAttachment('lobby', {name: 'a', type: 'text/plain', bytes: new Uint8Array(1)}), /superchat/);

  const ctx = setup();
  const ws = await connected(ctx);
  ctx.conn.typing('lobby');
  assert.deepEqual(ws.json(), [{req_type: 5, room: 'lobby'}]);
  const cid = ctx.conn.sendAttachment('lobby', {name: '图.png', type: 'image/png', bytes: new Uint8Array([7, 8, 9])});
  const {header, bytes} = decodeBinaryFrame(ws.sent.at(-1));
  assert.deepEqual(header, {room: 'lobby', name: '图.png', type: 'image/png', client_msg_id: cid});
  assert.deepEqual([...bytes], [7, 8, 9]);
  assert.deepEqual(ctx.conn.pending(), [], 'attachments are not persisted');
  ws.serverSend({resp_type: 4, client_msg_id: cid, id: 5, ts: 1});
  assert.equal(ctx.of('ack')[0].room, 'lobby');

  const message = {resp_type: 2, id: 5, room: 'lobby', attachment: {id: 'att1', name: '图.png', type: 'image/png', size: 3}};
  ws.serverSend(encodeBinaryFrame(message, new Uint8Array([7, 8, 9])));
  assert.deepEqual(ctx.of('attachment').map(a => [a.header, [...a.bytes]]), [[message, [7, 8, 9]]]);
  ws.serverSend(new Uint8Array([0, 0, 0, 50, 1]));
  assert.equal(ctx.of('attachment').length, 1);
  assert.match(ctx.of('frame').at(-1).data, /malformed binary frame/);

  ctx.conn.close();
  assert.throws(() => ctx.conn.sendAttachment('lobby', {name: 'a', type: 'x', bytes: new Uint8Array(1)}), /not connected/);
});

test('setBinaryType applies to the live socket and the next ones; blobs are decoded too', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ctx.conn.setBinaryType('blob');
  assert.equal(ws.binaryType, 'blob');
  assert.throws(() => ctx.conn.setBinaryType('text'), TypeError);
  ws.serverSend(new Blob([encodeBinaryFrame({resp_type: 2, id: 1, room: 'r'}, new Uint8Array([1, 2]))]));
  await flush();
  assert.deepEqual([...ctx.of('attachment')[0].bytes], [1, 2]);
  ws.serverClose(1006);
  await tick(ctx, 2000);
  assert.equal(FakeWebSocket.last().binaryType, 'blob');
});

test('listeners can be removed, and a failing listener does not break the connection', async () => {
  const ctx = setup();
  const seen = [];
  const fn = p => seen.push(p.readyState);
  ctx.conn.on('state', fn);
  ctx.conn.on('welcome', () => { throw new Error('UI bug'); });
  const original = console.error;
  console.error = () => {};
  try {
    const ws = await connected(ctx);
    assert.deepEqual(seen, [0, 1]);
    ctx.conn.off('state', fn);
    ctx.conn.close();
    ws.serverClose(1000);
    assert.deepEqual(seen, [0, 1]);
    assert.equal(ctx.of('state').length, 4);
  } finally {
    console.error = original;
  }
});

test('reconnect jitter: 2 s plus up to 0.5 s, drawn for every wait', async () => {
  const draws = [0.999, 0.5];
  const ctx = setup({random: () => draws.shift() ?? 0});
  const ws = await connected(ctx);
  ws.serverClose(1006);
  await tick(ctx, 2498);
  assert.equal(ctx.sockets(), 1, 'not before 2 s + 0.999 × 500 ms');
  await tick(ctx, 1);
  assert.equal(ctx.sockets(), 2);
  FakeWebSocket.last().serverClose(1006);
  await tick(ctx, 2249);
  assert.equal(ctx.sockets(), 2);
  await tick(ctx, 1);
  assert.equal(ctx.sockets(), 3, '2 s + 0.5 × 500 ms');
});

test('4403 banned: never reconnects, not on online, visible, retry or a timer; says so once', async () => {
  const ctx = setup();
  const ws = await connected(ctx);
  ws.serverClose(4403, 'banned');
  assert.deepEqual(ctx.of('banned'), [{}]);
  ctx.conn.online();
  ctx.conn.visible();
  ctx.conn.retry();
  ctx.conn.confirmReconnect();
  await tick(ctx, 120_000);
  assert.equal(ctx.sockets(), 1);
  assert.equal(ctx.env.tokenCalls, 1);
  assert.deepEqual(ctx.of('toast'), []);
  assert.deepEqual(ctx.of('ask-reconnect'), []);
  assert.equal(ctx.conn.phase, 'banned');
  assert.equal(ctx.clock.pending, 0);
});

test("the welcome's heartbeat and reconnect values replace the page's", async () => {
  const ctx = setup();
  ctx.conn.connect();
  await flush();
  const ws = FakeWebSocket.last();
  ws.open();
  ws.welcome({heartbeat: {send_after_s: 20, timeout_s: 30, server_interval_s: 10},
    reconnect: {delay_ms: 700, jitter_ms: 0, max_attempts: 2}, limits: {text_max: 100}});
  assert.equal(ctx.conn.settings.values.textMax, 100);
  ctx.clock.advance(20_000);
  assert.equal(heartbeats(ws).length, 1, 'heartbeat after 20 s');
  ctx.clock.advance(10_000);
  assert.deepEqual(ws.closeCalls, [{code: 4000, reason: 'heartbeat timeout'}], 'timeout after 30 s');
  await tick(ctx, 699);
  assert.equal(ctx.sockets(), 1);
  await tick(ctx, 1);
  assert.equal(ctx.sockets(), 2, 'reconnect delay 700 ms');
  FakeWebSocket.last().serverClose(1006);
  await tick(ctx, 700);
  FakeWebSocket.last().serverClose(1006);
  assert.equal(ctx.of('ask-reconnect').length, 1, 'asks after 2 attempts');
});

test('config: the page values apply before any welcome', async () => {
  const clock = new FakeClock();
  const conn = new Connection({wsUrl: WS_URL, fetchToken: async () => ({userid: 'u1', token: 't'}),
    WebSocketImpl: FakeWebSocket, clock, random: () => 0, config: {reconnectDelayMs: 300}});
  conn.connect();
  await flush();
  FakeWebSocket.last().serverClose(1006);
  clock.advance(300);
  await flush();
  assert.equal(FakeWebSocket.instances.length, 2);
});
