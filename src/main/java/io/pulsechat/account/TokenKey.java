package io.pulsechat.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The HMAC key that signs connection tokens: {@code chat.auth.secret}, or else one generated once and
 * kept in the database so restarts don't invalidate tokens.
 */
final class TokenKey {

    private static final Logger log = LoggerFactory.getLogger(TokenKey.class);
    private static final String NAME = "token-signing-key";

    private TokenKey() {
    }

    static SecretKey resolve(AuthProperties properties, JdbcClient jdbc) {
        String secret = properties.secret();
        if (secret != null && !secret.isBlank()) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("chat.auth.secret must be at least 32 bytes long");
            }
            return new SecretKeySpec(bytes, "HmacSHA256");
        }
        log.warn("chat.auth.secret is not set: using a signing key generated and stored in the database. "
                + "Multi-node deployments must set chat.auth.secret to the same value on every node.");
        return new SecretKeySpec(Base64.getDecoder().decode(storedOrNew(jdbc)), "HmacSHA256");
    }

    private static String storedOrNew(JdbcClient jdbc) {
        var existing = jdbc.sql("select secret from server_secrets where name = ?").param(NAME).query(String.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            jdbc.sql("insert into server_secrets (name, secret) values (?, ?)")
                    .params(NAME, Base64.getEncoder().encodeToString(key)).update();
        } catch (DuplicateKeyException raced) {
            // another node stored one first: use theirs
        }
        return jdbc.sql("select secret from server_secrets where name = ?").param(NAME).query(String.class).single();
    }
}
