package io.pulsechat.account;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

import io.pulsechat.shared.TooManyRequests;

/** A login refused because its username or client address is locked ({@link LoginThrottle}); no password was checked. */
public class LoginThrottled extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottled(Duration retryAfter) {
        super("Too many failed logins; try again later.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return TooManyRequests.seconds(retryAfter);
    }
}
