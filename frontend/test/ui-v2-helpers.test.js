// The small pure parts of version 2: @ completion, search excerpts, desktop notifications.
import {test, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {mentionQueryAt, filterCandidates, insertMention} from '../src/ui/mention-complete.js';
import {excerptParts, queryWords} from '../src/ui/search-dialog.js';
import {DesktopNotifications} from '../src/ui/desktop-notifications.js';
import {People} from '../src/ui/people.js';
import {FakeStorage} from './fakes.js';

test('the mention at the caret: after "@" at a word start, username characters only', () => {
  assert.deepEqual(mentionQueryAt('hi @an', 6), {start: 3, query: 'an'});
  assert.deepEqual(mentionQueryAt('@', 1), {start: 0, query: ''});
  assert.deepEqual(mentionQueryAt('(@bo', 4), {start: 1, query: 'bo'});
  assert.equal(mentionQueryAt('mail@an', 7), null, 'an e-mail address');
  assert.equal(mentionQueryAt('hi @an x', 8), null, 'the caret is past it');
  assert.equal(mentionQueryAt('hi @An', 6), null, 'usernames are lowercase');
  assert.deepEqual(mentionQueryAt('你好@an', 5), null, 'after a letter of any script');
  assert.deepEqual(mentionQueryAt('你好 @an', 6), {start: 3, query: 'an'});
});

test('candidates by username or by any word of the display name, each once, at most 8', () => {
  const people = [
    {userid: '1', username: 'ann', display_name: 'Ann Lee'},
    {userid: '2', username: 'bob', display_name: 'Annette Bob'},
    {userid: '3', username: 'carl', display_name: 'Carl Anders'},
    {userid: '1', username: 'ann', display_name: 'Ann Lee'},
    {userid: '4', display_name: 'No Username'},
  ];
  assert.deepEqual(filterCandidates(people, 'an').map(c => c.username), ['ann', 'bob', 'carl']);
  assert.deepEqual(filterCandidates(people, 'bo').map(c => c.username), ['bob']);
  const many = Array.from({length: 20}, (_, i) => ({userid: String(i), username: `user${i}`}));
  assert.equal(filterCandidates(many, 'user').length, 8);
});

test('inserting replaces the typed part, keeps the rest and adds one space', () => {
  assert.deepEqual(insertMention('hi @an', {start: 3}, 6, 'ann_lee'), {text: 'hi @ann_lee ', caret: 12});
  assert.deepEqual(insertMention('hi @an, see', {start: 3}, 6, 'ann'), {text: 'hi @ann , see', caret: 8});
  assert.deepEqual(insertMention('@a more', {start: 0}, 2, 'ann'), {text: '@ann more', caret: 5});
});

test('search excerpts: the words marked, case-insensitive, shortened around the first one', () => {
  assert.deepEqual(queryWords('  Zebra  crossing '), ['zebra', 'crossing']);
  const parts = excerptParts('The ZEBRA crossing is here', ['zebra', 'crossing']);
  assert.deepEqual(parts, [{text: 'The ', match: false}, {text: 'ZEBRA', match: true}, {text: ' ', match: false},
    {text: 'crossing', match: true}, {text: ' is here', match: false}]);
  const long = `${'x'.repeat(300)} needle ${'y'.repeat(300)}`;
  const shortened = excerptParts(long, ['needle'], 100);
  const joined = shortened.map(p => p.text).join('');
  assert.ok(joined.startsWith('…') && joined.endsWith('…'));
  assert.ok(joined.length <= 102);
  assert.ok(shortened.some(p => p.match && p.text === 'needle'));
  assert.deepEqual(excerptParts('设计团队的会议', ['团队']).map(p => p.match), [false, true, false]);
});

test('people: names by userid, learnt from anywhere, usernames kept', () => {
  const people = new People();
  people.learn({userid: 'u1', display_name: 'Ann'});
  people.learn({userid: 'u1', username: 'ann'});
  assert.deepEqual(people.get('u1'), {userid: 'u1', display_name: 'Ann', username: 'ann'});
  assert.equal(people.nameOf('u2', 'someone'), 'someone');
  assert.deepEqual(people.withUsernames().map(u => u.username), ['ann']);
});

// ----- desktop notifications -----

class FakeNotification {
  static permission = 'default';
  static answer = 'granted';
  static asked = 0;
  static shown = [];
  static async requestPermission() { FakeNotification.asked++; FakeNotification.permission = FakeNotification.answer; return FakeNotification.answer; }
  constructor(title, options) { this.title = title; this.options = options; this.closed = false; FakeNotification.shown.push(this); }
  close() { this.closed = true; }
}

function fakeButton() {
  const listeners = [];
  return {
    hidden: false, disabled: false, dataset: {}, attributes: {}, title: '',
    setAttribute(k, v) { this.attributes[k] = v; },
    addEventListener(type, fn) { listeners.push(fn); },
    click: () => Promise.all(listeners.map(fn => fn())),
  };
}

function notifications({permission = 'default', answer = 'granted', storage = new FakeStorage()} = {}) {
  Object.assign(FakeNotification, {permission, answer, asked: 0, shown: []});
  const doc = {visibilityState: 'hidden', documentElement: {lang: 'en'}};
  const opened = [];
  const button = fakeButton();
  const label = {textContent: ''};
  const n = new DesktopNotifications({button, label, t: (k, ...a) => `${k}(${a.join('|')})`, storage, userid: 'u1',
    onOpen: (room, id) => opened.push([room, id]), NotificationImpl: FakeNotification, doc, win: {focus() {}}});
  return {n, doc, opened, button, label, storage};
}

const message = (id, text = 'hi @ann **now**') => ({id, text, from: {userid: 'u2', display_name: 'Bob'}});

test('notifications: nothing is asked until the control is used; then shown only while the page is hidden', async () => {
  const {n, doc, opened, button, label} = notifications();
  assert.equal(FakeNotification.asked, 0, 'no prompt on load');
  assert.equal(label.textContent, 'notifications.off()');
  assert.equal(n.notify({room: 'dev', roomName: 'Dev', direct: false, message: message(1)}), null, 'off: nothing');
  await button.click();
  assert.equal(FakeNotification.asked, 1);
  assert.equal(n.enabled, true);
  assert.equal(button.attributes['aria-pressed'], 'true');
  const shown = n.notify({room: 'dev', roomName: 'Dev', direct: false, message: message(2)});
  assert.equal(shown.title, 'notifications.mention(Bob|Dev)');
  assert.equal(shown.options.body, 'hi @ann now', 'plain text, no markers');
  assert.equal(n.notify({room: 'dev', roomName: 'Dev', direct: false, message: message(2)}), null, 'once per message');
  doc.visibilityState = 'visible';
  assert.equal(n.notify({room: 'dev', roomName: 'Dev', direct: false, message: message(3)}), null, 'the page is in view');
  doc.visibilityState = 'hidden';
  const dm = n.notify({room: 'dm-1', roomName: 'Bob', direct: true, message: message(4)});
  assert.equal(dm.title, 'notifications.direct(Bob)');
  dm.onclick();
  assert.deepEqual(opened, [['dm-1', 4]]);
  assert.equal(dm.closed, true);
  await button.click();
  assert.equal(n.enabled, false, 'the same control turns them off');
  assert.equal(FakeNotification.asked, 1, 'without asking again');
});

test('notifications: a refusal, and a choice remembered per user', async () => {
  const refused = notifications({answer: 'denied'});
  await refused.button.click();
  assert.equal(refused.n.enabled, false);
  assert.equal(refused.button.disabled, true);
  assert.equal(refused.label.textContent, 'notifications.blocked()');
  const storage = new FakeStorage();
  const first = notifications({storage});
  await first.button.click();
  const again = notifications({permission: 'granted', storage});
  assert.equal(again.n.enabled, true, 'after a reload');
});
