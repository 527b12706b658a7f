package io.pulsechat.account;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Validator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import io.pulsechat.shared.ClientAddress;
import io.pulsechat.shared.FieldRules;
import io.pulsechat.shared.InvalidInput;
import io.pulsechat.shared.RateLimit;
import io.pulsechat.shared.TooManyRequests;

/** Registration, look-up of users, and revoking a user's tokens. */
@Service
public class Accounts {

    /** The fields of a registration in their order, for reporting their errors in it. */
    private static final List<String> FIELDS = List.of("username", "password", "display_name");

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;
    private final Clock clock;
    private final Validator validator;
    private final CommonPasswords commonPasswords;
    private final ApplicationEventPublisher events;
    private final RateLimit registrations;

    Accounts(UserRepository users, PasswordEncoder passwords, AuthProperties properties, RegistrationLimits limits,
             Clock clock, Validator validator, CommonPasswords commonPasswords, ApplicationEventPublisher events) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        this.validator = validator;
        this.commonPasswords = commonPasswords;
        this.events = events;
        this.registrations = new RateLimit(limits.registrationsPerHour(), Duration.ofHours(1), clock);
    }

    public boolean registrationOpen() {
        return properties.registrationOpen();
    }

    /**
     * Registers a user. Every broken rule is reported at once; a rate limit applies per client address.
     *
     * @param clientAddress the request's remote address (behind a proxy, as {@code server.forward-headers-strategy} gives it)
     * @throws RegistrationClosed when registration is closed
     * @throws InvalidInput for every field that breaks a rule
     * @throws TooManyRequests when this address registered {@code chat.limits.registrations-per-hour} users within the hour
     * @throws UsernameTaken when someone has the username
     */
    public ChatUser register(NewAccount account, String clientAddress) {
        if (!properties.registrationOpen()) {
            throw new RegistrationClosed();
        }
        List<InvalidInput.FieldError> errors = new ArrayList<>(FieldRules.check(validator, account));
        if (errors.stream().noneMatch(e -> e.field().equals("password"))) {
            passwordRules(account).ifPresent(errors::add);
            errors.sort(Comparator.comparingInt(e -> FIELDS.indexOf(e.field()))); // in the body's order
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        registrations.tryAcquire(ClientAddress.key(clientAddress)).ifPresent(wait -> {
            throw new TooManyRequests("registration_rate_limited",
                    "Too many registrations from your network; try again later.", wait);
        });
        var user = new ChatUser(UUID.randomUUID().toString(), account.username(), account.displayName().strip(),
                passwords.encode(account.password()), true);
        try {
            users.insert(user, clock.millis());
        } catch (DuplicateKeyException e) {
            throw new UsernameTaken(account.username());
        }
        users.makeAdminIfFirst(user.userid()); // the first account on an empty server administers it (section 14)
        return user.withoutPassword();
    }

    /** The password rules beyond its length: not the username, not one of the 10,000 most common. */
    private Optional<InvalidInput.FieldError> passwordRules(NewAccount account) {
        if (account.username() != null && account.password().toLowerCase(Locale.ROOT).equals(account.username().toLowerCase(Locale.ROOT))) {
            return Optional.of(new InvalidInput.FieldError("password", "username", "password must not be the username"));
        }
        if (commonPasswords.contains(account.password())) {
            return Optional.of(new InvalidInput.FieldError("password", "common",
                    "password is one of the 10,000 most common passwords; choose another"));
        }
        return Optional.empty();
    }

    /** Users whose username or display name starts with {@code q} (any case), by username; banned users left out. */
    public List<ChatUser> directory(String q, Integer limit) {
        int size = limit == null ? 10 : limit;
        if (size < 1 || size > 20) {
            throw new InvalidInput("limit", "range", "limit must be between 1 and 20");
        }
        return users.startingWith(q == null ? "" : q.strip(), size).stream().map(ChatUser::withoutPassword).toList();
    }

    public Optional<ChatUser> findById(String userid) {
        return users.findById(userid).map(ChatUser::withoutPassword);
    }

    /**
     * The enabled user with that id and when their tokens were last revoked (epoch ms): a token is good for them if
     * issued after it. For {@link Tokens}, which keeps the answer for a few seconds.
     */
    Optional<UserRepository.TokenHolder> findTokenHolder(String userid) {
        return users.findTokenHolder(userid).filter(h -> h.user().enabled())
                .map(h -> new UserRepository.TokenHolder(h.user().withoutPassword(), h.tokensValidAfter()));
    }

    /**
     * Revokes every token issued to the user up to now (the REST API's bearer auth and new WebSocket handshakes refuse
     * them; a token fetched afterwards works) and ends the user's open connections with 4401 through {@link LoggedOut}.
     * Kept in the database, so every node sees it. Logout calls this; a ban or a password change will too.
     */
    public void revokeTokens(String userid) {
        users.revokeTokensUpTo(userid, clock.millis());
        events.publishEvent(new LoggedOut(userid));
    }

    /**
     * The user with its password hash, for checking a login ({@link PasswordLogins}).
     *
     * @throws UsernameNotFoundException when there is none
     */
    public ChatUser loadUserByUsername(String username) {
        return users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
