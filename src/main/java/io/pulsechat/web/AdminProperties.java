package io.pulsechat.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.admins}: chat usernames that administer this server. For now an admin is also an operator
 * ({@link Operators}); the admin features themselves (issue 11) will add an admin flag to accounts and use it there.
 *
 * @param admins usernames, comma-separated in a property
 */
@ConfigurationProperties("chat")
record AdminProperties(@DefaultValue List<String> admins) {

    AdminProperties {
        admins = List.copyOf(admins);
    }
}
