package io.pulsechat.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * At most {@code limit} events per key within any {@code window} (a sliding log of the last {@code limit} event
 * times per key). State lives in this process only: with several nodes each counts its own requests.
 * Keys that saw no event for a whole window are forgotten; at most {@code maxKeys} are kept (the least recently
 * used go first), so a flood of distinct keys cannot exhaust memory. Thread-safe.
 */
public final class RateLimit {

    /** Bounds the memory of one limit: 100,000 keys of at most {@code limit} longs each. */
    public static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, ArrayDeque<Long>> events;

    public RateLimit(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs limit >= 1 and a positive window, got " + limit + " per " + window);
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.events = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())) // the application's clock, so tests move it
                .executor(Runnable::run) // evict on the calling thread: no background pool for bookkeeping
                .expireAfterWrite(window)
                .maximumSize(MAX_KEYS)
                .build();
    }

    /**
     * Counts one event for the key when the key is under its limit, and answers empty; otherwise counts nothing
     * and answers how long until the oldest counted event leaves the window.
     */
    public Optional<Duration> tryAcquire(String key) {
        long now = clock.millis();
        long windowMs = window.toMillis();
        Duration[] wait = {null};
        events.asMap().compute(key, (k, times) -> {
            ArrayDeque<Long> log = times == null ? new ArrayDeque<>(Math.min(limit, 64)) : times;
            while (!log.isEmpty() && log.peekFirst() <= now - windowMs) {
                log.pollFirst();
            }
            if (log.size() >= limit) {
                wait[0] = Duration.ofMillis(log.peekFirst() + windowMs - now);
            } else {
                log.addLast(now);
            }
            return log;
        });
        return Optional.ofNullable(wait[0]);
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }
}
