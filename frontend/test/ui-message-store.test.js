import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RoomMessages } from '../src/ui/message-store.js';

const ME = { userid: 'u-me', display_name: 'Me' };
const ANN = { userid: 'u-ann', display_name: 'Ann' };
const msg = (id, from = ANN, extra = {}) => ({ id, room: 'lobby', from, text: `m${id}`, ts: 1000 + id, client_msg_id: `c${id}`, ...extra });

test('messages are ordered by id whatever order they arrive in', () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addMessage(msg(3));
  store.addMessage(msg(1));
  store.addMessage(msg(2));
  assert.deepEqual(store.list().map((e) => e.id), [1, 2, 3]);
  assert.equal(store.minId, 1);
  assert.equal(store.maxId, 3);
});

test('the same id twice shows once', () => {
  const store = new RoomMessages('lobby', ME.userid);
  assert.equal(store.addMessage(msg(5)).isNew, true);
  assert.equal(store.addMessage(msg(5)).isNew, false);
  store.addHistory([msg(4), msg(5), msg(6)], false, 'latest');
  assert.deepEqual(store.list().map((e) => e.id), [4, 5, 6]);
});

test('a pending message turns sent on its ack and keeps its key', () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addMessage(msg(1));
  const pending = store.addPending({ client_msg_id: 'x1', text: 'hello', created: 5000, from: ME });
  assert.equal(pending.status, 'pending');
  assert.equal(store.list().at(-1), pending);
  const acked = store.ack({ client_msg_id: 'x1', id: 7, ts: 6000 });
  assert.equal(acked, pending);
  assert.equal(acked.status, 'sent');
  assert.equal(acked.id, 7);
  assert.equal(acked.key, 'p:x1');
  // the server's copy does not add a second row
  const { entry, isNew } = store.addMessage(msg(7, ME, { client_msg_id: 'x1', text: 'hello' }));
  assert.equal(isNew, false);
  assert.equal(entry, pending);
  assert.equal(store.size, 2);
});

test('an incoming message with the client_msg_id of a pending one replaces it (before the ack)', () => {
  const store = new RoomMessages('lobby', ME.userid);
  const pending = store.addPending({ client_msg_id: 'x2', text: 'hi', created: 1, from: ME });
  const { entry, isNew } = store.addMessage(msg(9, ME, { client_msg_id: 'x2', text: 'hi' }));
  assert.equal(isNew, false);
  assert.equal(entry, pending);
  assert.equal(entry.status, 'sent');
  assert.equal(entry.id, 9);
  assert.equal(store.ack({ client_msg_id: 'x2', id: 9, ts: 2 }), pending);
  assert.equal(store.size, 1);
});

test("someone else's client_msg_id never matches my pending message", () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addPending({ client_msg_id: 'same', text: 'mine', created: 1, from: ME });
  store.addMessage(msg(3, ANN, { client_msg_id: 'same' }));
  assert.equal(store.size, 2);
  assert.equal(store.list()[0].id, 3);
  assert.equal(store.list()[1].status, 'pending');
});

test('pending messages stay after confirmed ones, in the order written', () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addPending({ client_msg_id: 'b', text: 'second', created: 20, from: ME });
  store.addPending({ client_msg_id: 'a', text: 'first', created: 10, from: ME });
  store.addMessage(msg(100));
  assert.deepEqual(store.list().map((e) => e.text), ['m100', 'first', 'second']);
});

test('a refused send is marked failed and can still be acked later', () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addPending({ client_msg_id: 'r', text: 'fast', created: 1, from: ME });
  assert.equal(store.fail('r', 'too fast').status, 'failed');
  assert.equal(store.ack({ client_msg_id: 'r', id: 2, ts: 3 }).status, 'sent');
  assert.equal(store.fail('r', 'again'), null);
});

test('history pages set has_more; newer pages do not change it', () => {
  const store = new RoomMessages('lobby', ME.userid);
  assert.equal(store.hasMore, null);
  store.addHistory([msg(10), msg(11)], true, 'latest');
  assert.equal(store.hasMore, true);
  assert.equal(store.historyLoaded, true);
  store.addHistory([msg(12)], false, 'newer');
  assert.equal(store.hasMore, true);
  const added = store.addHistory([msg(8), msg(9), msg(10)], false, 'older');
  assert.deepEqual(added.map((e) => e.id), [8, 9]);
  assert.equal(store.hasMore, false);
  assert.deepEqual(store.list().map((e) => e.id), [8, 9, 10, 11, 12]);
});

test('live messages before the first page do not make has_more false', () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addMessage(msg(50));
  assert.equal(store.historyLoaded, false);
  store.addHistory([msg(1), msg(50)], true, 'latest');
  assert.equal(store.hasMore, true);
  assert.equal(store.size, 2);
});

test('an attachment arriving later fills the row', () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addMessage(msg(4, ANN, { text: '' }));
  const attachment = { id: 1, name: 'a.png', type: 'image/png', size: 3, url: '/api/attachments/1' };
  const { entry, isNew } = store.addMessage(msg(4, ANN, { text: '', attachment }));
  assert.equal(isNew, false);
  assert.deepEqual(entry.attachment, attachment);
});

test('discard removes a pending upload that never left', () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addPending({ client_msg_id: 'u', text: '', created: 1, from: ME });
  assert.equal(store.discard('u'), true);
  assert.equal(store.size, 0);
});

// ----- version 2: revisions, edits, tombstones, reactions, replies -----

const v2 = (id, rev, extra = {}) => msg(id, ANN, { rev, reactions: [], mentions: [], ...extra });

test('an edit, a delete and reactions replace the row; an older copy never wins', () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addMessage(v2(1, 1));
  const entry = store.applyUpdate(v2(1, 5, { text: 'fixed', edited_at: 9 }));
  assert.equal(entry.text, 'fixed');
  assert.equal(entry.editedAt, 9);
  const before = entry.version;
  store.addHistory([v2(1, 2, { text: 'stale page' })], false, 'latest');
  assert.equal(entry.text, 'fixed', 'a history page fetched before the edit does not undo it');
  assert.equal(entry.version, before, 'nothing redrawn');
  store.applyUpdate(v2(1, 6, { text: 'fixed', edited_at: 9, reactions: [{ emoji: '👍', count: 2, userids: ['a', 'b'] }] }));
  assert.equal(entry.reactions[0].count, 2);
  store.applyUpdate(v2(1, 7, { text: '', deleted: true }));
  assert.equal(entry.deleted, true);
  assert.equal(entry.text, '');
  assert.equal(store.maxRev, 7);
  assert.equal(store.applyUpdate(v2(99, 8)), null, 'a message not loaded is left to its page');
});

test('a deleted attachment message loses its attachment; reply_to and mentions are kept', () => {
  const store = new RoomMessages('lobby', ME.userid);
  const { entry } = store.addMessage(v2(2, 2, { attachment: { id: 4, name: 'a.png', type: 'image/png', size: 1 },
    reply_to: { id: 1, from: ANN, text: 'hi' }, mentions: ['u-me'] }));
  assert.equal(entry.replyTo.id, 1);
  assert.deepEqual(entry.mentions, ['u-me']);
  store.applyUpdate(v2(2, 3, { text: '', deleted: true }));
  assert.equal(entry.attachment, null);
  assert.equal(entry.replyTo, null, 'a tombstone shows nothing of what it was');
});

test('changed messages older than the loaded window are not inserted (they would leave a gap)', () => {
  const store = new RoomMessages('lobby', ME.userid);
  store.addHistory([v2(50, 50), v2(51, 51)], true, 'latest');
  const { entry } = store.addMessage(v2(3, 60, { text: 'old, edited', replay: true }));
  assert.equal(entry, null);
  assert.deepEqual(store.list().map((e) => e.id), [50, 51]);
  store.addHistory([v2(3, 60), v2(49, 49)], false, 'older');
  assert.deepEqual(store.list().map((e) => e.id), [3, 49, 50, 51], 'an older page brings them');
});

test('the last message of mine that can be edited: Up in an empty composer', () => {
  const store = new RoomMessages('lobby', ME.userid);
  assert.equal(store.lastOwnEditable(), null);
  store.addMessage(msg(1, ME, { rev: 1 }));
  store.addMessage(msg(2, ME, { rev: 2 }));
  store.addMessage(msg(3, ANN, { rev: 3 }));
  store.addPending({ client_msg_id: 'p', text: 'pending', created: 9, from: ME });
  assert.equal(store.lastOwnEditable().id, 2);
  store.applyUpdate(msg(2, ME, { rev: 4, text: '', deleted: true }));
  assert.equal(store.lastOwnEditable().id, 1);
});
