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

    Optional<ChatUser> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where username = ?").param(username).query(this::map).optional();
    }

    Optional<ChatUser> findById(String userid) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?").param(userid).query(this::map).optional();
    }

    private ChatUser map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ChatUser(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), rs.getBoolean("enabled"));
    }
}
