package io.pulsechat.account;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.pulsechat.shared.ClientAddress;

/**
 * Counts failed logins per username and per client address. {@code chat.auth.login-failures-per-user} failures for
 * a username within {@code login-failure-window} (or {@code -per-address} for an address) lock it for
 * {@code login-lockout}; each further lockout of the same key doubles, up to {@code login-lockout-max}. While locked,
 * every attempt is refused before the password is checked, a correct one too. A successful login clears its
 * username's record; an address's failures only age out, or one valid account would let a guesser reset its
 * address's count at will.
 * <p>
 * State is per node (in memory, size-bounded): with several nodes behind a balancer a guesser gets the limits once
 * per node. Thread-safe: each key's record changes only inside the cache's atomic {@code compute}.
 */
@Component
public class LoginThrottle {

    /** How long a key's record (its failures and how often it was locked) outlives its last failure. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);
    /** Keys kept per kind; the least recently used go first, so a spray of names cannot exhaust memory. */
    static final int MAX_KEYS = 100_000;
    /** Usernames are at most 32 characters; longer input is cut so a key stays small. */
    static final int MAX_USERNAME_KEY = 64;

    private final AuthProperties properties;
    private final Clock clock;
    private final Cache<String, Strikes> users;
    private final Cache<String, Strikes> addresses;

    LoginThrottle(AuthProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.users = cache(clock);
        this.addresses = cache(clock);
    }

    private static Cache<String, Strikes> cache(Clock clock) {
        return Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .expireAfterWrite(FORGET_AFTER)
                .maximumSize(MAX_KEYS)
                .build();
    }

    /** How long the username or the address is still locked (the longer of the two); empty when neither is. */
    public Optional<Duration> lockedFor(String username, String remoteAddress) {
        long now = clock.millis();
        long until = Math.max(lockedUntil(users, userKey(username)), lockedUntil(addresses, ClientAddress.key(remoteAddress)));
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    /** A wrong password (or an unknown username: counted the same, so the lock reveals nothing). */
    public void failed(String username, String remoteAddress) {
        long now = clock.millis();
        strike(users, userKey(username), properties.loginFailuresPerUser(), now);
        strike(addresses, ClientAddress.key(remoteAddress), properties.loginFailuresPerAddress(), now);
    }

    /** A correct password: the username starts afresh. */
    public void succeeded(String username) {
        users.invalidate(userKey(username));
    }

    private static long lockedUntil(Cache<String, Strikes> cache, String key) {
        Strikes strikes = cache.getIfPresent(key);
        if (strikes == null) {
            return 0;
        }
        synchronized (strikes) {
            return strikes.lockedUntil;
        }
    }

    private void strike(Cache<String, Strikes> cache, String key, int limit, long now) {
        long windowMs = properties.loginFailureWindow().toMillis();
        cache.asMap().compute(key, (k, existing) -> {
            Strikes strikes = existing == null ? new Strikes() : existing;
            synchronized (strikes) {
                if (strikes.lockedUntil > now) {
                    return strikes; // attempts while locked are refused before they can fail; nothing to count
                }
                while (!strikes.failures.isEmpty() && strikes.failures.peekFirst() <= now - windowMs) {
                    strikes.failures.pollFirst();
                }
                strikes.failures.addLast(now);
                if (strikes.failures.size() >= limit) {
                    strikes.lockouts++;
                    strikes.lockedUntil = now + lockout(strikes.lockouts).toMillis();
                    strikes.failures.clear();
                }
            }
            return strikes;
        });
    }

    /** The n-th lockout (from 1): {@code login-lockout} doubled n-1 times, at most {@code login-lockout-max}. */
    Duration lockout(int n) {
        Duration first = properties.loginLockout();
        Duration max = properties.loginLockoutMax();
        int doublings = Math.min(n - 1, 40); // 2^40 times any lockout is past every sane maximum: no overflow
        Duration lockout = first.multipliedBy(1L << doublings);
        return lockout.compareTo(max) > 0 ? max : lockout;
    }

    private static String userKey(String username) {
        String key = username == null ? "" : username;
        return key.length() > MAX_USERNAME_KEY ? key.substring(0, MAX_USERNAME_KEY) : key;
    }

    /** One key's recent failures, its current lock and how many locks it had. Guarded by its own monitor. */
    private static final class Strikes {
        final ArrayDeque<Long> failures = new ArrayDeque<>();
        long lockedUntil;
        int lockouts;
    }
}
