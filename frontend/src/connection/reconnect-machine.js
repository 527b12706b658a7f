// The reconnect rules of docs/protocol.md section 8 as one explicit transition table. Pure: no timers, no socket.
// The Connection feeds it events and carries out what the new phase means (fetch a token, start the
// timer, ask the user, ...).

/** Decisions a transition may lead to instead of a phase; guards turn them into one (see resolve). */
export const NOW = 'attempt-now';     // connecting (a counted attempt), or asking / offline
export const LATER = 'attempt-later'; // waiting (the reconnect timer), or asking / offline

/**
 * phase -> event -> target. A phase that does not list an event ignores it. `reset: true` gives a fresh
 * budget of attempts before the target is resolved.
 *
 * Phases: idle (never connected), connecting (token fetch and socket, until the welcome), ready (welcome
 * seen), waiting (reconnect timer), asking (the dialog), offline (user said no, or the browser is offline),
 * ended (the server closed with 1000), auth (the login is gone), banned (4403), stopped (close() was called).
 *
 * Events: connect, welcome, lost (unexpected close, heartbeat timeout, token fetch failed on the network),
 * reauth (4401), policy (1008), normal (1000), banned (4403), unauthorized (token fetch got 401), timer,
 * wake (browser online / page visible), confirm, cancel (the dialog), retry (the retry button), close.
 */
export const TRANSITIONS = deepFreeze({
  idle: {connect: {to: 'connecting', reset: true}, close: {to: 'stopped'}},
  connecting: {
    welcome: {to: 'ready', reset: true}, lost: {to: LATER}, reauth: {to: NOW}, policy: {to: 'asking'},
    normal: {to: 'ended'}, banned: {to: 'banned'}, unauthorized: {to: 'auth'}, close: {to: 'stopped'},
  },
  ready: {
    lost: {to: LATER}, reauth: {to: NOW}, policy: {to: 'asking'}, normal: {to: 'ended'}, banned: {to: 'banned'},
    close: {to: 'stopped'},
  },
  waiting: {
    timer: {to: NOW}, wake: {to: NOW}, retry: {to: NOW, reset: true}, connect: {to: 'connecting', reset: true},
    close: {to: 'stopped'},
  },
  asking: {
    confirm: {to: LATER, reset: true}, cancel: {to: 'offline', reason: 'cancelled'}, retry: {to: NOW, reset: true},
    connect: {to: 'connecting', reset: true}, close: {to: 'stopped'},
  },
  offline: {
    wake: {to: NOW, reset: true}, retry: {to: NOW, reset: true}, connect: {to: 'connecting', reset: true},
    close: {to: 'stopped'},
  },
  ended: {retry: {to: NOW, reset: true}, connect: {to: 'connecting', reset: true}, close: {to: 'stopped'}},
  auth: {retry: {to: NOW, reset: true}, connect: {to: 'connecting', reset: true}, close: {to: 'stopped'}},
  banned: {close: {to: 'stopped'}},
  stopped: {connect: {to: 'connecting', reset: true}},
});

export const PHASES = Object.freeze(Object.keys(TRANSITIONS));

/**
 * The machine's state: the phase and the attempts used. `toast` (the loading banner of section 8) is
 * derived: a counted attempt is running or the next one is waiting.
 */
export class ReconnectMachine {
  #phase = 'idle';
  #attempts = 0;
  #maxAttempts; #isOnline;

  /** maxAttempts and isOnline are functions: the budget may change with the welcome, the network at any time. */
  constructor({maxAttempts = () => 5, isOnline = () => true} = {}) {
    this.#maxAttempts = maxAttempts;
    this.#isOnline = isOnline;
  }

  get phase() { return this.#phase; }
  get attempts() { return this.#attempts; }
  get toast() { return this.#attempts > 0 && (this.#phase === 'connecting' || this.#phase === 'waiting'); }

  /**
   * Applies an event. Returns null when the phase ignores it, else {from, to, counted, reason}: counted is
   * true when `to` is connecting on an attempt that counts; reason says why the client went offline.
   */
  dispatch(event) {
    const from = this.#phase;
    const rule = TRANSITIONS[from][event];
    if (!rule) return null;
    if (rule.reset) this.#attempts = 0;
    let to = rule.to;
    let counted = false;
    let reason = rule.reason ?? null;
    if (to === NOW || to === LATER || to === 'connecting') {
      if (!this.#isOnline()) {
        to = 'offline'; // no attempt is burnt while the browser says it is offline
        reason = 'browser-offline';
      } else if (to !== 'connecting' && this.#attempts >= this.#maxAttempts()) {
        to = 'asking';
      } else if (to === NOW) {
        to = 'connecting';
        counted = true;
      } else if (to === LATER) {
        to = 'waiting';
      }
    }
    if (counted) this.#attempts++;
    this.#phase = to;
    return {from, to, counted, reason};
  }
}

function deepFreeze(table) {
  for (const row of Object.values(table)) {
    for (const rule of Object.values(row)) Object.freeze(rule);
    Object.freeze(row);
  }
  return Object.freeze(table);
}
