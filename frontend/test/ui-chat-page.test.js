import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HealthWatch, HEALTH_INTERVAL_MS, httpHealthCheck} from '../src/ui/health-watch.js';
import {Drafts} from '../src/ui/drafts.js';
import {continuesGroup, GROUP_MAX, GROUP_WINDOW_MS} from '../src/ui/message-list.js';
import {pageSettings} from '../src/ui/page-config.js';
import {FakeClock, FakeStorage, flush} from './fakes.js';

test('health watch: checks at once, then at most every 15 s, stops at the first answer or on stop()', async () => {
  const clock = new FakeClock();
  const answers = [false, false, true];
  let checks = 0;
  let reachable = 0;
  const watch = new HealthWatch({
    check: async () => { checks++; return answers.shift(); },
    onReachable: () => { reachable++; },
    timers: clock,
  });
  assert.equal(HEALTH_INTERVAL_MS, 15000);
  watch.start();
  await flush();
  assert.equal(checks, 1, 'a check when the dialog opens');
  clock.advance(14_999);
  await flush();
  assert.equal(checks, 1, 'not sooner than 15 s');
  clock.advance(1);
  await flush();
  assert.equal(checks, 2);
  clock.advance(15_000);
  await flush();
  assert.equal(checks, 3);
  assert.equal(reachable, 1);
  clock.advance(60_000);
  await flush();
  assert.equal(checks, 3, 'no more checks once the server answered');
  assert.equal(clock.pending, 0);

  const failing = new HealthWatch({check: async () => { throw new Error('down'); }, onReachable: () => { reachable++; }, timers: clock});
  failing.start();
  await flush();
  failing.stop();
  clock.advance(60_000);
  await flush();
  assert.equal(reachable, 1, 'an error is not reachable; stop() ends the checks');
  assert.equal(clock.pending, 0);
});

test('httpHealthCheck: UP over 2xx is reachable; 503, DOWN and network errors are not', async () => {
  const answer = (ok, body) => async () => ({ok, json: async () => body});
  assert.equal(await httpHealthCheck('/actuator/health', answer(true, {status: 'UP'}))(), true);
  assert.equal(await httpHealthCheck('/actuator/health', answer(true, {status: 'DOWN'}))(), false);
  assert.equal(await httpHealthCheck('/actuator/health', answer(false, {status: 'DOWN'}))(), false);
  await assert.rejects(httpHealthCheck('/x', async () => { throw new TypeError('Failed to fetch'); })());
});

test('drafts: per room and per user, kept in storage, cleared when sent', () => {
  const storage = new FakeStorage();
  const mine = new Drafts({storage, userid: 'u1'});
  mine.set('lobby', 'half a thought');
  mine.set('dev', '设计');
  assert.equal(new Drafts({storage, userid: 'u1'}).get('lobby'), 'half a thought', 'after a reload');
  assert.equal(new Drafts({storage, userid: 'u2'}).get('lobby'), '', 'another user on this browser');
  mine.clear('lobby');
  assert.equal(mine.get('lobby'), '');
  assert.equal(mine.get('dev'), '设计');
  mine.clear('dev');
  assert.equal(storage.getItem('pulse-chat.drafts.u1'), null);
  const memory = new Drafts({storage: undefined, userid: 'u1'});
  memory.set('a', 'x');
  assert.equal(memory.get('a'), 'x');
});

test('author groups: a gap of 5 minutes or 20 messages repeats the header', () => {
  const ann = {userid: 'a'};
  const at = (ts, from = ann) => ({ts, from, attachment: null});
  const base = new Date(2024, 4, 10, 12).getTime();
  assert.equal(continuesGroup(null, at(base)), false);
  assert.equal(continuesGroup(at(base), at(base + 1000), 1), true);
  assert.equal(continuesGroup(at(base), at(base + GROUP_WINDOW_MS), 1), false);
  assert.equal(continuesGroup(at(base), at(base + 1000, {userid: 'b'}), 1), false);
  assert.equal(GROUP_MAX, 20);
  assert.equal(continuesGroup(at(base), at(base + 1000), 19), true);
  assert.equal(continuesGroup(at(base), at(base + 1000), 20), false, 'the 21st message starts a new group');
});

test('page settings: the rendered values, reconnect delay in ms, absent values left out', () => {
  assert.deepEqual(pageSettings({heartbeatSendAfterS: '55', heartbeatTimeoutS: '70', reconnectDelayS: '0.5',
    reconnectMaxAttempts: '5', attachmentMaxBytes: '1048576'}),
  {heartbeatSendAfterS: 55, heartbeatTimeoutS: 70, reconnectDelayMs: 500, reconnectMaxAttempts: 5, attachmentMaxBytes: 1048576});
  assert.deepEqual(pageSettings({reconnectDelayS: '', attachmentMaxBytes: 'lots'}), {});
});
