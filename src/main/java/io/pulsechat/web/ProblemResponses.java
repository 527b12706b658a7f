package io.pulsechat.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import io.pulsechat.account.LoginThrottled;

/**
 * 401, 403 and 429 from the security filters of the API and actuator chains, as RFC 9457 problem+json like every
 * other API error (written through Jackson by {@link Problems}).
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Problems problems;

    ProblemResponses(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof LoginThrottled throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed logins for this username or from this address; try again later.");
            problem.setProperty("code", "login_throttled");
            problem.setProperty("retry_after", throttled.retryAfterSeconds());
            problems.write(response, problem);
            return;
        }
        // a Bearer challenge: a Basic one would make browsers pop up their own login dialog
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pulse-chat\"");
        if (e instanceof DisabledException) {
            // PROTOCOL section 14: a banned user's login is refused with a message saying so
            ProblemDetail banned = Problems.of(HttpStatus.UNAUTHORIZED, "This account is banned.");
            banned.setProperty("code", "account_banned");
            problems.write(response, banned);
            return;
        }
        String detail = e instanceof BearerRefused refused ? refused.getMessage()
                : "Authentication required: HTTP Basic, a bearer token or a login session.";
        problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            // e.g. a CSRF failure of a request that is not logged in at all: the real problem is the missing login
            commence(request, response, null);
            return;
        }
        String detail = e instanceof CsrfException
                ? "Forbidden: a session-authenticated request needs the CSRF header."
                : "Forbidden: this needs a role you do not have.";
        problems.write(response, Problems.of(HttpStatus.FORBIDDEN, detail));
    }
}
