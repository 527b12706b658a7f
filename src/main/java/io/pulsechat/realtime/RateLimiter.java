package io.pulsechat.realtime;

/**
 * A token bucket for sends (rate per second, burst) plus a count of refusals in the last minute, for
 * closing persistent abusers. Used from the session's receiving thread; synchronized for safety anyway.
 */
final class RateLimiter {

    enum Verdict { ALLOW, REFUSE, ABUSE }

    private final double perMilli;
    private final int burst;
    private final int abuseAfter;
    private double tokens;
    private long lastRefill = -1;
    private long windowStart;
    private int refusals;

    RateLimiter(int perSecond, int burst, int abuseAfter) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.abuseAfter = abuseAfter;
        this.tokens = burst;
    }

    synchronized Verdict tryAcquire(long now) {
        if (lastRefill >= 0) {
            tokens = Math.min(burst, tokens + (now - lastRefill) * perMilli);
        }
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOW;
        }
        if (now - windowStart > 60_000) {
            windowStart = now;
            refusals = 0;
        }
        return ++refusals >= abuseAfter ? Verdict.ABUSE : Verdict.REFUSE;
    }
}
