package io.pulsechat.realtime;

import java.time.Duration;

/**
 * A token bucket for one session's sends (rate per second, burst) plus a count of refusals, for closing persistent
 * abusers. Time comes from the caller (the application's clock), so tests move it by hand. Used from the session's
 * receiving thread; synchronized anyway, it costs nothing uncontended.
 */
final class RateLimiter {

    /** docs/protocol.md section 7: 1008 after the rate limit is exceeded {@code abuseAfter} times "in a minute". */
    static final Duration ABUSE_WINDOW = Duration.ofMinutes(1);

    enum Verdict { ALLOW, REFUSE, ABUSE }

    private final double perMilli;
    private final int burst;
    private final int abuseAfter;
    private double tokens;
    private long lastRefill = -1;
    private long windowStart = Long.MIN_VALUE;
    private int refusals;

    RateLimiter(int perSecond, int burst, int abuseAfter) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.abuseAfter = abuseAfter;
        this.tokens = burst;
    }

    synchronized Verdict tryAcquire(long now) {
        if (lastRefill >= 0) {
            tokens = Math.min(burst, tokens + Math.max(0, now - lastRefill) * perMilli);
        }
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOW;
        }
        if (windowStart == Long.MIN_VALUE || now - windowStart > ABUSE_WINDOW.toMillis()) {
            windowStart = now;
            refusals = 0;
        }
        return ++refusals >= abuseAfter ? Verdict.ABUSE : Verdict.REFUSE;
    }
}
