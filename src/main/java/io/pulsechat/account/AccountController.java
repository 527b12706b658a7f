package io.pulsechat.account;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users}, {@code /api/me}, {@code /api/auth/token} (docs/protocol.md section 1), the directory (section 10) and
 * bans (section 14). Refusals are domain
 * exceptions, written as problem+json by the web package. The token endpoint takes Basic or the login session,
 * never a bearer token (the security configuration refuses that with 401), so a leaked token cannot renew itself.
 */
@RestController
class AccountController {

    private final Accounts accounts;
    private final Tokens tokens;
    private final Admins admins;
    private final Bans bans;

    AccountController(Accounts accounts, Tokens tokens, Admins admins, Bans bans) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.admins = admins;
        this.bans = bans;
    }

    record UserView(String userid, String username, String displayName) {
        static UserView of(ChatUser user) {
            return new UserView(user.userid(), user.username(), user.displayName());
        }
    }

    /** {@code GET /api/me}: the user, and whether they are an admin (section 14). */
    record Me(String userid, String username, String displayName, boolean admin) {
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@RequestBody NewAccount body, HttpServletRequest request) {
        return UserView.of(accounts.register(body, request.getRemoteAddr()));
    }

    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal ChatUser user) {
        return new Me(user.userid(), user.username(), user.displayName(), admins.isAdmin(user));
    }

    /** The directory (section 10): users whose username or display name starts with {@code q}, for pickers. */
    @GetMapping("/api/users")
    List<UserView> directory(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit) {
        return accounts.directory(q, limit).stream().map(UserView::of).toList();
    }

    @PostMapping("/api/auth/token")
    Tokens.IssuedToken token(@AuthenticationPrincipal ChatUser user) {
        // a login session outlives nothing: a user banned since cannot renew a token with it
        ChatUser current = accounts.findById(user.userid()).filter(ChatUser::enabled).orElseThrow(AccountDisabled::new);
        return tokens.issue(current);
    }

    @PostMapping("/api/users/{userid}/ban")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void ban(@AuthenticationPrincipal ChatUser admin, @PathVariable String userid) {
        bans.ban(admin, userid);
    }

    @DeleteMapping("/api/users/{userid}/ban")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unban(@AuthenticationPrincipal ChatUser admin, @PathVariable String userid) {
        bans.unban(admin, userid);
    }
}
