package io.pulsechat.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts and connection tokens ({@code chat.auth.*}).
 *
 * @param registrationOpen whether anyone may register through {@code POST /api/users} and the sign-up page
 * @param tokenTtl lifetime of a connection token (a signed JWT); it only opens connections, so keep it short
 * @param secret HMAC key (at least 32 characters) that signs tokens; when unset the server generates one,
 *     keeps it in the database and logs a warning: set it explicitly on multi-node deployments
 */
@ConfigurationProperties("chat.auth")
record AuthProperties(
        @DefaultValue("true") boolean registrationOpen,
        @DefaultValue("5m") Duration tokenTtl,
        String secret) {
}
