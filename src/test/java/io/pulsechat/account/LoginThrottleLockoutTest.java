package io.pulsechat.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.pulsechat.MutableClock;

/** The lockout arithmetic of {@link LoginThrottle}, without a server: doubling, the cap, forgetting. */
class LoginThrottleLockoutTest {

    final MutableClock clock = new MutableClock(5_000_000);
    final AuthProperties defaults = new AuthProperties(true, Duration.ofMinutes(5), null, 5, 50,
            Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1));
    final LoginThrottle throttle = new LoginThrottle(defaults, clock);

    void fail(String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, "198.51.100." + (i % 7)); // spread over addresses: only the user counts
        }
    }

    @Test
    void lockoutsDoubleUpToTheMaximum() {
        assertThat(throttle.lockout(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.lockout(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.lockout(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(throttle.lockout(8)).isEqualTo(Duration.ofHours(1));
        assertThat(throttle.lockout(1_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void attemptsDuringALockDoNotCount() {
        fail("carol", 5);
        assertThat(throttle.lockedFor("carol", "192.0.2.1")).contains(Duration.ofSeconds(30));
        fail("carol", 20); // refused before the password check in real use; counted here they still change nothing
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.lockedFor("carol", "192.0.2.1")).isEmpty();
        fail("carol", 5);
        assertThat(throttle.lockedFor("carol", "192.0.2.1")).contains(Duration.ofSeconds(60));
    }

    @Test
    void aDayWithoutFailuresForgetsTheDoubling() {
        fail("dave", 5);
        clock.advance(Duration.ofSeconds(30));
        fail("dave", 5);
        assertThat(throttle.lockedFor("dave", null)).contains(Duration.ofSeconds(60));
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        fail("dave", 5);
        assertThat(throttle.lockedFor("dave", null)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aSuccessClearsTheUsernameButNotTheAddress() {
        for (int i = 0; i < 50; i++) {
            throttle.failed("guess" + i, "192.0.2.9");
        }
        throttle.succeeded("guess1");
        assertThat(throttle.lockedFor("someone", "192.0.2.9")).contains(Duration.ofSeconds(30));
        assertThat(throttle.lockedFor("someone", "192.0.2.10")).isEmpty();
    }
}
