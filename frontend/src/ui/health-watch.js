// While the reconnect dialog asks, looks whether the server answers again (GET /actuator/health, at most
// every 15 s, docs/protocol.md section 8), so the dialog can say so. It never reconnects by itself: the user does.

/** Checks of the server's health are at least this far apart (section 8). */
export const HEALTH_INTERVAL_MS = 15000;

export class HealthWatch {
  /** check() resolves true when the server is up; onReachable() is called once per watch. */
  constructor({ check, onReachable, intervalMs = HEALTH_INTERVAL_MS, timers = globalThis }) {
    this.check = check;
    this.onReachable = onReachable;
    this.intervalMs = intervalMs;
    this.timers = timers;
    this.timer = null;
    this.run = 0; // bumps on stop, so a check still in flight is ignored
  }

  /** The first check now, then one every interval until the server answers or stop(). */
  start() {
    this.stop();
    const run = this.run;
    const probe = async () => {
      let up = false;
      try {
        up = await this.check();
      } catch {
        up = false;
      }
      if (run !== this.run) return;
      if (up) {
        this.timer = null;
        this.onReachable();
      } else {
        this.timer = this.timers.setTimeout(probe, this.intervalMs);
      }
    };
    probe();
  }

  stop() {
    this.run += 1;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

/** A health check over fetch: true for a 2xx answer whose status is UP. */
export function httpHealthCheck(url, fetchImpl = (...args) => globalThis.fetch(...args), timeoutMs = 5000) {
  return async () => {
    const response = await fetchImpl(url, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: typeof AbortSignal !== 'undefined' && AbortSignal.timeout ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    if (!response.ok) return false;
    const body = await response.json().catch(() => null);
    return !body || body.status === undefined || body.status === 'UP';
  };
}
