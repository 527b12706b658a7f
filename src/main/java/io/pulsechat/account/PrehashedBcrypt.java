package io.pulsechat.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt over the SHA-256 of the password. BCrypt reads at most 72 bytes (Spring's encoder refuses longer
 * input), while the contract allows passwords of 128 characters, up to 512 UTF-8 bytes; the digest keeps every
 * character significant. Stored as {@code {bcrypt-sha256}...}; plain {@code {bcrypt}} hashes still match.
 */
public final class PrehashedBcrypt implements PasswordEncoder {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    /** The encoder for the application: this one for new hashes, plain bcrypt accepted. */
    public static PasswordEncoder delegating() {
        var encoder = new DelegatingPasswordEncoder("bcrypt-sha256",
                Map.of("bcrypt-sha256", new PrehashedBcrypt(), "bcrypt", new BCryptPasswordEncoder()));
        return encoder;
    }

    @Override
    public String encode(CharSequence raw) {
        return bcrypt.encode(digest(raw));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        return encoded != null && bcrypt.matches(digest(raw), encoded);
    }

    private static String digest(CharSequence raw) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
