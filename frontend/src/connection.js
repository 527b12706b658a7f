// One logical connection to /ws/chat that survives socket losses (docs/protocol.md section 8,
// after the seed's sendHeartTime / getHeartTime and connectPrompt / reConnectSocket). No DOM: the socket
// class, clock, storage and online check are injected, and the UI only reacts to the events it emits.
//
// The parts: ReconnectMachine (the phases and their transition table), Heartbeat (the two counters),
// Outbox (unacknowledged messages, in localStorage), SeenIds (drops a message delivered twice).
import {
  REQ, RESP, CLOSE, READY_STATE_NAMES, SUBPROTOCOLS, ClientSettings, settingsFromWelcome,
  encodeBinaryFrame, decodeBinaryFrame, closeAction, errorKeepsEntry, newClientMsgId,
} from './protocol.js';
import {ReconnectMachine} from './connection/reconnect-machine.js';
import {Heartbeat} from './connection/heartbeat.js';
import {Outbox} from './connection/outbox.js';
import {SeenIds} from './connection/seen-ids.js';
import {BINARY_TEXT, byteLength, closeText, closeLength} from './connection/frame-log.js';

const OPEN = 1;
const CLOSED = 3;

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

// close action of section 7 -> machine event
const CLOSE_EVENTS = {stay: 'normal', ask: 'policy', reauth: 'reauth', banned: 'banned', reconnect: 'lost'};

/**
 * Events: state, welcome, message, message-update, notify, room-change, read-marker, ack, room-event,
 * error-frame, resume-done, attachment, frame, tick, rtt, toast, ask-reconnect, offline, auth-failed, banned.
 * App frames (join, leave, send, typing, resume, edit, delete, react, read) only go out once the welcome
 * arrived; until then rooms and the outbox are remembered and flushed by the welcome.
 *
 * Revisions (section 11): the newest `rev` seen per room is kept, and a reconnect resumes by `since_rev` so
 * that edits, deletes and reactions made meanwhile come too; a room with no revision known resumes by `after`.
 * While a resume runs, revisions of live frames are held back until its resume-done: if the socket drops in
 * between, the next resume starts from where the last complete one ended, never past a gap.
 */
export class Connection {
  #opts; #clock; #random;
  #listeners = new Map();
  #machine; #heartbeat; #outbox; #seen;
  #ws = null;
  #binaryType = 'arraybuffer';
  #gen = 0;               // bumps to drop a token fetch that is still in flight
  #timer = null;          // reconnect timer
  #toast = false;         // last toast state announced
  #state = CLOSED;        // last readyState announced by a 'state' event
  #lastClose = null;
  #userid = null;
  #rooms = new Set();
  #attachmentRooms = new Map(); // client_msg_id -> room, to tell the room of an attachment's ack
  #revs = new Map();            // room -> newest revision known to be fully seen
  #resuming = new Map();        // room -> {replayed, live}: newest revisions seen while its resume runs

  /**
   * settings: a ClientSettings (shared with the UI; the welcome's values are applied to it), or `config`,
   * initial values for a private one. random() gives the reconnect jitter.
   */
  constructor({
    wsUrl, fetchToken, version = '1', WebSocketImpl = globalThis.WebSocket, clock,
    storage = null, isOnline = () => true, config = {}, settings = null, random = Math.random,
  } = {}) {
    this.#opts = {wsUrl, fetchToken, version, WebSocketImpl, isOnline};
    this.#clock = makeClock(clock);
    this.#random = random;
    this.settings = settings ?? new ClientSettings(config);
    this.#machine = new ReconnectMachine({
      maxAttempts: () => this.settings.values.reconnectMaxAttempts,
      isOnline: () => this.#opts.isOnline(),
    });
    this.#heartbeat = new Heartbeat({
      clock: this.#clock,
      settings: () => this.settings.values,
      onTick: counters => this.#emit('tick', {...counters, bufferedAmount: this.bufferedAmount}),
      onSend: () => this.#sendJson({req_type: REQ.HEARTBEAT, req_no: String(this.#clock.now())}),
      onTimeout: () => {
        // we close a silent socket with the code the server uses for the same case
        this.#closeSocket(CLOSE.HEARTBEAT_TIMEOUT, 'heartbeat timeout');
        this.#dispatch('lost');
      },
    });
    this.#outbox = new Outbox({storage});
    this.#seen = new SeenIds();
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

  // ---- lifecycle: the API feeds the machine ------------------------------------------------

  /** Connects (again) with a fresh token. No-op while connecting or connected. */
  connect() { this.#dispatch('connect'); }

  /** The close the client asked for (logout, leaving the page): 1000, never reconnects. */
  close() { this.#dispatch('close'); }

  /** The dialog's "yes": a fresh budget of attempts, the first after the usual delay (seed). */
  confirmReconnect() { this.#dispatch('confirm'); }

  /** The dialog's "no": stay offline; the UI shows a retry button. */
  cancelReconnect() { this.#dispatch('cancel'); }

  /** The manual retry button: a fresh budget, first attempt now. Does nothing after close() or a ban. */
  retry() { this.#dispatch('retry'); }

  /** The window's 'online' event. */
  online() { this.#wake(); }

  /** The document became visible. */
  visible() { this.#wake(); }

  // Connected: check the heartbeat now, a throttled tab may have missed ticks. Otherwise the machine decides
  // (waiting or offline: an attempt now; the dialog, a server 1000, close() and a lost login: nothing).
  #wake() {
    if (this.#machine.phase === 'ready') this.#heartbeat.check();
    else this.#dispatch('wake');
  }

  /** The phase of the reconnect machine (see connection/reconnect-machine.js). */
  get phase() { return this.#machine.phase; }

  #dispatch(event) {
    const step = this.#machine.dispatch(event);
    if (!step) return;
    if (step.from === 'waiting') this.#clearTimer();
    this.#updateToast();
    switch (step.to) {
      case 'connecting': return void this.#open();
      case 'ready': return; // #onWelcome does the rest
      case 'waiting': return this.#startTimer();
      case 'asking': return this.#emit('ask-reconnect', {});
      case 'offline': return this.#emit('offline', {reason: step.reason});
      case 'auth': return this.#emit('auth-failed', {});
      case 'banned': return this.#emit('banned', {});
      case 'stopped':
        this.#gen++;
        this.#closeSocket(CLOSE.NORMAL, '');
        return;
      default: // ended: the socket is already closed
    }
  }

  #updateToast() {
    const show = this.#machine.toast;
    if (show === this.#toast) return;
    this.#toast = show;
    this.#emit('toast', {show});
  }

  // The next automatic attempt after the delay plus a random jitter (section 8).
  #startTimer() {
    const {reconnectDelayMs, reconnectJitterMs} = this.settings.values;
    const delay = reconnectDelayMs + Math.floor(this.#random() * reconnectJitterMs);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#dispatch('timer');
    }, delay);
  }

  #clearTimer() {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  // One attempt: a fresh token (401 means log in again), then a new socket.
  async #open() {
    const gen = ++this.#gen;
    let creds;
    try {
      creds = await this.#opts.fetchToken();
    } catch (err) {
      if (gen === this.#gen) this.#dispatch(err?.status === 401 ? 'unauthorized' : 'lost');
      return;
    }
    if (gen === this.#gen) this.#createSocket(creds);
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
    this.#emitState();
  }

  // We close the socket ourselves; its close event, when it comes, finds the machine in a phase that
  // ignores it (waiting, stopped).
  #closeSocket(code, reason) {
    this.#heartbeat.stop();
    const ws = this.#ws;
    if (!ws || ws.readyState >= 2) return;
    ws.close(code, reason);
    this.#frame('sent', 'close', closeText(code, reason), closeLength(reason));
    this.#emitState();
  }

  // A socket the machine still listens to: the current one, while connecting or ready.
  #live(ws) {
    const phase = this.#machine.phase;
    return ws === this.#ws && (phase === 'connecting' || phase === 'ready');
  }

  // ---- socket events ---------------------------------------------------------------------

  #onOpen(ws) {
    if (ws !== this.#ws) return;
    this.#heartbeat.start();
    this.#emitState();
  }

  #onClose(ws, {code, reason = '', wasClean}) {
    if (ws !== this.#ws) return; // a socket already replaced by a newer one
    this.#lastClose = {code, reason, wasClean};
    this.#frame('received', 'close', closeText(code, reason), closeLength(reason));
    this.#heartbeat.stop();
    this.#emitState();
    if (this.#machine.phase === 'connecting' || this.#machine.phase === 'ready') {
      // also a socket that closed before its welcome: a failed attempt
      this.#dispatch(CLOSE_EVENTS[closeAction(code)]);
    }
  }

  #onMessage(ws, data) {
    if (!this.#live(ws)) return; // a socket we gave up on says nothing more
    this.#heartbeat.received();
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
      case RESP.MESSAGE: {
        const replay = f.replay === true;
        this.#noteRev(f.room, f.rev, replay);
        if (this.#seen.add(f.room, f.id)) this.#emit('message', {message: f, replay});
        else if (replay && Number.isSafeInteger(f.rev)) this.#emit('message-update', {message: f, replay}); // changed while away
        return;
      }
      case RESP.MESSAGE_UPDATE:
        this.#noteRev(f.room, f.rev);
        return this.#emit('message-update', {message: f, replay: false});
      case RESP.NOTIFY: return this.#emit('notify', {room: f.room, message: f.message});
      case RESP.ROOM_CHANGE: return this.#emit('room-change', {event: f.event, room: f.room});
      case RESP.READ_MARKER: return this.#emit('read-marker', {room: f.room, last_read: f.last_read});
      case RESP.ACK: return this.#onAck(f);
      case RESP.ROOM_EVENT: return this.#emit('room-event', f);
      case RESP.RESUME_DONE: return this.#onResumeDone(f);
      case RESP.PONG: return this.#emit('rtt', {ms: this.#clock.now() - f.timestamp});
      case RESP.ERROR: return this.#onError(f);
      default: // resp_type 8 and unknown types: the received frame already reset getHeartTime
    }
  }

  // Success: the welcome's values apply, then re-join, resume from the last revision (or id) seen, resend the
  // outbox.
  #onWelcome(frame) {
    if (this.#machine.phase !== 'connecting') return;
    this.settings.apply(settingsFromWelcome(frame));
    this.#dispatch('welcome');
    this.#resuming.clear();
    for (const room of this.#rooms) this.#sendJson({req_type: REQ.JOIN, room});
    for (const room of this.#rooms) {
      const rev = this.#revs.get(room) ?? 0;
      const after = this.#seen.last(room);
      if (rev > 0) {
        this.#resuming.set(room, {replayed: rev, live: 0});
        this.#sendJson({req_type: REQ.RESUME, room, since_rev: rev});
      } else if (after > 0) {
        this.#sendJson({req_type: REQ.RESUME, room, after});
      }
    }
    for (const e of this.#outbox.mine(this.#userid)) this.#sendEntry(e);
    this.#emit('welcome', frame);
  }

  #onResumeDone(f) {
    const held = this.#resuming.get(f.room);
    this.#resuming.delete(f.room);
    const done = {room: f.room, complete: f.complete};
    if (Number.isSafeInteger(f.rev)) done.rev = f.rev;
    if (held) {
      // complete: everything up to the room's revision (and the live frames since) is here; incomplete: only
      // up to the newest revision replayed (the rest comes over REST)
      const upTo = f.complete === false ? held.replayed : Math.max(done.rev ?? held.replayed, held.live);
      this.#noteRev(f.room, upTo);
    }
    this.#emit('resume-done', done);
  }

  #noteRev(room, rev, replayed = false) {
    if (!Number.isSafeInteger(rev) || rev <= 0 || typeof room !== 'string') return;
    const held = this.#resuming.get(room);
    if (held) {
      const key = replayed ? 'replayed' : 'live';
      if (rev > held[key]) held[key] = rev;
    } else if (rev > (this.#revs.get(room) ?? 0)) {
      this.#revs.set(room, rev);
    }
  }

  #onAck(f) {
    const entry = this.#outbox.remove(f.client_msg_id);
    const room = entry?.room ?? this.#attachmentRooms.get(f.client_msg_id) ?? f.room ?? null;
    this.#attachmentRooms.delete(f.client_msg_id);
    this.#emit('ack', {client_msg_id: f.client_msg_id, id: f.id, ts: f.ts, room});
  }

  // A send the server refused for good (bad_request, not_member, ...) would be refused again on every
  // resend: it leaves the outbox. rate_limited stays and goes again with the next welcome.
  #onError(f) {
    if (f.client_msg_id && !errorKeepsEntry(f.code)) this.#outbox.remove(f.client_msg_id);
    this.#emit('error-frame', f);
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
    const frame = {req_type: REQ.SEND, room: e.room, text: e.text, client_msg_id: e.client_msg_id};
    if (Number.isSafeInteger(e.reply_to)) frame.reply_to = e.reply_to;
    this.#sendJson(frame);
  }

  get #ready() { return this.#machine.phase === 'ready'; }

  /** Remembered and re-joined after every reconnect; sent now when connected. */
  join(room) {
    this.#rooms.add(room);
    if (this.#ready) this.#sendJson({req_type: REQ.JOIN, room});
  }

  leave(room) {
    this.#rooms.delete(room);
    this.#revs.delete(room);
    this.#resuming.delete(room);
    if (this.#ready) this.#sendJson({req_type: REQ.LEAVE, room});
  }

  /** Queues the message in the outbox (persisted) and sends it when connected; replyTo: an id in the room. */
  send(room, text, {replyTo} = {}) {
    const entry = {client_msg_id: newClientMsgId(), room, text, created: this.#clock.now()};
    if (Number.isSafeInteger(replyTo)) entry.reply_to = replyTo;
    if (this.#userid !== null) entry.userid = this.#userid;
    this.#outbox.add(entry);
    if (this.#ready) this.#sendEntry(entry);
    return entry.client_msg_id;
  }

  /**
   * req_type 9 edit, 10 delete, 11 react, 12 read (section 11). Not queued: they need the connection now, and
   * return false when it is not ready (the UI says so). The answer is the message update everyone gets.
   */
  edit(room, id, text) {
    return this.#ready && this.#sendJson({req_type: REQ.EDIT, room, id, text});
  }

  deleteMessage(room, id) {
    return this.#ready && this.#sendJson({req_type: REQ.DELETE, room, id});
  }

  react(room, id, emoji, add) {
    return this.#ready && this.#sendJson({req_type: REQ.REACT, room, id, emoji, add: Boolean(add)});
  }

  read(room, id) {
    return this.#ready && this.#sendJson({req_type: REQ.READ, room, id});
  }

  /**
   * A revision the UI learnt over REST for a room it is subscribed to (a history page or a catch-up by
   * since_rev): the next resume may start there.
   */
  noteRev(room, rev) {
    this.#noteRev(room, rev);
  }

  /** The newest revision known for a room, 0 if none. */
  lastRev(room) {
    return this.#revs.get(room) ?? 0;
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

  // ---- state -----------------------------------------------------------------------------

  get readyState() { return this.#ws ? this.#ws.readyState : CLOSED; }
  get protocol() { return this.#ws?.protocol ?? ''; }
  get bufferedAmount() { return this.#ws?.bufferedAmount ?? 0; }
  get lastClose() { return this.#lastClose; }
  get attempts() { return this.#machine.attempts; }

  /** Whole seconds since the last heartbeat sent / frame received; 0 while not open. */
  get counters() { return this.#heartbeat.counters; }

  /** Outbox entries of a room (all rooms when omitted), oldest first. */
  pending(room) {
    return this.#outbox.mine(this.#userid)
      .filter(e => room === undefined || e.room === room)
      .map(e => ({...e}));
  }

  /** Highest message id seen in the room, 0 if none. */
  lastSeen(room) {
    return this.#seen.last(room);
  }
}
