package io.pulsechat.account;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Username and password logins (the form login and HTTP Basic on every chain), throttled by {@link LoginThrottle}.
 * Being the application's one {@link AuthenticationProvider} bean (and there being no {@code UserDetailsService}
 * bean), Spring Security makes it the global authentication manager's provider, behind every chain's own.
 * The client address comes from the {@link WebAuthenticationDetails} that both login filters attach.
 */
@Component
class PasswordLogins implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    PasswordLogins(Accounts accounts, PasswordEncoder encoder, LoginThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(accounts::loadUserByUsername);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        throttle.lockedFor(username, address).ifPresent(wait -> {
            throw new LoginThrottled(wait);
        });
        Authentication result;
        try {
            result = passwords.authenticate(attempt);
        } catch (BadCredentialsException wrong) {
            throttle.failed(username, address);
            throw wrong;
        }
        throttle.succeeded(username);
        // the principal kept in the session (and anywhere else) carries no password hash
        var user = ((ChatUser) result.getPrincipal()).withoutPassword();
        var authenticated = UsernamePasswordAuthenticationToken.authenticated(user, null, result.getAuthorities());
        authenticated.setDetails(result.getDetails());
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
