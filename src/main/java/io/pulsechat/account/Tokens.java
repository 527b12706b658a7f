package io.pulsechat.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import javax.crypto.SecretKey;

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
 */
@Service
public class Tokens {

    static final String ISSUER = "pulse-chat";

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final AuthProperties properties;
    private final Accounts accounts;
    private final Clock clock;

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
                .expiresAt(expires)
                .build();
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
        return new IssuedToken(user.userid(), jwt.getTokenValue(), expires.toEpochMilli());
    }

    /** The enabled user a token stands for; empty when missing, malformed, expired, badly signed or disabled. */
    public Optional<ChatUser> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(token);
            if (!ISSUER.equals(jwt.getClaimAsString("iss"))) {
                return Optional.empty();
            }
            return accounts.findById(jwt.getSubject()).filter(ChatUser::enabled);
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    /** The decoder for the bearer-token filter of the REST API. */
    public JwtDecoder decoder() {
        return decoder;
    }
}
