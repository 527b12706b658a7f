package io.pulsechat.web;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

import io.pulsechat.account.Admins;
import io.pulsechat.account.ChatUser;

/**
 * Who is an operator, for the actuator endpoints but health: a chat user named in {@code chat.ops.users} or in
 * {@code chat.admins}, or the dedicated scrape credential ({@link ScrapeLogin}). Ordinary users get 403.
 * Admins (docs/protocol.md section 14: {@code chat.admins} or the first account) are operators too.
 */
@Component
class Operators implements AuthorizationManager<RequestAuthorizationContext> {

    private final OpsProperties ops;
    private final Admins admins;

    Operators(OpsProperties ops, Admins admins) {
        this.ops = ops;
        this.admins = admins;
    }

    boolean isOperator(ChatUser user) {
        return ops.users().contains(user.username()) || admins.isAdmin(user);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext request) {
        Authentication who = authentication.get();
        if (who == null || !who.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        Object principal = who.getPrincipal();
        boolean operator = principal instanceof ScrapeLogin.Scraper
                || (principal instanceof ChatUser user && isOperator(user));
        return new AuthorizationDecision(operator);
    }
}
