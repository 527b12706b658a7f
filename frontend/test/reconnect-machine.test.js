import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ReconnectMachine, TRANSITIONS, PHASES, NOW, LATER} from '../src/connection/reconnect-machine.js';
import {SeenIds} from '../src/connection/seen-ids.js';
import {Outbox, OUTBOX_KEY} from '../src/connection/outbox.js';
import {FakeStorage} from './fakes.js';

const EVENTS = ['connect', 'welcome', 'lost', 'reauth', 'policy', 'normal', 'banned', 'unauthorized', 'timer',
  'wake', 'confirm', 'cancel', 'retry', 'close'];

/** A machine put into `phase` by a path of events, with `attempts` used. */
function machineIn(phase, {online = () => true, max = 5} = {}) {
  const env = {online: true};
  const m = new ReconnectMachine({maxAttempts: () => max, isOnline: () => online() && env.online});
  const paths = {
    idle: [], connecting: ['connect'], ready: ['connect', 'welcome'], waiting: ['connect', 'lost'],
    asking: ['connect', 'policy'], offline: ['connect', 'policy', 'cancel'], ended: ['connect', 'normal'],
    auth: ['connect', 'unauthorized'], banned: ['connect', 'banned'], stopped: ['close'],
  };
  for (const e of paths[phase]) m.dispatch(e);
  assert.equal(m.phase, phase);
  return {m, env};
}

test('the table: every phase, every event, nothing else; targets are phases or the two decisions', () => {
  assert.deepEqual(PHASES, ['idle', 'connecting', 'ready', 'waiting', 'asking', 'offline', 'ended', 'auth', 'banned', 'stopped']);
  for (const [phase, row] of Object.entries(TRANSITIONS)) {
    assert.ok(Object.isFrozen(row), phase);
    for (const [event, rule] of Object.entries(row)) {
      assert.ok(EVENTS.includes(event), `${phase}.${event}`);
      assert.ok(PHASES.includes(rule.to) || rule.to === NOW || rule.to === LATER, `${phase}.${event} -> ${rule.to}`);
    }
  }
});

test('the table as written: where each (phase, event) leads while online and with attempts left', () => {
  const expected = {
    idle: {connect: 'connecting', close: 'stopped'},
    connecting: {welcome: 'ready', lost: 'waiting', reauth: 'connecting', policy: 'asking', normal: 'ended',
      banned: 'banned', unauthorized: 'auth', close: 'stopped'},
    ready: {lost: 'waiting', reauth: 'connecting', policy: 'asking', normal: 'ended', banned: 'banned', close: 'stopped'},
    waiting: {timer: 'connecting', wake: 'connecting', retry: 'connecting', connect: 'connecting', close: 'stopped'},
    asking: {confirm: 'waiting', cancel: 'offline', retry: 'connecting', connect: 'connecting', close: 'stopped'},
    offline: {wake: 'connecting', retry: 'connecting', connect: 'connecting', close: 'stopped'},
    ended: {retry: 'connecting', connect: 'connecting', close: 'stopped'},
    auth: {retry: 'connecting', connect: 'connecting', close: 'stopped'},
    banned: {close: 'stopped'},
    stopped: {connect: 'connecting'},
  };
  for (const phase of PHASES) {
    for (const event of EVENTS) {
      const {m} = machineIn(phase);
      const step = m.dispatch(event);
      const want = expected[phase][event];
      if (want === undefined) {
        assert.equal(step, null, `${phase} ignores ${event}`);
        assert.equal(m.phase, phase);
      } else {
        assert.equal(step.to, want, `${phase} --${event}-->`);
        assert.equal(m.phase, want);
      }
    }
  }
});

test('banned (4403) and stopped never reconnect: no wake, retry or timer leaves them', () => {
  for (const phase of ['banned', 'stopped']) {
    const {m} = machineIn(phase);
    for (const event of ['wake', 'retry', 'timer', 'confirm', 'lost', 'reauth']) assert.equal(m.dispatch(event), null);
  }
});

test('attempts: counted only on automatic and manual attempts; five, then the dialog; toast derived', () => {
  const {m} = machineIn('connecting');
  assert.equal(m.attempts, 0, 'the first connect is no attempt');
  assert.equal(m.toast, false);
  m.dispatch('lost');
  assert.equal(m.phase, 'waiting');
  assert.equal(m.toast, false, 'no toast before the first automatic attempt');
  for (let i = 1; i <= 5; i++) {
    assert.deepEqual(m.dispatch('timer'), {from: 'waiting', to: 'connecting', counted: true, reason: null});
    assert.equal(m.attempts, i);
    assert.equal(m.toast, true);
    m.dispatch('lost');
  }
  assert.equal(m.phase, 'asking', 'the sixth failure asks');
  assert.equal(m.toast, false);
  m.dispatch('confirm');
  assert.equal(m.phase, 'waiting');
  assert.equal(m.attempts, 0, 'confirm gives a fresh budget');
  m.dispatch('timer');
  m.dispatch('welcome');
  assert.equal(m.attempts, 0);
  assert.equal(m.toast, false);
});

test('guards: browser offline turns every attempt into offline without counting', () => {
  let online = true;
  const {m} = machineIn('ready', {online: () => online});
  online = false;
  assert.deepEqual(m.dispatch('lost'), {from: 'ready', to: 'offline', counted: false, reason: 'browser-offline'});
  assert.equal(m.attempts, 0);
  assert.equal(m.dispatch('timer'), null);
  assert.equal(m.dispatch('wake').to, 'offline');
  online = true;
  assert.deepEqual(m.dispatch('wake'), {from: 'offline', to: 'connecting', counted: true, reason: null});
  assert.equal(m.attempts, 1);
  const cancelled = machineIn('asking').m.dispatch('cancel');
  assert.equal(cancelled.reason, 'cancelled');
});

test('guards: a spent budget turns attempt-now into asking (4401 after four failures)', () => {
  const {m} = machineIn('ready', {max: 1});
  m.dispatch('lost');
  m.dispatch('timer');
  assert.equal(m.attempts, 1);
  assert.equal(m.dispatch('reauth').to, 'asking');
});

test('SeenIds: first time only, per room, a window of ids, the highest id to resume from', () => {
  const seen = new SeenIds({window: 3});
  assert.equal(seen.add('a', 5), true);
  assert.equal(seen.add('a', 5), false);
  assert.equal(seen.add('b', 5), true, 'per room');
  assert.equal(seen.add('a', 'x'), true, 'not an id: always passes');
  for (const id of [6, 7, 8]) seen.add('a', id);
  assert.equal(seen.add('a', 5), false, 'fell out of the window: counts as delivered');
  assert.equal(seen.add('a', 4), false);
  assert.equal(seen.last('a'), 8);
  assert.equal(seen.last('z'), 0);
});

test('Outbox: one storage key for every tab, entries per user, an empty outbox leaves no key', () => {
  const storage = new FakeStorage();
  const tab1 = new Outbox({storage});
  const tab2 = new Outbox({storage});
  tab1.add({client_msg_id: 'a', room: 'lobby', text: 'x', userid: 'u1'});
  tab2.add({client_msg_id: 'b', room: 'lobby', text: 'y', userid: 'u2'});
  assert.deepEqual(tab1.mine('u1').map(e => e.client_msg_id), ['a']);
  assert.deepEqual(tab1.mine('u2').map(e => e.client_msg_id), ['b'], 'written by the other tab');
  assert.deepEqual(tab1.mine(null).length, 2);
  assert.equal(tab2.remove('a').text, 'x');
  assert.equal(tab2.remove('a'), null);
  tab1.remove('b');
  assert.equal(storage.getItem(OUTBOX_KEY), null);
  storage.setItem(OUTBOX_KEY, '{not json');
  assert.deepEqual(tab1.all(), []);
  const memory = new Outbox();
  memory.add({client_msg_id: 'm'});
  assert.equal(memory.all().length, 1);
});
