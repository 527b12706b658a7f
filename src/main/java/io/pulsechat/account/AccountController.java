package io.pulsechat.account;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users}, {@code /api/me} and {@code /api/auth/token} (PROTOCOL section 1). */
@RestController
class AccountController {

    private final Accounts accounts;
    private final Tokens tokens;

    AccountController(Accounts accounts, Tokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    record Registration(String username, String password, String displayName) {
    }

    record UserView(String userid, String username, String displayName) {
        static UserView of(ChatUser user) {
            return new UserView(user.userid(), user.username(), user.displayName());
        }
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@RequestBody Registration body) {
        return UserView.of(accounts.register(body.username(), body.password(), body.displayName()));
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
