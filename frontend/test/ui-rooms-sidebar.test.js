import {test, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {installFakeDocument} from './fake-dom.js';
import {RoomsSidebar} from '../src/ui/rooms-sidebar.js';

let doc;
beforeEach(() => { doc = installFakeDocument(); });

const t = (key, ...args) => `${key}:${args.join(',')}`;
const shown = list => list.children.map(li => li.dataset.room);

function sidebar() {
  const list = doc.createElement('ul');
  const selected = [];
  const view = new RoomsSidebar({list, t, defaultRoom: 'lobby', onSelect: id => selected.push(id)});
  return {list, view, selected};
}

/** 5,000 rooms in an order the server might send (by id), names not in id order. */
function manyRooms(n = 5000) {
  const rooms = [];
  for (let i = 0; i < n; i++) rooms.push({id: `r${String(i).padStart(4, '0')}`, name: `Room ${(i * 7919) % n}`});
  rooms.splice(2500, 0, {id: 'lobby', name: 'Lobby'});
  return rooms;
}

test('5,000 rooms: one sort, one insertion per row, the lobby first, then by name', () => {
  const {list, view} = sidebar();
  const rooms = manyRooms();
  view.setRooms(rooms);
  assert.equal(view.sorts, 1, 'sorted once for the whole list');
  assert.equal(list.insertions, rooms.length, 'each row inserted once, none moved again');
  assert.equal(list.children.length, rooms.length);
  const ids = shown(list);
  assert.equal(ids[0], 'lobby');
  const names = ids.slice(1).map(id => view.nameOf(id));
  const sorted = [...names].sort((a, b) => a.localeCompare(b, undefined, {numeric: true}));
  assert.deepEqual(names, sorted);
  assert.deepEqual(view.ids(), ids);
});

test('the same list again moves nothing; one new room is one insertion and no sort', () => {
  const {list, view} = sidebar();
  const rooms = manyRooms();
  view.setRooms(rooms);
  list.insertions = 0;
  view.setRooms(rooms);
  assert.equal(list.insertions, 0);
  assert.equal(view.sorts, 1, 'nothing new: not even sorted');

  view.addRoom({id: 'zz-new', name: 'Room 2500a'});
  assert.equal(list.insertions, 1);
  assert.equal(view.sorts, 1, 'addRoom finds the place by binary search');
  const ids = shown(list);
  assert.equal(ids[ids.indexOf('zz-new') - 1], ids.find(id => view.nameOf(id) === 'Room 2500'));

  list.insertions = 0;
  view.setRooms([...rooms, {id: 'aa-new', name: 'Aardvark'}]);
  assert.equal(view.sorts, 2);
  assert.equal(list.insertions, 1, 'a list with one more room: only that row is inserted');
  assert.equal(shown(list)[1], 'aa-new');
});

test('active, joined, unread, neighbours and clicks', () => {
  const {list, view, selected} = sidebar();
  view.setRooms([{id: 'b', name: 'Beta'}, {id: 'lobby', name: 'Lobby'}, {id: 'a', name: 'Alpha'}]);
  assert.deepEqual(shown(list), ['lobby', 'a', 'b']);
  view.setActive('a');
  view.setActive('b');
  const row = id => list.children.find(li => li.dataset.room === id);
  assert.equal(row('a').classList.contains('active'), false);
  assert.equal(row('b').classList.contains('active'), true);
  assert.equal(row('b').children[0].getAttribute('aria-current'), 'page');
  view.setUnread('a', 120);
  assert.equal(row('a').classList.contains('has-unread'), true);
  assert.equal(view.neighbour('lobby', -1), 'b');
  assert.equal(view.neighbour('b', 1), 'lobby');
  row('a').children[0].click();
  assert.deepEqual(selected, ['a']);
  view.addRoom({id: 'a', name: 'Zulu'});
  assert.deepEqual(shown(list), ['lobby', 'b', 'a'], 'a renamed room moves to its new place');
});

test('direct messages in their own section by the partner name; badges; leaving removes the row', () => {
  const list = doc.createElement('ul');
  const dmList = doc.createElement('ul');
  const dmEmpty = doc.createElement('p');
  const view = new RoomsSidebar({list, dmList, dmEmpty, t, defaultRoom: 'lobby', onSelect: () => {}});
  view.setRooms([{id: 'lobby', name: 'Lobby', kind: 'public'}]);
  assert.equal(dmEmpty.hidden, false, 'no direct messages yet: the hint shows');
  view.setRooms([
    {id: 'lobby', name: 'Lobby', kind: 'public'},
    {id: 'secret', name: 'Secret', kind: 'private'},
    {id: 'dm-b', name: 'Zoe', kind: 'direct', partner: {userid: 'z', display_name: 'Zoe'}},
    {id: 'dm-a', name: 'Ann', kind: 'direct', partner: {userid: 'a', display_name: 'Ann'}},
  ]);
  assert.deepEqual(shown(list), ['lobby', 'secret']);
  assert.deepEqual(shown(dmList), ['dm-a', 'dm-b'], 'by name');
  assert.equal(dmEmpty.hidden, true);
  assert.deepEqual(view.ids(), ['lobby', 'secret', 'dm-a', 'dm-b'], 'Alt+arrows go through both sections');
  const row = (l, id) => l.children.find(li => li.dataset.room === id);
  view.setBadges('secret', {unread: 4, mentions: 2});
  const secret = row(list, 'secret');
  const badge = name => secret.children[0].children.find(c => c.dataset?.testid === name || c.getAttribute('data-testid') === name);
  assert.equal(badge('unread').textContent, '4');
  assert.equal(badge('mentions').textContent, '@2');
  assert.equal(badge('mentions').hidden, false);
  assert.equal(secret.classList.contains('has-mention'), true);
  view.setBadges('secret', {unread: 0, mentions: 0});
  assert.equal(badge('unread').hidden, true);
  assert.equal(badge('mentions').hidden, true);
  view.setBadges('dm-a', {unread: 1, mentions: 1});
  assert.equal(row(dmList, 'dm-a').classList.contains('has-mention'), true, 'an unread direct message stands out');
  view.setOnline('dm-a', true);
  assert.equal(row(dmList, 'dm-a').dataset.online, 'true');
  assert.equal(view.removeRoom('secret'), true);
  assert.deepEqual(shown(list), ['lobby']);
  view.setRooms([{id: 'lobby', name: 'Lobby'}, {id: 'dm-a', name: 'Ann', kind: 'direct'}], {replace: true});
  assert.deepEqual(shown(dmList), ['dm-a'], 'replace: rooms no longer in the list go');
});
