import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmt, formatBytes, formatFrameTime, initials, hashIndex, utf8Length, truncate, formatRtt, dayKey, dayLabel } from '../src/ui/format.js';
import { splitLinks, isSafeHttpUrl } from '../src/ui/linkify.js';
import { UnreadCounter, badgeText } from '../src/ui/unread.js';
import { TypingTracker, typingSentence } from '../src/ui/typing-tracker.js';
import { createThrottle } from '../src/ui/throttle.js';
import { isValidRoomId, suggestRoomId } from '../src/ui/room-id.js';
import { PresenceModel, platformLabel } from '../src/ui/presence-model.js';
import { describeFrame } from '../src/ui/frame-format.js';
import { webSocketUrl } from '../src/ui/page-config.js';
import { loadStrings } from '../src/ui/i18n.js';

test('fmt fills numbered placeholders and leaves unknown ones', () => {
  assert.equal(fmt('{0} and {1} are typing…', 'Ann', 'Bo'), 'Ann and Bo are typing…');
  assert.equal(fmt('{0} {2}', 'a'), 'a {2}');
});

test('formatBytes', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(10 * 1024 * 1024), '10 MB');
});

test('formatFrameTime is HH:MM:SS.mmm', () => {
  assert.match(formatFrameTime(Date.now()), /^\d{2}:\d{2}:\d{2}\.\d{3}$/);
  const d = new Date(2024, 0, 2, 3, 4, 5, 6);
  assert.equal(formatFrameTime(d.getTime()), '03:04:05.006');
});

test('day labels', () => {
  const now = new Date(2024, 4, 10, 12).getTime();
  const strings = { today: 'Today', yesterday: 'Yesterday' };
  assert.equal(dayLabel(new Date(2024, 4, 10, 1).getTime(), now, strings, 'en'), 'Today');
  assert.equal(dayLabel(new Date(2024, 4, 9, 23).getTime(), now, strings, 'en'), 'Yesterday');
  assert.match(dayLabel(new Date(2024, 4, 1).getTime(), now, strings, 'en'), /May/);
  assert.equal(dayKey(new Date(2024, 4, 1, 5).getTime()), '2024-05-01');
});

test('initials, colour index, utf8 length, truncate, rtt', () => {
  assert.equal(initials('Ann Lee'), 'AL');
  assert.equal(initials('bob'), 'B');
  assert.equal(initials('  '), '?');
  assert.equal(initials('张三'), '张');
  assert.equal(hashIndex('u1', 8), hashIndex('u1', 8));
  assert.ok(hashIndex('u1', 8) < 8);
  assert.equal(utf8Length('aé中😀'), 1 + 2 + 3 + 4);
  assert.equal(truncate('abcdef', 4), 'abc…');
  assert.equal(truncate('abc', 4), 'abc');
  assert.equal(formatRtt(null), '—');
  assert.equal(formatRtt(12.4), '12 ms');
});

test('splitLinks keeps the text intact and only links http(s)', () => {
  const text = 'see https://example.com/a?b=1, or javascript:alert(1) <b>x</b>';
  const parts = splitLinks(text);
  assert.equal(parts.map((p) => p.value).join(''), text);
  assert.deepEqual(parts.filter((p) => p.type === 'link').map((p) => p.value), ['https://example.com/a?b=1']);
  assert.deepEqual(splitLinks('<img src=x onerror=alert(1)>'), [{ type: 'text', value: '<img src=x onerror=alert(1)>' }]);
  assert.equal(isSafeHttpUrl('javascript:alert(1)'), false);
  assert.deepEqual(splitLinks(''), []);
});

test('unread counts skip my own messages and the room in view', () => {
  const unread = new UnreadCounter();
  unread.record('a', {});
  unread.record('a', {});
  unread.record('a', { mine: true });
  unread.record('b', { viewing: true });
  unread.record('c', {});
  assert.equal(unread.get('a'), 2);
  assert.equal(unread.get('b'), 0);
  assert.equal(unread.total(), 3);
  assert.equal(unread.total('a'), 1);
  unread.clear('a');
  assert.equal(unread.get('a'), 0);
  assert.equal(badgeText(0), '');
  assert.equal(badgeText(5), '5');
  assert.equal(badgeText(120), '99+');
});

test('typing entries expire and stop when the user sends', () => {
  let now = 0;
  const tracker = new TypingTracker({ now: () => now, visibleMs: 5000 });
  tracker.typing('lobby', { userid: 'a', display_name: 'Ann' });
  tracker.typing('lobby', { userid: 'b', display_name: 'Bo' });
  assert.deepEqual(tracker.names('lobby'), ['Ann', 'Bo']);
  tracker.stopped('lobby', 'a');
  assert.deepEqual(tracker.names('lobby'), ['Bo']);
  now = 5000;
  assert.deepEqual(tracker.names('lobby'), []);
  const t = (key, ...args) => `${key}:${args.join(',')}`;
  assert.equal(typingSentence([], t), '');
  assert.equal(typingSentence(['Ann'], t), 'typing.one:Ann');
  assert.equal(typingSentence(['Ann', 'Bo'], t), 'typing.two:Ann,Bo');
  assert.equal(typingSentence(['Ann', 'Bo', 'Cy'], t), 'typing.many:');
});

test('throttle lets one call through per interval', () => {
  let now = 0;
  let calls = 0;
  const throttled = createThrottle(() => { calls += 1; }, 2000, () => now);
  throttled();
  throttled();
  now = 1999;
  throttled();
  now = 2000;
  throttled();
  assert.equal(calls, 2);
  // the interval as a function: a new value (from the welcome) applies at the next call
  let interval = 2000;
  let live = 0;
  now = 0;
  const fromSettings = createThrottle(() => { live += 1; }, () => interval, () => now);
  fromSettings();
  interval = 500;
  now = 500;
  fromSettings();
  assert.equal(live, 2);
});

test('room ids', () => {
  assert.equal(isValidRoomId('lobby'), true);
  assert.equal(isValidRoomId('a'), true);
  assert.equal(isValidRoomId('-x'), false);
  assert.equal(isValidRoomId('Upper'), false);
  assert.equal(isValidRoomId('a'.repeat(33)), false);
  assert.equal(suggestRoomId('Team Berlin!'), 'team-berlin');
  assert.equal(suggestRoomId('  Café -- Ops_ '), 'cafe-ops');
  // a name without Latin letters or digits gets a short id from its hash (issue 12): valid, stable, distinct
  assert.match(suggestRoomId('设计团队'), /^room-[0-9a-z]{1,7}$/);
  assert.ok(isValidRoomId(suggestRoomId('设计团队')));
  assert.equal(suggestRoomId('设计团队'), suggestRoomId(' 设计团队 '));
  assert.notEqual(suggestRoomId('设计团队'), suggestRoomId('市场团队'));
  assert.ok(isValidRoomId(suggestRoomId('🎉🎉')));
  assert.equal(suggestRoomId(''), '');
  assert.equal(suggestRoomId('Équipe 设计'), 'equipe');
  assert.ok(isValidRoomId(suggestRoomId('x'.repeat(50))));
});

test('presence: own join replaces, joined/left update, me first', () => {
  const presence = new PresenceModel();
  presence.replace('lobby', [{ userid: 'z', display_name: 'Zed', platform: 'ios' }, { userid: 'me', display_name: 'Me', platform: 'micro-web' }]);
  presence.joined('lobby', { userid: 'a', display_name: 'Ann', platform: 'micro-web' });
  assert.deepEqual(presence.list('lobby', 'me').map((u) => u.userid), ['me', 'a', 'z']);
  presence.left('lobby', { userid: 'z' });
  assert.deepEqual(presence.list('lobby', 'me').map((u) => u.userid), ['me', 'a']);
  assert.deepEqual(presence.list('other', 'me'), []);
  assert.equal(platformLabel('micro-web'), 'micro-web');
  assert.equal(platformLabel(''), '?');
});

test('frames: tones follow the devtools colours', () => {
  const time = new Date(2024, 0, 1, 10, 0, 0, 5).getTime();
  const sent = describeFrame({ dir: 'sent', kind: 'text', data: '{"req_type":2}', length: 14, time });
  assert.equal(sent.tone, 'sent');
  assert.equal(sent.time, '10:00:00.005');
  assert.equal(sent.length, 14);
  assert.equal(describeFrame({ dir: 'received', kind: 'text', data: '{}', time }).tone, 'received');
  assert.equal(describeFrame({ dir: 'sent', kind: 'heartbeat', data: '{"req_type":8}', time }).tone, 'opcode');
  assert.equal(describeFrame({ dir: 'received', kind: 'error', data: 'bad', time }).tone, 'error');
  const binary = describeFrame({ dir: 'sent', kind: 'binary', data: 'Binary Frame (opcode 2)', length: 1234, time });
  assert.equal(binary.tone, 'opcode');
  assert.equal(binary.text, 'Binary Frame (opcode 2)');
  assert.equal(binary.length, 1234);
  const close = describeFrame({ dir: 'received', kind: 'close', data: { code: 1001, reason: 'going away', wasClean: true }, time });
  assert.equal(close.text, 'Connection Close Frame (opcode 8) 1001 going away clean');
  assert.equal(describeFrame({ dir: 'received', kind: 'text', data: 'é', time }).length, 2);
});

test('webSocketUrl follows the page scheme', () => {
  assert.equal(webSocketUrl('/ws/chat', { protocol: 'http:', host: 'localhost:8080' }), 'ws://localhost:8080/ws/chat');
  assert.equal(webSocketUrl('/ctx/ws/chat', { protocol: 'https:', host: 'chat.example' }), 'wss://chat.example/ctx/ws/chat');
});

test('loadStrings reads data-key nodes and formats', () => {
  const root = { querySelectorAll: () => [{ dataset: { key: 'typing.one' }, textContent: '{0} 正在输入…' }] };
  const t = loadStrings(root);
  assert.equal(t('typing.one', 'Ann'), 'Ann 正在输入…');
  assert.equal(t('missing.key'), 'missing.key');
});
