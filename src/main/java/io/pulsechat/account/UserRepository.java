package io.pulsechat.account;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private static final String COLUMNS = "id, username, display_name, password_hash, enabled";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ChatUser user, long createdAt) {
        jdbc.sql("insert into users (id, username, password_hash, display_name, enabled, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(user.userid(), user.username(), user.passwordHash(), user.displayName(), user.enabled(), createdAt)
                .update();
    }

    /** The first account of an empty server becomes its admin; later ones do not. */
    void makeAdminIfFirst(String userid) {
        jdbc.sql("update users set admin = true where id = ? and (select count(*) from users) = 1").param(userid).update();
    }

    /** Enabled users whose username or display name starts with the prefix, in any case; by username. */
    java.util.List<ChatUser> startingWith(String prefix, int limit) {
        String like = prefix.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbc.sql("select " + COLUMNS + " from users where enabled = true"
                        + " and (lower(username) like ? escape '!' or lower(display_name) like ? escape '!') order by username limit ?")
                .params(like, like, limit).query(this::map).list();
    }

    Optional<ChatUser> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where username = ?").param(username).query(this::map).optional();
    }

    Optional<ChatUser> findById(String userid) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?").param(userid).query(this::map).optional();
    }

    /** The user and the instant (epoch ms) their tokens were last revoked: tokens issued up to it are refused. */
    Optional<TokenHolder> findTokenHolder(String userid) {
        return jdbc.sql("select " + COLUMNS + ", tokens_valid_after from users where id = ?").param(userid)
                .query((rs, row) -> new TokenHolder(map(rs, row), rs.getLong("tokens_valid_after"))).optional();
    }

    record TokenHolder(ChatUser user, long tokensValidAfter) {
    }


    /** Tokens issued at or before {@code instantMs} stop working; never moves the instant back. */
    void revokeTokensUpTo(String userid, long instantMs) {
        jdbc.sql("update users set tokens_valid_after = greatest(tokens_valid_after, ?) where id = ?")
                .params(instantMs, userid).update();
    }

    private ChatUser map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ChatUser(rs.getString("id"), rs.getString("username"), io.pulsechat.shared.Unicode.scrub(rs.getString("display_name")),
                rs.getString("password_hash"), rs.getBoolean("enabled"));
    }
}
