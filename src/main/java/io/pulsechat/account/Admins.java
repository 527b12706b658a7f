package io.pulsechat.account;

import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is an admin (docs/protocol.md section 14): a user listed in {@code chat.admins} (usernames), or the first account made
 * on an empty server (kept as a flag on the account).
 */
@Component
public class Admins {

    private final JdbcClient jdbc;
    private final Set<String> configured;

    Admins(JdbcClient jdbc, AdminProperties properties) {
        this.jdbc = jdbc;
        this.configured = Set.copyOf(properties.admins().stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    public boolean isAdmin(String userid) {
        return jdbc.sql("select username, admin from users where id = ?").param(userid)
                .query((rs, n) -> rs.getBoolean(2) || configured.contains(rs.getString(1))).optional().orElse(false);
    }

    public boolean isAdmin(ChatUser user) {
        return configured.contains(user.username()) || isAdmin(user.userid());
    }
}
