package io.pulsechat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.pulsechat.MutableClock;

/** The sliding window behind the room and registration limits, on a clock the test moves. */
class RateLimitTest {

    final MutableClock clock = new MutableClock(1_000_000);

    @Test
    void countsPerKeyWithinASlidingWindow() {
        var limit = new RateLimit(3, Duration.ofHours(1), clock);
        assertThat(limit.tryAcquire("a")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(limit.tryAcquire("a")).isEmpty();
        assertThat(limit.tryAcquire("a")).isEmpty();
        assertThat(limit.tryAcquire("b")).as("another key").isEmpty();
        // the oldest of the three leaves the window 50 minutes from now
        assertThat(limit.tryAcquire("a")).contains(Duration.ofMinutes(50));
        clock.advance(Duration.ofMinutes(50).minusMillis(1));
        assertThat(limit.tryAcquire("a")).contains(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(limit.tryAcquire("a")).isEmpty();
        assertThat(limit.tryAcquire("a")).as("the two from minute 10 are still in").isPresent();
    }

    @Test
    void refusedAttemptsDoNotCount() {
        var limit = new RateLimit(1, Duration.ofSeconds(10), clock);
        assertThat(limit.tryAcquire("a")).isEmpty();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(limit.tryAcquire("a")).isPresent();
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(limit.tryAcquire("a")).isEmpty();
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheLimit() throws Exception {
        var limit = new RateLimit(20, Duration.ofHours(1), clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        var granted = new ConcurrentLinkedQueue<Integer>();
        var start = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            int n = i;
            pool.submit(() -> {
                start.await();
                if (limit.tryAcquire("same").isEmpty()) {
                    granted.add(n);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(granted).hasSize(20);
    }

    @Test
    void aLimitNeedsAPositiveCountAndWindow() {
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofHours(1), clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
