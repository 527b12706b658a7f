package io.pulsechat.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts, connection tokens and login throttling ({@code chat.auth.*}).
 *
 * @param registrationOpen whether anyone may register through {@code POST /api/users} and the sign-up page
 * @param tokenTtl lifetime of a connection token (a signed JWT); it only opens connections, so keep it short
 * @param secret HMAC key (at least 32 characters) that signs tokens; when unset the server generates one,
 *     keeps it in the database and logs a warning: set it explicitly on multi-node deployments
 * @param loginFailuresPerUser failed logins for one username within {@code loginFailureWindow} that lock it
 * @param loginFailuresPerAddress failed logins from one client address within {@code loginFailureWindow} that
 *     lock the address (every username from it)
 * @param loginFailureWindow how far back failures count
 * @param loginLockout the first lockout; each further one for the same key doubles, up to {@code loginLockoutMax}
 * @param loginLockoutMax the longest lockout, which bounds how long a guesser can lock a real user out
 */
@ConfigurationProperties("chat.auth")
record AuthProperties(
        @DefaultValue("true") boolean registrationOpen,
        @DefaultValue("5m") Duration tokenTtl,
        String secret,
        @DefaultValue("5") int loginFailuresPerUser,
        @DefaultValue("50") int loginFailuresPerAddress,
        @DefaultValue("5m") Duration loginFailureWindow,
        @DefaultValue("30s") Duration loginLockout,
        @DefaultValue("1h") Duration loginLockoutMax) {

    AuthProperties {
        if (loginFailuresPerUser < 1 || loginFailuresPerAddress < 1) {
            throw new IllegalArgumentException("chat.auth.login-failures-per-user and -per-address must be at least 1");
        }
        if (notPositive(loginFailureWindow) || notPositive(loginLockout) || loginLockoutMax.compareTo(loginLockout) < 0) {
            throw new IllegalArgumentException("chat.auth.login-failure-window and login-lockout must be positive, "
                    + "and login-lockout-max at least login-lockout");
        }
    }

    private static boolean notPositive(Duration duration) {
        return duration.isNegative() || duration.isZero();
    }
}
