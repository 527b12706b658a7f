package io.pulsechat.shared;

import java.time.Duration;
import java.util.Map;

/** A rate limit or a lockout: try again after {@link #retryAfter()} (sent as {@code Retry-After}, whole seconds). */
public class TooManyRequests extends DomainException {

    private final Duration retryAfter;

    public TooManyRequests(String code, String detail, Duration retryAfter) {
        super(Kind.TOO_MANY_REQUESTS, code, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The wait in whole seconds, rounded up and at least 1, as {@code Retry-After} wants it. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    public static long seconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("retry_after", retryAfterSeconds());
    }
}
