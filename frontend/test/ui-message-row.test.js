// A message row as drawn: formatted text, "(edited)", the quiet tombstone, reactions with who reacted, the
// quoted original of a reply, and the highlight of a mention of the reader.
import {test, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {installFakeDocument} from './fake-dom.js';
import {createMessageRow, drawMessageRow, reactorNames, mentionsMe, rowSignature} from '../src/ui/message-row.js';
import {RoomMessages} from '../src/ui/message-store.js';

beforeEach(() => installFakeDocument());

const t = (key, ...args) => `${key}(${args.join('|')})`;
const ME = {userid: 'u-me', username: 'me_1'};
const ANN = {userid: 'u-ann', display_name: 'Ann'};
const names = {'u-ann': 'Ann', 'u-bob': 'Bob', 'u-me': 'Me'};
const ctx = {continued: false, locale: 'en', t, me: ME, nameOf: id => names[id] || id, attachmentView: () => null};

function draw(message) {
  const store = new RoomMessages('lobby', ME.userid);
  const {entry} = store.addMessage({room: 'lobby', from: ANN, ts: 1_700_000_000_000, rev: 1, reactions: [], mentions: [], ...message});
  const li = createMessageRow();
  drawMessageRow(li, entry, ctx);
  return {li, entry, store};
}

const one = (li, id) => li.byTestId(id)[0] ?? null;

test('formatted text, and "(edited)" outside the text', () => {
  const {li} = draw({id: 1, text: 'a **b** `c`', edited_at: 1_700_000_100_000});
  const text = one(li, 'message-text');
  assert.equal(text.textContent, 'a b c');
  assert.deepEqual(text.children.map(e => e.tagName), ['STRONG', 'CODE']);
  assert.equal(one(li, 'message-edited').textContent, 'message.edited()');
  assert.equal(text.findAll(e => e.getAttribute('data-testid') === 'message-edited').length, 0);
});

test('a deleted message is a tombstone: no text, no attachment, no reactions, no quote', () => {
  const {li} = draw({id: 2, text: '', deleted: true, reactions: [{emoji: '👍', count: 1, userids: ['u-bob']}],
    reply_to: {id: 1, from: ANN, text: 'x'}});
  assert.equal(li.dataset.deleted, 'true');
  assert.ok(li.classList.contains('is-deleted'));
  assert.equal(one(li, 'message-text'), null);
  assert.equal(one(li, 'message-deleted').textContent, 'message.deleted()');
  assert.equal(one(li, 'reactions'), null);
  assert.equal(one(li, 'reply-quote'), null);
});

test('reactions: a chip per emoji with its count, who reacted, and whether I did', () => {
  const {li} = draw({id: 3, text: 'ship it', reactions: [
    {emoji: '🎉', count: 2, userids: ['u-ann', 'u-me']}, {emoji: '👀', count: 25, userids: ['u-bob']}]});
  const chips = li.byTestId('reaction');
  assert.deepEqual(chips.map(c => c.textContent), ['🎉2', '👀25']);
  assert.equal(chips[0].getAttribute('aria-pressed'), 'true');
  assert.equal(chips[1].getAttribute('aria-pressed'), 'false');
  assert.equal(chips[0].getAttribute('title'), 'reactions.who(Ann, Me|🎉)');
  assert.equal(chips[1].getAttribute('title'), 'reactions.who(reactions.andOthers(Bob|24)|👀)');
  assert.equal(chips[0].dataset.action, 'toggle-reaction');
  assert.equal(chips[0].dataset.emoji, '🎉');
  assert.ok(one(li, 'reaction-add'));
  assert.equal(reactorNames({count: 1, userids: ['u-x']}, id => id, t), 'u-x');
});

test('a reply shows the quoted author and text and jumps to the original; a deleted original says so', () => {
  const {li} = draw({id: 4, text: 'yes', reply_to: {id: 1, from: {userid: 'u-bob', display_name: 'Bob'}, text: 'Lunch\nat noon?'}});
  const quote = one(li, 'reply-quote');
  assert.equal(quote.textContent, 'BobLunch at noon?');
  assert.equal(quote.dataset.action, 'jump-reply');
  assert.equal(quote.dataset.target, '1');
  const gone = one(draw({id: 5, text: 'ok', reply_to: {id: 1, deleted: true}}).li, 'reply-quote');
  assert.equal(gone.textContent, 'reply.deleted()');
});

test('a mention of me marks the row and my @name; mentions of others and my own messages do not', () => {
  const {li, entry} = draw({id: 6, text: 'hi @me_1 and @bob_2', mentions: ['u-me', 'u-bob']});
  assert.equal(li.dataset.mentionsMe, 'true');
  assert.ok(li.classList.contains('mentions-me'));
  assert.deepEqual(li.byTestId('mention-me').map(e => e.textContent), ['@me_1']);
  assert.equal(mentionsMe(entry, ME), true);
  const other = draw({id: 7, text: 'hi @bob_2', mentions: ['u-bob']}).li;
  assert.equal(other.dataset.mentionsMe, undefined);
  assert.equal(other.byTestId('mention-me').length, 0);
  const mine = draw({id: 8, from: {userid: 'u-me', display_name: 'Me'}, text: 'note to @me_1', mentions: ['u-me']});
  assert.equal(mentionsMe(mine.entry, ME), false, 'writing my own name is no mention');
});

test('every change of a message changes its row signature (it is drawn again)', () => {
  const {entry, store} = draw({id: 9, text: 'v1'});
  const before = rowSignature(entry, false, '');
  store.applyUpdate({id: 9, room: 'lobby', from: ANN, text: 'v1', rev: 2, reactions: [{emoji: '👍', count: 1, userids: ['u-bob']}], mentions: []});
  assert.notEqual(rowSignature(entry, false, ''), before);
});
