package io.pulsechat.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;

/**
 * Issues and checks connection tokens: HS256 JWTs whose subject is the userid, signed and verified with
 * Spring Security's JOSE support. A token opens a WebSocket connection or authenticates a REST call.
 * <p>
 * A token is good until it expires, unless the user's tokens were revoked after it was issued
 * ({@link Accounts#revokeTokens}). The standard {@code iat} claim has whole seconds only, so a token also carries
 * its issue time in milliseconds ({@value #ISSUED_AT_MS}): a token fetched right after a logout works, one fetched
 * right before does not.
 */
@Service
public class Tokens {

    static final String ISSUER = "pulse-chat";
    /** Issue time in epoch milliseconds (our claim; {@code iat} is in seconds). */
    static final String ISSUED_AT_MS = "iat_ms";

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final AuthProperties properties;
    private final Accounts accounts;
    private final Clock clock;
    /**
     * Who tokens stand for, per node, for a few seconds: a handshake or a bearer call then costs no database read
     * (it was an eighth of a handshake's CPU, docs/performance.md). Only enabled users are kept; a revocation or ban
     * drops the entry at once on every node it reaches ({@link #forget}), and at the latest after {@link #HOLDER_TTL}
     * on a node it cannot reach (a cluster whose Redis is down).
     */
    private final Cache<String, UserRepository.TokenHolder> holders = Caffeine.newBuilder()
            .expireAfterWrite(HOLDER_TTL).maximumSize(100_000).build();

    static final Duration HOLDER_TTL = Duration.ofSeconds(5);

    Tokens(AuthProperties properties, JdbcClient jdbc, Accounts accounts, Clock clock) {
        SecretKey key = TokenKey.resolve(properties, jdbc);
        this.encoder = NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
        this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        var timestamps = new JwtTimestampValidator(java.time.Duration.ZERO);
        timestamps.setClock(clock);
        this.decoder.setJwtValidator(timestamps);
        this.properties = properties;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A signed token, its subject and when it expires. */
    public record IssuedToken(String userid, String token, long expiresAt) {

        @Override
        public String toString() {
            return "IssuedToken[userid=" + userid + ", expiresAt=" + expiresAt + "]"; // never the token
        }
    }

    public IssuedToken issue(ChatUser user) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.tokenTtl());
        var claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user.userid())
                .issuedAt(now)
                .claim(ISSUED_AT_MS, now.toEpochMilli())
                .expiresAt(expires)
                .build();
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
        return new IssuedToken(user.userid(), jwt.getTokenValue(), expires.toEpochMilli());
    }

    /**
     * The enabled user a token stands for; empty when missing, malformed, expired, badly signed, revoked or
     * disabled. The WebSocket handshake uses this.
     */
    public Optional<ChatUser> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            return userFor(decoder.decode(token));
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    /**
     * The enabled user a decoded (signature and lifetime checked) token stands for, unless it is not ours or was
     * revoked. The REST API's bearer auth uses this after {@link #decoder()}.
     */
    public Optional<ChatUser> userFor(Jwt jwt) {
        if (!ISSUER.equals(jwt.getClaimAsString("iss")) || jwt.getSubject() == null) {
            return Optional.empty();
        }
        UserRepository.TokenHolder holder = holders.get(jwt.getSubject(), id -> accounts.findTokenHolder(id).orElse(null));
        if (holder == null || issuedAtMillis(jwt) <= holder.tokensValidAfter()) {
            return Optional.empty();
        }
        return Optional.of(holder.user());
    }

    /**
     * Forgets what this node knows of the user's tokens: called when they are revoked or the user banned, here
     * (events) or on another node (its close signal). Waits for a lookup of the user in flight, so nothing read
     * before the revocation stays.
     */
    public void forget(String userid) {
        holders.invalidate(userid);
    }

    @EventListener
    void loggedOut(LoggedOut event) {
        forget(event.userid());
    }

    @EventListener
    void banned(Banned event) {
        forget(event.userid());
    }

    /** Our millisecond claim; for a token without it (none are issued so) the whole-second {@code iat}. */
    private static long issuedAtMillis(Jwt jwt) {
        Object millis = jwt.getClaims().get(ISSUED_AT_MS);
        if (millis instanceof Number number) {
            return number.longValue();
        }
        Instant issuedAt = jwt.getIssuedAt();
        return issuedAt == null ? Long.MIN_VALUE : issuedAt.toEpochMilli();
    }

    /** The decoder for the bearer-token filter of the REST API: signature, expiry; then {@link #userFor}. */
    public JwtDecoder decoder() {
        return decoder;
    }
}
