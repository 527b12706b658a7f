// The chat state of version 2 with the real sidebar (in a fake DOM), the real history loader and directory,
// and stand-ins for the socket, the REST API and the views the test does not look at: which rooms are
// subscribed, and how the unread and mention badges follow messages, read markers, notify frames and room
// changes.
import {test, beforeEach, mock} from 'node:test';
import assert from 'node:assert/strict';
import {installFakeDocument} from './fake-dom.js';
import {FakeStorage, flush} from './fakes.js';
import {ChatRooms} from '../src/ui/chat-rooms.js';
import {RoomsSidebar} from '../src/ui/rooms-sidebar.js';
import {HistoryLoader} from '../src/ui/history-loader.js';
import {JoinedRooms} from '../src/ui/joined-rooms.js';
import {ClientSettings} from '../src/protocol.js';

let doc;
beforeEach(() => { doc = installFakeDocument(); });

const ME = {userid: 'u-me', username: 'me', displayName: 'Me'};
const t = (key, ...args) => `${key}(${args.join('|')})`;
const msg = (room, id, extra = {}) => ({room, id, rev: id, ts: 1_700_000_000_000 + id, from: {userid: 'u-ann', display_name: 'Ann'},
  text: `m${id}`, reactions: [], mentions: [], ...extra});

function setup(rooms) {
  const calls = [];
  const connection = {
    settings: new ClientSettings(),
    joined: [], left: [], reads: [], revs: [],
    join(room) { this.joined.push(room); },
    leave(room) { this.left.push(room); },
    read(room, id) { this.reads.push([room, id]); return true; },
    noteRev(room, rev) { this.revs.push([room, rev]); },
    pending: () => [],
  };
  const rest = {
    history: async () => ({messages: [], has_more: false}),
    members: async (room) => ({members: [{userid: ME.userid, display_name: 'Me'}, {userid: 'u-ann', username: 'ann', display_name: 'Ann', online: true}], has_more: false}),
    joinRoom: async (id) => { if (id === 'secret') throw Object.assign(new Error('404'), {status: 404}); return {id, name: id, kind: 'public'}; },
  };
  const list = doc.createElement('ul');
  const dmList = doc.createElement('ul');
  const sidebar = new RoomsSidebar({list, dmList, t, defaultRoom: 'lobby', onSelect: () => {}});
  const stub = (name) => new Proxy({}, {get: (target, key) => key === 'atBottom' ? true : (...args) => { calls.push([name, key, ...args]); }});
  const views = {sidebar, messageList: stub('list'), presencePanel: stub('presence'), typingIndicator: stub('typing'),
    roomHeader: stub('header'), notices: stub('notices'), notifications: stub('notifications')};
  const chat = new ChatRooms({
    me: ME, defaultRoom: 'lobby', connection, joined: new JoinedRooms({storage: new FakeStorage(), userid: ME.userid, defaultRoom: 'lobby'}),
    history: new HistoryLoader({rest}), typing: {stopped() {}, typing() {}}, views, t, rest, storage: new FakeStorage(),
    onTitleChange: (room, unread, mentions) => calls.push(['title', room, unread, mentions]),
  });
  let refreshes = 0;
  chat.refreshRooms = async () => { refreshes++; };
  chat.start('lobby', rooms);
  const row = id => [...list.children, ...dmList.children].find(li => li.dataset.room === id);
  const badges = id => ({unread: row(id).dataset.unread, mentions: row(id).dataset.mentions});
  return {chat, connection, calls, list, dmList, row, badges, refreshes: () => refreshes};
}

const ROOMS = [
  {id: 'lobby', name: 'Lobby', kind: 'public', last_read: 0, unread: 0, mentions: 0},
  {id: 'dev', name: 'Dev', kind: 'public', last_read: 10, unread: 3, mentions: 1, created_by: 'u-me'},
  {id: 'dm-aaaaaaaaaaaaaaaaaaaaaaaa', name: '', kind: 'direct', last_read: 0, unread: 0, mentions: 0},
];
const DM = 'dm-aaaaaaaaaaaaaaaaaaaaaaaa';

test('every member room is subscribed, with the badges of the snapshot; a direct room is named after the other', async () => {
  const {connection, list, dmList, badges, row, chat} = setup(ROOMS);
  assert.deepEqual(connection.joined.sort(), ['dev', DM, 'lobby'].sort());
  assert.deepEqual(list.children.map(li => li.dataset.room), ['lobby', 'dev']);
  assert.deepEqual(dmList.children.map(li => li.dataset.room), [DM]);
  assert.deepEqual(badges('dev'), {unread: '3', mentions: '1'});
  await flush();
  await flush();
  assert.ok(row(DM).textContent.includes('Ann'), 'the partner from the members list');
  assert.equal(chat.canModerate('dev'), true, 'the creator owns the room');
  assert.equal(chat.canModerate('lobby'), false);
});

test('live messages count in rooms not being read: unread, mentions of me, direct messages (with a notification)', () => {
  const {chat, badges, calls} = setup(ROOMS);
  chat.onMessage(msg('dev', 11));
  chat.onMessage(msg('dev', 11)); // again: a history page, an attachment's bytes
  chat.onMessage(msg('dev', 12, {mentions: ['u-me']}));
  chat.onMessage(msg('dev', 13, {from: {userid: 'u-me', display_name: 'Me'}}));
  chat.onMessage(msg('dev', 14), {replay: true});
  assert.deepEqual(badges('dev'), {unread: '5', mentions: '2'});
  chat.onMessage(msg(DM, 1));
  assert.deepEqual(badges(DM), {unread: '1', mentions: '1'});
  const notified = calls.filter(c => c[0] === 'notifications').map(c => [c[2].room, c[2].message.id, c[2].direct]);
  assert.deepEqual(notified, [['dev', 12, false], [DM, 1, true]]);
  chat.onMessage(msg('lobby', 5));
  assert.deepEqual(badges('lobby'), {unread: '0', mentions: '0'}, 'the open room, in view: read as it comes');
  assert.deepEqual(calls.filter(c => c[0] === 'title').at(-1), ['title', 'lobby', 6, 3]);
});

test('read markers from my other sessions clear the badges; behind the newest message the server is asked', async () => {
  const {chat, badges, refreshes} = setup(ROOMS);
  chat.onMessage(msg('dev', 11));
  chat.onMessage(msg('dev', 12));
  chat.onReadMarker({room: 'dev', last_read: 12});
  assert.deepEqual(badges('dev'), {unread: '0', mentions: '0'});
  mock.timers.enable({apis: ['setTimeout']});
  try {
    chat.onMessage(msg('dev', 13));
    chat.onMessage(msg('dev', 14));
    chat.onReadMarker({room: 'dev', last_read: 13}); // not loaded here: how many are left is the server's to say
    assert.equal(refreshes(), 0);
    mock.timers.tick(1000);
    assert.equal(refreshes(), 1);
  } finally {
    mock.timers.reset();
  }
});

test('reading the open room sends req_type 12 forward only, and not while the page is hidden', () => {
  const {chat, connection} = setup(ROOMS);
  const store = chat.store('lobby');
  store.addMessage(msg('lobby', 4));
  chat.markRead(store, 4);
  chat.markRead(store, 4);
  chat.markRead(store, 3);
  doc.visibilityState = 'hidden';
  store.addMessage(msg('lobby', 5));
  chat.markRead(store, 5);
  assert.deepEqual(connection.reads, [['lobby', 4]]);
  chat.markRead(chat.store('dev'), 20);
  assert.deepEqual(connection.reads, [['lobby', 4]], 'only the open room');
});

test('room changes: added joins and shows the room; removed and deleted take it away and open the lobby', async () => {
  const {chat, connection, row, calls} = setup(ROOMS);
  chat.onRoomChange({event: 'added', room: {id: 'board', name: 'Board', kind: 'private', unread: 0}});
  assert.ok(row('board'));
  assert.equal(row('board').dataset.kind, 'private');
  assert.ok(connection.joined.includes('board'));
  await chat.open('board');
  assert.equal(chat.current, 'board');
  chat.onRoomChange({event: 'removed', room: {id: 'board'}});
  assert.equal(row('board'), undefined);
  assert.ok(connection.left.includes('board'));
  assert.equal(chat.current, 'lobby');
  assert.ok(calls.some(c => c[0] === 'notices' && String(c[2]).startsWith('rooms.removed')));
  chat.onRoomChange({event: 'deleted', room: {id: 'dev'}});
  assert.equal(row('dev'), undefined);
  chat.onRoomChange({event: 'updated', room: {id: DM, topic: 'x'}});
  assert.ok(row(DM), 'an update keeps the room');
});

test('a notify frame for a room not known yet (a first direct message) asks for the rooms and notifies', () => {
  const {chat, calls} = setup(ROOMS);
  mock.timers.enable({apis: ['setTimeout']});
  try {
    let refreshed = 0;
    chat.refreshRooms = async () => { refreshed++; };
    chat.onNotify({room: 'dm-bbbbbbbbbbbbbbbbbbbbbbbb', message: msg('dm-bbbbbbbbbbbbbbbbbbbbbbbb', 1)});
    mock.timers.tick(1000);
    assert.equal(refreshed, 1);
    assert.equal(calls.filter(c => c[0] === 'notifications').length, 1);
  } finally {
    mock.timers.reset();
  }
});

test('opening a room by its link: a public one is joined, one that is not there (or private) says so', async () => {
  const {chat, row, calls} = setup(ROOMS);
  await chat.open('random');
  assert.equal(chat.current, 'random');
  assert.ok(row('random'));
  await chat.open('secret');
  assert.equal(chat.current, 'random', 'stays where it was');
  assert.equal(row('secret'), undefined);
  assert.ok(calls.some(c => c[0] === 'notices' && String(c[2]).startsWith('rooms.notFound(secret')));
});

test('a list asked for before a room was added here does not take it away; a later one does', () => {
  const {chat, row, connection} = setup(ROOMS);
  const before = Date.now() - 1;
  chat.addRoom({id: 'fresh', name: 'Fresh', kind: 'public'});
  chat.setRooms(ROOMS, before);
  assert.ok(row('fresh'), 'the list was older than the room');
  assert.equal(connection.left.includes('fresh'), false);
  chat.setRooms(ROOMS, Date.now() + 1);
  assert.equal(row('fresh'), undefined, 'a newer list without it: the user is not in it any more');
  assert.ok(connection.left.includes('fresh'));
});
