package io.pulsechat.account;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.admins}: chat usernames that administer this server (docs/protocol.md section 14), besides the first account
 * made on an empty server. Admins are also operators (the actuator endpoints). See {@link Admins}.
 *
 * @param admins usernames, comma-separated in a property
 */
@ConfigurationProperties("chat")
public record AdminProperties(@DefaultValue List<String> admins) {

    public AdminProperties {
        admins = List.copyOf(admins);
    }
}
