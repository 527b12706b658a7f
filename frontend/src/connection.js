// The browser's connection manager: heartbeat, reconnect, rooms, outbox, dedupe
// (shared/PROTOCOL.md section 8, after the seed's sendHeartTime / getHeartTime and
// connectPrompt / reConnectSocket). No DOM: the socket class, clock, storage and online
// check are injected, and the UI only reacts to the events this class emits.
import {
  REQ, RESP, READY_STATE_NAMES, SUBPROTOCOLS,
  encodeBinaryFrame, decodeBinaryFrame, closeAction, newClientMsgId,
} from './protocol.js';

const OUTBOX_KEY = 'pulse.outbox';
const DEFAULT_CONFIG = {heartbeatSendAfterS: 55, heartbeatTimeoutS: 70, reconnectDelayS: 2, reconnectMaxAttempts: 5};
const OPEN = 1;
const CLOSED = 3;
const CLIENT_TIMEOUT_CODE = 4000; // we close a silent socket with the code the server uses for the same case
const DEDUPE_WINDOW = 1000;       // message ids remembered per room (older ones count as delivered)
const BINARY_TEXT = 'Binary Frame (opcode 2)';
const utf8 = new TextEncoder();
const byteLength = text => utf8.encode(text).length;
const closeText = (code, reason) => `Connection Close Frame (opcode 8) ${code}${reason ? ` ${reason}` : ''}`;

// Calling window.setTimeout on another object throws "Illegal invocation": bind each function
// to its owner, and fill in what the caller left out.
function makeClock(clock = {}) {
  const c = {now: clock.now ? () => clock.now() : () => Date.now()};
  for (const name of ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout']) {
    const fn = clock[name] ?? globalThis[name];
    c[name] = fn.bind(fn === globalThis[name] ? globalThis : clock);
  }
  return c;
}

/**
 * One logical connection to /ws/chat that survives socket losses.
 *
 * Phases: idle -> connecting (token fetch + socket, until the welcome) -> ready (welcome seen)
 * -> waiting (reconnect timer) | asking (dialog) | offline | closed | auth (login needed).
 * App frames (join, leave, send, typing, resume) only go out once the welcome arrived; until then
 * rooms and the outbox are remembered and flushed by the welcome.
 */
export class Connection {
  #opts; #clock; #cfg;
  #listeners = new Map();
  #ws = null;
  #selfClosing = false;   // the current socket was closed by us: its close event decides nothing
  #binaryType = 'arraybuffer';
  #phase = 'idle';
  #clientClosed = false;  // close() was called: never reconnect until connect()
  #attempts = 0;
  #gen = 0;               // bumps to drop a token fetch that is still in flight
  #timer = null;          // reconnect timer
  #ticker = null;         // 1 s heartbeat tick
  #sendRef = 0;           // wall-clock reference of sendHeartTime
  #getRef = 0;            // wall-clock reference of getHeartTime (last frame received)
  #toast = false;
  #state = CLOSED;        // last readyState announced by a 'state' event
  #lastClose = null;
  #userid = null;
  #rooms = new Set();
  #seen = new Map();      // room -> {max, floor, ids}
  #memOutbox = [];
  #attachmentRooms = new Map(); // client_msg_id -> room, to tell the room of an attachment's ack

  constructor({
    wsUrl, fetchToken, version = '1', WebSocketImpl = globalThis.WebSocket, clock,
    storage = null, isOnline = () => true, config = {},
  } = {}) {
    this.#opts = {wsUrl, fetchToken, version, WebSocketImpl, storage, isOnline};
    this.#clock = makeClock(clock);
    this.#cfg = {...DEFAULT_CONFIG, ...config};
  }

  // ---- events ----------------------------------------------------------------------------

  on(type, fn) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(fn);
    return this;
  }

  off(type, fn) {
    this.#listeners.get(type)?.delete(fn);
    return this;
  }

  #emit(type, payload = {}) {
    for (const fn of [...(this.#listeners.get(type) ?? [])]) {
      try { fn(payload); } catch (e) { console.error(`Pulse connection: '${type}' listener failed`, e); }
    }
  }

  #frame(dir, kind, data, length) {
    this.#emit('frame', {dir, kind, data, length, time: this.#clock.now()});
  }

  #emitState() {
    const readyState = this.readyState;
    if (readyState === this.#state) return;
    this.#state = readyState;
    this.#emit('state', {readyState, name: READY_STATE_NAMES[readyState]});
  }

  #setToast(show) {
    if (show === this.#toast) return;
    this.#toast = show;
    this.#emit('toast', {show});
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Connects (again) with a fresh token. No-op while connecting or connected. */
  connect() {
    if (this.#phase === 'connecting' || this.#phase === 'ready') return;
    this.#clientClosed = false;
    this.#attempts = 0;
    this.#open(false);
  }

  /** The close the client asked for (logout, leaving the page): 1000, never reconnects (rule 7). */
  close() {
    this.#clientClosed = true;
    this.#phase = 'closed';
    this.#gen++;
    this.#clearTimer();
    this.#closeSocket(1000, '');
    this.#setToast(false);
  }

  /** The dialog's "yes": a fresh budget of attempts, the first after the usual delay (seed). */
  confirmReconnect() {
    if (this.#phase !== 'asking') return;
    this.#attempts = 0;
    this.#reconnect(false);
  }

  /** The dialog's "no": stay offline; the UI shows a retry button. */
  cancelReconnect() {
    if (this.#phase === 'asking') this.#goOffline('cancelled');
  }

  /** The manual retry button: a fresh budget, first attempt now. Does nothing after close(). */
  retry() {
    if (this.#clientClosed || this.#phase === 'connecting' || this.#phase === 'ready') return;
    this.#attempts = 0;
    this.#reconnect(true);
  }

  /** The window's 'online' event (rule 10). */
  online() { this.#wake(); }

  /** The document became visible (rule 10). */
  visible() { this.#wake(); }

  // Not connected: attempt now (waiting for the timer, or offline). Connected: check the
  // heartbeat now, a throttled tab may have missed ticks. The dialog, a server 1000, close()
  // and a failed login are left for the user to answer.
  #wake() {
    if (this.#clientClosed) return;
    if (this.#phase === 'ready') return this.#onTick();
    if (this.#phase === 'offline') this.#attempts = 0;
    if (this.#phase === 'waiting' || this.#phase === 'offline') this.#reconnect(true);
  }

  // One attempt: a fresh token (rule 9: 401 means log in again), then a new socket.
  // `counted` = an automatic or manual reconnect attempt, shown with the loading toast.
  async #open(counted) {
    this.#clearTimer();
    if (!this.#opts.isOnline()) return this.#goOffline('browser-offline');
    if (counted) {
      this.#attempts++;
      this.#setToast(true);
    }
    this.#phase = 'connecting';
    const gen = ++this.#gen;
    let creds;
    try {
      creds = await this.#opts.fetchToken();
    } catch (err) {
      if (gen !== this.#gen) return;
      if (err?.status === 401) {
        this.#phase = 'auth';
        this.#setToast(false);
        this.#emit('auth-failed', {});
      } else {
        this.#reconnect(false); // network trouble: this attempt failed
      }
      return;
    }
    if (gen !== this.#gen) return;
    this.#createSocket(creds);
  }

  #createSocket({userid, token}) {
    this.#userid = userid;
    const query = new URLSearchParams({userid, token, version: this.#opts.version, platform: 'micro-web'});
    const ws = new this.#opts.WebSocketImpl(`${this.#opts.wsUrl}?${query}`, [...SUBPROTOCOLS]);
    ws.binaryType = this.#binaryType;
    ws.onopen = () => this.#onOpen(ws);
    ws.onmessage = e => this.#onMessage(ws, e.data);
    ws.onclose = e => this.#onClose(ws, e);
    ws.onerror = () => {}; // always followed by a close event
    this.#ws = ws;
    this.#selfClosing = false;
    this.#emitState();
  }

  // Rule 5: the next automatic attempt after reconnectDelayS (or now), unless the budget is
  // spent (ask the user), the browser is offline (do not burn attempts), or close() was called.
  #reconnect(now) {
    this.#clearTimer();
    if (this.#clientClosed) return;
    if (!this.#opts.isOnline()) return this.#goOffline('browser-offline');
    if (this.#attempts >= this.#cfg.reconnectMaxAttempts) return this.#ask();
    if (now) return void this.#open(true);
    this.#phase = 'waiting';
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#open(true);
    }, this.#cfg.reconnectDelayS * 1000);
  }

  #ask() {
    this.#phase = 'asking';
    this.#setToast(false);
    this.#emit('ask-reconnect', {});
  }

  #goOffline(reason) {
    this.#phase = 'offline';
    this.#setToast(false);
    this.#emit('offline', {reason});
  }

  #clearTimer() {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  // We close the socket ourselves; its close event, when it comes, changes nothing.
  #closeSocket(code, reason) {
    this.#stopTicker();
    const ws = this.#ws;
    if (!ws || ws.readyState >= 2) return;
    this.#selfClosing = true;
    ws.close(code, reason);
    this.#frame('sent', 'close', closeText(code, reason), 2 + byteLength(reason));
    this.#emitState();
  }

  // ---- socket events ---------------------------------------------------------------------

  #onOpen(ws) {
    if (ws !== this.#ws) return;
    // Rule 1: a 1 s tick; the counters come from wall-clock references, see `counters`.
    this.#sendRef = this.#getRef = this.#clock.now();
    this.#stopTicker();
    this.#ticker = this.#clock.setInterval(() => this.#onTick(), 1000);
    this.#emitState();
  }

  #onTick() {
    const {sendHeartTime, getHeartTime} = this.counters;
    this.#emit('tick', {sendHeartTime, getHeartTime, bufferedAmount: this.bufferedAmount});
    if (getHeartTime >= this.#cfg.heartbeatTimeoutS) {
      // Rule 4: the server is presumed gone.
      this.#closeSocket(CLIENT_TIMEOUT_CODE, 'heartbeat timeout');
      this.#reconnect(false);
    } else if (sendHeartTime >= this.#cfg.heartbeatSendAfterS) {
      // Rule 3: heartbeat, then count again from 0.
      this.#sendJson({req_type: REQ.HEARTBEAT, req_no: String(this.#clock.now())});
      this.#sendRef = this.#clock.now();
    }
  }

  #stopTicker() {
    if (this.#ticker !== null) this.#clock.clearInterval(this.#ticker);
    this.#ticker = null;
  }

  #onClose(ws, {code, reason = '', wasClean}) {
    if (ws !== this.#ws) return; // a socket already replaced by a newer one
    this.#lastClose = {code, reason, wasClean};
    this.#frame('received', 'close', closeText(code, reason), 2 + byteLength(reason));
    this.#stopTicker();
    this.#emitState();
    if (this.#selfClosing || this.#clientClosed) return;
    switch (closeAction(code)) {
      case 'stay': // rule 7: a normal close from the server
        this.#phase = 'closed';
        this.#setToast(false);
        break;
      case 'ask': // rule 8: policy close, the user decides
        this.#ask();
        break;
      case 'reauth': // rule 9: a fresh token now
        this.#reconnect(true);
        break;
      default: // rule 5, also a socket that closed before its welcome (a failed attempt)
        this.#reconnect(false);
    }
  }

  #onMessage(ws, data) {
    if (ws !== this.#ws || this.#selfClosing) return; // a socket we gave up on says nothing more
    this.#getRef = this.#clock.now(); // rule 2: any frame received
    if (typeof data === 'string') return this.#onText(data);
    this.#frame('received', 'binary', BINARY_TEXT, data.byteLength ?? data.size ?? 0);
    if (typeof data.arrayBuffer === 'function') data.arrayBuffer().then(b => this.#onBinary(b)); // a Blob
    else this.#onBinary(data);
  }

  // An inline attachment (section 6): the header is the resp_type 2 message object.
  #onBinary(buffer) {
    let decoded;
    try {
      decoded = decodeBinaryFrame(buffer);
    } catch (e) {
      return this.#frame('received', 'error', `malformed binary frame: ${e.message}`, 0);
    }
    this.#emit('attachment', decoded);
  }

  #onText(text) {
    let f = null;
    try { f = JSON.parse(text); } catch { /* reported below */ }
    const t = f?.resp_type;
    const kind = t === RESP.HEARTBEAT || t === RESP.PONG ? 'heartbeat' : t === RESP.ERROR ? 'error' : 'text';
    this.#frame('received', kind, text, byteLength(text));
    if (f === null || typeof f !== 'object') return this.#frame('received', 'error', 'text frame is not a JSON object', 0);
    switch (t) {
      case RESP.WELCOME: return this.#onWelcome(f);
      case RESP.MESSAGE:
        if (this.#markSeen(f.room, f.id)) this.#emit('message', {message: f, replay: f.replay === true});
        return;
      case RESP.ACK: return this.#onAck(f);
      case RESP.ROOM_EVENT: return this.#emit('room-event', f);
      case RESP.RESUME_DONE: return this.#emit('resume-done', {room: f.room, complete: f.complete});
      case RESP.PONG: return this.#emit('rtt', {ms: this.#clock.now() - f.timestamp}); // rule 11
      case RESP.ERROR: return this.#onError(f);
      default: // resp_type 8 and unknown types: the received frame already reset getHeartTime
    }
  }

  // Rule 6: success. Re-join, resume from the last id seen, resend the outbox (same ids).
  #onWelcome(frame) {
    this.#phase = 'ready';
    this.#attempts = 0;
    this.#setToast(false);
    for (const room of this.#rooms) this.#sendJson({req_type: REQ.JOIN, room});
    for (const room of this.#rooms) {
      const after = this.lastSeen(room);
      if (after > 0) this.#sendJson({req_type: REQ.RESUME, room, after});
    }
    for (const e of this.#mine(this.#readOutbox())) this.#sendEntry(e);
    this.#emit('welcome', frame);
  }

  #onAck(f) {
    const list = this.#readOutbox();
    const entry = list.find(e => e.client_msg_id === f.client_msg_id);
    if (entry) this.#writeOutbox(list.filter(e => e !== entry));
    const room = entry?.room ?? this.#attachmentRooms.get(f.client_msg_id) ?? f.room ?? null;
    this.#attachmentRooms.delete(f.client_msg_id);
    this.#emit('ack', {client_msg_id: f.client_msg_id, id: f.id, ts: f.ts, room});
  }

  // A send the server refused for good (bad_request, not_member, ...) would be refused again on
  // every resend: it leaves the outbox. rate_limited stays and goes again with the next welcome.
  #onError(f) {
    if (f.client_msg_id && f.code !== 'rate_limited') {
      const list = this.#readOutbox();
      const rest = list.filter(e => e.client_msg_id !== f.client_msg_id);
      if (rest.length !== list.length) this.#writeOutbox(rest);
    }
    this.#emit('error-frame', f);
  }

  // Dedupe by (room, id): true the first time an id is seen in a room.
  #markSeen(room, id) {
    if (!Number.isSafeInteger(id)) return true;
    let s = this.#seen.get(room);
    if (!s) this.#seen.set(room, s = {max: 0, floor: 0, ids: new Set()});
    if (id <= s.floor || s.ids.has(id)) return false;
    s.ids.add(id);
    if (id > s.max) s.max = id;
    if (s.ids.size > DEDUPE_WINDOW) {
      const oldest = s.ids.values().next().value;
      s.ids.delete(oldest);
      s.floor = Math.max(s.floor, oldest);
    }
    return true;
  }

  // ---- sending ---------------------------------------------------------------------------

  #sendJson(obj) {
    const ws = this.#ws;
    if (!ws || ws.readyState !== OPEN) return false;
    const text = JSON.stringify(obj);
    ws.send(text);
    const heartbeat = obj.req_type === REQ.HEARTBEAT || obj.req_type === REQ.PING;
    this.#frame('sent', heartbeat ? 'heartbeat' : 'text', text, byteLength(text));
    return true;
  }

  #sendEntry(e) {
    this.#sendJson({req_type: REQ.SEND, room: e.room, text: e.text, client_msg_id: e.client_msg_id});
  }

  get #ready() { return this.#phase === 'ready'; }

  /** Remembered and re-joined after every reconnect; sent now when connected. */
  join(room) {
    this.#rooms.add(room);
    if (this.#ready) this.#sendJson({req_type: REQ.JOIN, room});
  }

  leave(room) {
    this.#rooms.delete(room);
    if (this.#ready) this.#sendJson({req_type: REQ.LEAVE, room});
  }

  /** Queues the message in the outbox (persisted) and sends it when connected. */
  send(room, text) {
    const entry = {client_msg_id: newClientMsgId(), room, text, created: this.#clock.now()};
    if (this.#userid !== null) entry.userid = this.#userid;
    this.#writeOutbox([...this.#readOutbox(), entry]);
    if (this.#ready) this.#sendEntry(entry);
    return entry.client_msg_id;
  }

  /** req_type 5, superchat only (silently dropped on chat or when not connected). */
  typing(room) {
    if (this.#ready && this.protocol === 'superchat') this.#sendJson({req_type: REQ.TYPING, room});
  }

  /** One binary frame (section 6); superchat only and connected, else throws. Not persisted. */
  sendAttachment(room, {name, type, bytes}) {
    if (this.protocol !== 'superchat') throw new Error('attachments need the superchat subprotocol');
    if (!this.#ready || this.#ws.readyState !== OPEN) throw new Error('not connected');
    const client_msg_id = newClientMsgId();
    const frame = encodeBinaryFrame({room, name, type, client_msg_id}, bytes);
    this.#ws.send(frame);
    this.#attachmentRooms.set(client_msg_id, room);
    this.#frame('sent', 'binary', BINARY_TEXT, frame.byteLength);
    return client_msg_id;
  }

  /** req_type 1; the pong gives an 'rtt' event. */
  ping() {
    this.#sendJson({req_type: REQ.PING, timestamp: this.#clock.now()});
  }

  setBinaryType(t) {
    if (t !== 'arraybuffer' && t !== 'blob') throw new TypeError(`binaryType must be 'arraybuffer' or 'blob', not ${t}`);
    this.#binaryType = t;
    if (this.#ws) this.#ws.binaryType = t;
  }

  // ---- outbox (Storage key 'pulse.outbox', re-read every time: other tabs share it) --------

  #readOutbox() {
    const storage = this.#opts.storage;
    if (!storage) return this.#memOutbox;
    try {
      const list = JSON.parse(storage.getItem(OUTBOX_KEY) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  #writeOutbox(list) {
    const storage = this.#opts.storage;
    if (!storage) this.#memOutbox = list;
    else if (list.length) storage.setItem(OUTBOX_KEY, JSON.stringify(list));
    else storage.removeItem(OUTBOX_KEY);
  }

  // Entries queued by another account on this browser are not ours to send.
  #mine(list) {
    return list.filter(e => !e.userid || this.#userid === null || e.userid === this.#userid);
  }

  // ---- state -----------------------------------------------------------------------------

  get readyState() { return this.#ws ? this.#ws.readyState : CLOSED; }
  get protocol() { return this.#ws?.protocol ?? ''; }
  get bufferedAmount() { return this.#ws?.bufferedAmount ?? 0; }
  get lastClose() { return this.#lastClose; }
  get attempts() { return this.#attempts; }

  /** Whole seconds since the last heartbeat sent / frame received; 0 while not open. */
  get counters() {
    if (this.#ticker === null) return {sendHeartTime: 0, getHeartTime: 0};
    const now = this.#clock.now();
    return {
      sendHeartTime: Math.floor((now - this.#sendRef) / 1000),
      getHeartTime: Math.floor((now - this.#getRef) / 1000),
    };
  }

  /** Outbox entries of a room (all rooms when omitted), oldest first. */
  pending(room) {
    return this.#mine(this.#readOutbox())
      .filter(e => room === undefined || e.room === room)
      .map(e => ({...e}));
  }

  /** Highest message id seen in the room, 0 if none. */
  lastSeen(room) {
    return this.#seen.get(room)?.max ?? 0;
  }
}
