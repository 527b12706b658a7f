package io.pulsechat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.pulsechat.PostgresSupport;

/**
 * The version 2 migration keeps the data of a version 1 server (issue 11), on H2 and on PostgreSQL: rooms become
 * public, users members of lobby and of the rooms they wrote in (read up to their own last message), messages keep
 * their ids and get revisions equal to them, the earliest account becomes the admin.
 */
class MigrationTest {

    @Test
    void versionOneDataSurvivesOnH2() {
        var data = new DriverManagerDataSource("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        check(data, "classpath:db/vendor/h2", null);
    }

    @Test
    void versionOneDataSurvivesOnPostgres() {
        Map<String, String> schema = PostgresSupport.freshSchema();
        var data = new DriverManagerDataSource(schema.get("spring.datasource.url"), schema.get("spring.datasource.username"),
                schema.get("spring.datasource.password"));
        check(data, "classpath:db/vendor/postgresql", schema.get("spring.flyway.schemas"));
    }

    private void check(DataSource data, String vendor, String schema) {
        var config = Flyway.configure().dataSource(data).locations("classpath:db/migration", vendor);
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.target("3").load().migrate();
        JdbcClient jdbc = JdbcClient.create(data);
        long t = 1_700_000_000_000L;
        jdbc.sql("insert into users (id, username, password_hash, display_name, enabled, created_at) values"
                + " ('u-old', 'old', 'x', 'Old One', true, ?), ('u-new', 'new', 'x', 'New One', true, ?)").params(t, t + 1000).update();
        jdbc.sql("insert into rooms (id, name, created_at, last_message_id) values ('lobby', 'Lobby', ?, 2), ('team', 'Team', ?, 3)")
                .params(t, t).update();
        jdbc.sql("insert into attachments (name, content_type, size, data, created_at) values ('a.png', 'image/png', 1, ?, ?)")
                .params(new byte[] {7}, t).update();
        long attachment = jdbc.sql("select id from attachments").query(Long.class).single();
        jdbc.sql("insert into messages (room_id, id, user_id, text, ts, client_msg_id, attachment_id) values"
                + " ('lobby', 1, 'u-old', 'hello', ?, 'c1', null), ('lobby', 2, 'u-new', 'hi', ?, 'c2', null),"
                + " ('team', 1, 'u-new', 'one', ?, 'c3', null), ('team', 2, 'u-new', 'two', ?, 'c4', ?), ('team', 3, 'u-new', 'three', ?, 'c5', null)")
                .params(t, t, t, t, attachment, t).update();

        config.target("latest").load().migrate();

        assertThat(jdbc.sql("select kind from rooms order by id").query(String.class).list()).containsOnly("public");
        assertThat(jdbc.sql("select last_rev from rooms where id = 'team'").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select id, rev from messages where room_id = 'team' order by id")
                .query((rs, n) -> rs.getLong(1) == rs.getLong(2)).list()).containsOnly(true);
        assertThat(jdbc.sql("select text from messages where room_id = 'team' and id = 2").query(String.class).single()).isEqualTo("two");
        assertThat(jdbc.sql("select attachment_id from messages where room_id = 'team' and id = 2").query(Long.class).single())
                .isEqualTo(attachment);
        List<String> members = jdbc.sql("select room_id || ':' || user_id || ':' || last_read from room_members order by 1")
                .query(String.class).list();
        assertThat(members).containsExactly("lobby:u-new:2", "lobby:u-old:1", "team:u-new:3");
        assertThat(jdbc.sql("select username from users where admin = true").query(String.class).list()).containsExactly("old");
        assertThat(jdbc.sql("select count(*) from users where banned_at is not null").query(Integer.class).single()).isZero();
    }
}
