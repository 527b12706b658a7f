import {test} from 'node:test';
import assert from 'node:assert/strict';
import {RoomDirectory, DirectPartners} from '../src/ui/room-directory.js';
import {FakeStorage} from './fakes.js';

const ME = 'u-me';
const from = userid => ({userid, display_name: userid});
const m = (id, userid = 'u-ann', extra = {}) => ({id, from: from(userid), mentions: [], ...extra});

function directory() {
  const d = new RoomDirectory({myUserid: ME});
  d.setAll([
    {id: 'lobby', name: 'Lobby', kind: 'public', last_read: 10, unread: 2, mentions: 0},
    {id: 'dm-aa', name: '', kind: 'direct', last_read: 3, unread: 0, mentions: 0},
    {id: 'secret', name: 'Secret', kind: 'private', topic: 'plans', last_read: 0, unread: 0, mentions: 0},
  ]);
  return d;
}

test('the snapshot, then live messages counted once each; mine, deleted, read or viewed ones do not count', () => {
  const d = directory();
  assert.deepEqual(d.counts('lobby'), {unread: 2, mentions: 0});
  assert.equal(d.messageArrived('lobby', m(11)), true);
  assert.equal(d.messageArrived('lobby', m(11)), false, 'the same id twice (a replay, a history page)');
  assert.equal(d.messageArrived('lobby', m(12, ME)), false, 'mine');
  assert.equal(d.messageArrived('lobby', m(13, 'u-ann', {deleted: true})), false);
  assert.equal(d.messageArrived('lobby', m(9)), false, 'older than last_read');
  assert.equal(d.messageArrived('lobby', m(14), {viewing: true}), false, 'read as it came');
  assert.equal(d.messageArrived('nowhere', m(1)), false, 'not a member');
  assert.deepEqual(d.counts('lobby'), {unread: 3, mentions: 0});
  d.messageArrived('lobby', m(15, 'u-bob', {mentions: [ME]}));
  d.messageArrived('dm-aa', m(4));
  assert.deepEqual(d.counts('lobby'), {unread: 4, mentions: 1}, 'a mention of me');
  assert.deepEqual(d.counts('dm-aa'), {unread: 1, mentions: 1}, 'every direct message asks for attention');
  assert.deepEqual(d.totals(), {unread: 5, mentions: 2});
  assert.deepEqual(d.totals('lobby'), {unread: 1, mentions: 1});
});

test('read markers: up to the newest message clears; behind it the counts are unknown; never backwards', () => {
  const d = directory();
  d.messageArrived('lobby', m(11));
  assert.equal(d.markRead('lobby', 5, 11), false, 'backwards');
  assert.equal(d.markRead('lobby', 11, 11), true);
  assert.deepEqual(d.counts('lobby'), {unread: 0, mentions: 0});
  d.messageArrived('lobby', m(12));
  d.messageArrived('lobby', m(13));
  assert.equal(d.markRead('lobby', 12, 13), 'unknown');
  assert.equal(d.lastRead('lobby'), 12);
});

test('recount from the loaded messages when they reach back to last_read', () => {
  const d = directory();
  const entry = (id, userid = 'u-ann', extra = {}) => ({id, from: from(userid), mine: userid === ME, deleted: false, mentions: [], ...extra});
  assert.equal(d.recount('lobby', [entry(20), entry(21)], {complete: false}), false, 'a gap after last_read 10');
  assert.equal(d.recount('lobby', [entry(9), entry(10), entry(11), entry(12, ME), entry(13, 'u-b', {mentions: [ME]}),
    entry(14, 'u-b', {deleted: true}), {id: null, mine: true}], {complete: false}), true);
  assert.deepEqual(d.counts('lobby'), {unread: 2, mentions: 1});
  assert.equal(d.recount('secret', [entry(5)], {complete: true}), true, 'the whole room is loaded');
  assert.deepEqual(d.counts('secret'), {unread: 1, mentions: 0});
});

test('upsert keeps the counts of a known room; setAll says what came and went', () => {
  const d = directory();
  d.messageArrived('lobby', m(11));
  d.upsert({id: 'lobby', name: 'The Lobby', topic: 'say hi'});
  assert.equal(d.get('lobby').name, 'The Lobby');
  assert.equal(d.get('lobby').topic, 'say hi');
  assert.equal(d.counts('lobby').unread, 3);
  d.upsert({id: 'new', name: 'New', kind: 'private', unread: 0});
  assert.equal(d.kind('new'), 'private');
  assert.equal(d.isDirect('dm-aa'), true);
  const {added, removed} = d.setAll([{id: 'lobby', name: 'Lobby'}, {id: 'other', name: 'Other'}]);
  assert.deepEqual(added, ['other']);
  assert.deepEqual(removed.sort(), ['dm-aa', 'new', 'secret']);
  assert.equal(d.kind('lobby'), 'public', 'a room without kind is public');
});

test('direct partners: the other member, remembered per user; a room with oneself', () => {
  const storage = new FakeStorage();
  const partners = new DirectPartners({storage, myUserid: ME});
  assert.equal(partners.get('dm-1'), null);
  partners.learn('dm-1', [{userid: ME, display_name: 'Me'}, {userid: 'u-ann', username: 'ann', display_name: 'Ann'}]);
  partners.learn('dm-2', [{userid: ME, username: 'me', display_name: 'Me'}]);
  const again = new DirectPartners({storage, myUserid: ME});
  assert.equal(again.get('dm-1').display_name, 'Ann');
  assert.equal(again.get('dm-2').userid, ME);
  assert.equal(again.roomWith('u-ann'), 'dm-1');
  assert.equal(new DirectPartners({storage, myUserid: 'someone-else'}).get('dm-1'), null);
});
