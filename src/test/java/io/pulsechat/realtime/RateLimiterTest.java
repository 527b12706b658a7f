package io.pulsechat.realtime;

import static io.pulsechat.realtime.RateLimiter.Verdict.ABUSE;
import static io.pulsechat.realtime.RateLimiter.Verdict.ALLOW;
import static io.pulsechat.realtime.RateLimiter.Verdict.REFUSE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The send bucket (10 per second, burst 20) and the abuse count (100 refusals within a minute), in clock time. */
class RateLimiterTest {

    final RateLimiter limiter = new RateLimiter(10, 20, 100);

    @Test
    void theBurstPassesThenTheRateRefills() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAcquire(1000)).as("send %d of the burst", i).isEqualTo(ALLOW);
        }
        assertThat(limiter.tryAcquire(1000)).isEqualTo(REFUSE);
        assertThat(limiter.tryAcquire(1099)).as("99 ms: not a whole token yet").isEqualTo(REFUSE);
        assertThat(limiter.tryAcquire(1100)).as("100 ms later: one token").isEqualTo(ALLOW);
        assertThat(limiter.tryAcquire(1100)).isEqualTo(REFUSE);
        // a long pause refills the burst, not more
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAcquire(60_000)).isEqualTo(ALLOW);
        }
        assertThat(limiter.tryAcquire(60_000)).isEqualTo(REFUSE);
    }

    @Test
    void theHundredthRefusalWithinAMinuteIsAbuse() {
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire(0);
        }
        for (int i = 1; i < 100; i++) {
            assertThat(limiter.tryAcquire(50)).as("refusal %d", i).isEqualTo(REFUSE);
        }
        assertThat(limiter.tryAcquire(99)).as("the 100th, before a token refilled").isEqualTo(ABUSE);
    }

    @Test
    void refusalsSpreadOverMoreThanAMinuteAreNotAbuse() {
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire(0);
        }
        long t = 0;
        for (int i = 1; i < 100; i++) {
            assertThat(limiter.tryAcquire(t)).isEqualTo(REFUSE);
        }
        // just over a minute after the first refusal the count starts again (the bucket is drained again first)
        t = RateLimiter.ABUSE_WINDOW.toMillis() + 1;
        while (limiter.tryAcquire(t) == ALLOW) {
            // drain what refilled
        }
        for (int i = 2; i < 100; i++) {
            assertThat(limiter.tryAcquire(t)).as("refusal %d of the new window", i).isEqualTo(REFUSE);
        }
        assertThat(limiter.tryAcquire(t)).isEqualTo(ABUSE);
    }
}
