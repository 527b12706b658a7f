// The seed's two counters (docs/protocol.md section 8): send_heart_time and get_heart_time. They are derived from
// wall-clock references, not counted tick by tick, because hidden tabs run timers late (about once a
// minute); a tick every second only looks at them.

export class Heartbeat {
  #clock; #settings; #onTick; #onSend; #onTimeout;
  #ticker = null;
  #sendRef = 0; // when the last heartbeat was sent (or the socket opened)
  #getRef = 0;  // when the last frame was received (or the socket opened)

  /**
   * settings() returns {heartbeatSendAfterS, heartbeatTimeoutS}, read at every tick so a welcome's values
   * apply at once. onTick(counters), onSend() (send a heartbeat now), onTimeout() (the server is gone).
   */
  constructor({clock, settings, onTick, onSend, onTimeout}) {
    this.#clock = clock;
    this.#settings = settings;
    this.#onTick = onTick;
    this.#onSend = onSend;
    this.#onTimeout = onTimeout;
  }

  /** The socket opened: both counters from 0, a check every second. */
  start() {
    this.stop();
    this.#sendRef = this.#getRef = this.#clock.now();
    this.#ticker = this.#clock.setInterval(() => this.check(), 1000);
  }

  stop() {
    if (this.#ticker !== null) this.#clock.clearInterval(this.#ticker);
    this.#ticker = null;
  }

  get running() { return this.#ticker !== null; }

  /** Any frame received resets get_heart_time. */
  received() { this.#getRef = this.#clock.now(); }

  /** Looks at the counters now (every tick, and when a throttled tab becomes visible again). */
  check() {
    if (!this.running) return;
    const counters = this.counters;
    const {heartbeatSendAfterS, heartbeatTimeoutS} = this.#settings();
    this.#onTick(counters);
    if (counters.getHeartTime >= heartbeatTimeoutS) {
      this.stop();
      this.#onTimeout();
    } else if (counters.sendHeartTime >= heartbeatSendAfterS) {
      this.#onSend();
      this.#sendRef = this.#clock.now(); // and count again from 0 (the seed never reset it)
    }
  }

  /** Whole seconds since the last heartbeat sent / frame received; 0 while not running. */
  get counters() {
    if (!this.running) return {sendHeartTime: 0, getHeartTime: 0};
    const now = this.#clock.now();
    return {
      sendHeartTime: Math.floor((now - this.#sendRef) / 1000),
      getHeartTime: Math.floor((now - this.#getRef) / 1000),
    };
  }
}
