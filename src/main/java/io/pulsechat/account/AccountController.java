package io.pulsechat.account;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users}, {@code /api/me} and {@code /api/auth/token} (PROTOCOL section 1). Refusals are domain
 * exceptions, written as problem+json by the web package. The token endpoint takes Basic or the login session,
 * never a bearer token (the security configuration refuses that with 401), so a leaked token cannot renew itself.
 */
@RestController
class AccountController {

    private final Accounts accounts;
    private final Tokens tokens;

    AccountController(Accounts accounts, Tokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    record UserView(String userid, String username, String displayName) {
        static UserView of(ChatUser user) {
            return new UserView(user.userid(), user.username(), user.displayName());
        }
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@RequestBody NewAccount body, HttpServletRequest request) {
        return UserView.of(accounts.register(body, request.getRemoteAddr()));
    }

    @GetMapping("/api/me")
    UserView me(@AuthenticationPrincipal ChatUser user) {
        return UserView.of(user);
    }

    @PostMapping("/api/auth/token")
    Tokens.IssuedToken token(@AuthenticationPrincipal ChatUser user) {
        return tokens.issue(user);
    }
}
