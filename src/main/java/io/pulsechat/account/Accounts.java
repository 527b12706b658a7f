package io.pulsechat.account;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** Registration and look-up of users. */
@Service
public class Accounts implements UserDetailsService {

    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9_]{3,32}$");

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;
    private final Clock clock;

    Accounts(UserRepository users, PasswordEncoder passwords, AuthProperties properties, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
    }

    /** What is wrong with a registration, or null when it is acceptable. Field names as in the JSON body. */
    public static String invalidField(String username, String password, String displayName) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return "username";
        }
        if (password == null || password.length() < 8 || password.length() > 128) {
            return "password";
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 64) {
            return "display_name";
        }
        return null;
    }

    public boolean registrationOpen() {
        return properties.registrationOpen();
    }

    /**
     * Registers a user.
     *
     * @throws ResponseStatusException 403 when registration is closed, 400 when a field is invalid,
     *     409 when the username is taken
     */
    public ChatUser register(String username, String password, String displayName) {
        if (!properties.registrationOpen()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Registration is closed on this server.");
        }
        String invalid = invalidField(username, password, displayName);
        if (invalid != null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, describe(invalid));
        }
        var user = new ChatUser(UUID.randomUUID().toString(), username, displayName.strip(), passwords.encode(password), true);
        try {
            users.insert(user, clock.millis());
        } catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The username '" + username + "' is taken.");
        }
        return user.withoutPassword();
    }

    public static String describe(String field) {
        return switch (field) {
            case "username" -> "username must match ^[a-z0-9_]{3,32}$";
            case "password" -> "password must be 8 to 128 characters";
            default -> "display_name must be 1 to 64 characters and not blank";
        };
    }

    public Optional<ChatUser> findById(String userid) {
        return users.findById(userid).map(ChatUser::withoutPassword);
    }

    @Override
    public ChatUser loadUserByUsername(String username) {
        return users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
