// Test doubles for connection.js: a controllable clock, a scriptable WebSocket, a Storage.

/**
 * Fake time. Its functions are bound, so they can be handed out like the globals.
 * advance(ms) fires every due timer in time order (an interval as often as it is due);
 * jump(ms) moves time at once and fires each due timer only once, like a throttled tab.
 */
export class FakeClock {
  #t; #timers = new Map(); #nextId = 1; #seq = 0;

  constructor(start = 1_700_000_000_000) {
    this.#t = start;
    this.now = () => this.#t;
    this.setTimeout = (fn, ms = 0) => this.#add(fn, ms, 0);
    this.setInterval = (fn, ms = 0) => this.#add(fn, ms, Math.max(1, ms));
    this.clearTimeout = this.clearInterval = id => { this.#timers.delete(id); };
  }

  #add(fn, ms, every) {
    const id = this.#nextId++;
    this.#timers.set(id, {id, at: this.#t + Math.max(0, ms), seq: this.#seq++, fn, every});
    return id;
  }

  #dueBy(limit) {
    return [...this.#timers.values()]
      .filter(t => t.at <= limit)
      .sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  #fire(t, nextAt) {
    if (t.every) Object.assign(t, {at: nextAt, seq: this.#seq++});
    else this.#timers.delete(t.id);
    t.fn();
  }

  advance(ms) {
    const end = this.#t + ms;
    for (let t; (t = this.#dueBy(end)[0]);) {
      this.#t = t.at;
      this.#fire(t, t.at + t.every);
    }
    this.#t = end;
  }

  jump(ms) {
    this.#t += ms;
    for (const t of this.#dueBy(this.#t)) {
      if (this.#timers.has(t.id)) this.#fire(t, this.#t + t.every);
    }
  }

  /** Moves time without firing anything (a frozen tab); due timers fire at the next advance. */
  skip(ms) { this.#t += ms; }

  /** Number of timers and intervals still scheduled. */
  get pending() { return this.#timers.size; }
}

/** A WebSocket the test drives: open(), serverSend(), serverClose(). */
export class FakeWebSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static instances = [];
  static reset() { FakeWebSocket.instances = []; }
  static last() { return FakeWebSocket.instances.at(-1); }

  constructor(url, protocols) {
    this.url = url;
    this.protocols = protocols;
    this.readyState = 0;
    this.protocol = '';
    this.binaryType = 'blob';
    this.bufferedAmount = 0;
    this.sent = [];        // frames passed to send() while OPEN
    this.closeCalls = [];  // {code, reason} of every close() by the client
    this.onopen = this.onmessage = this.onclose = this.onerror = null;
    FakeWebSocket.instances.push(this);
  }

  get query() { return Object.fromEntries(new URL(this.url).searchParams); }

  send(data) {
    if (this.readyState === 0) throw new Error('InvalidStateError: still CONNECTING');
    if (this.readyState === 1) this.sent.push(data); // a closing socket drops it, like a browser
  }

  close(code, reason) {
    this.closeCalls.push({code, reason});
    if (this.readyState < 2) this.readyState = 2;
  }

  // ---- test helpers ----

  open(protocol = 'superchat') {
    this.protocol = protocol;
    this.readyState = 1;
    this.onopen?.({type: 'open'});
  }

  /** obj is JSON-encoded; a string, ArrayBuffer, Uint8Array (copied to an ArrayBuffer) or Blob as is. */
  serverSend(data) {
    if (data instanceof Uint8Array) data = data.slice().buffer;
    else if (typeof data !== 'string' && !(data instanceof ArrayBuffer) && !(data instanceof Blob)) data = JSON.stringify(data);
    this.onmessage?.({data});
  }

  welcome(extra = {}) {
    this.serverSend({
      resp_type: 5, session_id: 's-1', user: {userid: 'u1', display_name: 'U'}, protocol: this.protocol,
      heartbeat: {send_after_s: 55, timeout_s: 70}, server_time: 0, ...extra,
    });
  }

  serverClose(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({code, reason, wasClean: code !== 1006});
  }

  /** The text frames sent, parsed. */
  json() { return this.sent.filter(s => typeof s === 'string').map(s => JSON.parse(s)); }
}

/** In-memory Storage (getItem / setItem / removeItem). */
export class FakeStorage {
  map = new Map();
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

/** Lets resolved promises (token fetches) run. */
export const flush = () => new Promise(resolve => setImmediate(resolve));
