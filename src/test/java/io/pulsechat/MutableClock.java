package io.pulsechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock a test moves by hand: time passes only when the test says so, so nothing sleeps to let it pass.
 * Thread-safe; starts at the real current time so stored timestamps look ordinary.
 */
public final class MutableClock extends Clock {

    private final AtomicLong millis;

    public MutableClock() {
        this(System.currentTimeMillis());
    }

    public MutableClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** Moves time forward (or back, for a negative amount). */
    public void advance(Duration by) {
        millis.addAndGet(by.toMillis());
    }

    public void set(long epochMillis) {
        millis.set(epochMillis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this; // always UTC: the server works in epoch milliseconds
    }
}
