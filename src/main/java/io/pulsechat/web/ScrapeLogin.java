package io.pulsechat.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import io.pulsechat.account.LoginThrottle;
import io.pulsechat.account.LoginThrottled;

/**
 * The metrics scraper's HTTP Basic credential ({@code chat.ops.scrape-username} / {@code -password}), known to the
 * actuator chain only: it is no chat account and opens nothing else. Any other name, or a wrong password, is left
 * to the chat-account login after it, which counts the failure for the throttle (once).
 */
class ScrapeLogin implements AuthenticationProvider {

    /** The scraper as a principal. */
    record Scraper(String name) {
    }

    private final OpsProperties ops;
    private final LoginThrottle throttle;
    private final byte[] passwordDigest;

    ScrapeLogin(OpsProperties ops, LoginThrottle throttle) {
        this.ops = ops;
        this.throttle = throttle;
        this.passwordDigest = ops.scrapeCredentialSet() ? digest(ops.scrapePassword()) : null;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        if (passwordDigest == null || !ops.scrapeUsername().equals(attempt.getName())) {
            return null;
        }
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        throttle.lockedFor(attempt.getName(), address).ifPresent(wait -> {
            throw new LoginThrottled(wait);
        });
        Object credentials = attempt.getCredentials();
        // digests of equal length, compared in constant time
        if (credentials == null || !MessageDigest.isEqual(passwordDigest, digest(credentials.toString()))) {
            return null;
        }
        throttle.succeeded(attempt.getName());
        var scraper = UsernamePasswordAuthenticationToken.authenticated(new Scraper(attempt.getName()), null,
                List.of(new SimpleGrantedAuthority("ROLE_OPS")));
        scraper.setDetails(attempt.getDetails());
        return scraper;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
