package io.pulsechat.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.pulsechat.text.Unicode;

/** SQL for messages and attachments. Writes must run inside the caller's transaction. */
@Repository
class MessageRepository {

    private static final String SELECT = """
            select m.id, m.room_id, m.user_id, u.display_name, m.text, m.ts, m.client_msg_id,
                   a.id as a_id, a.name as a_name, a.content_type as a_type, a.size as a_size
            from messages m
            join users u on u.id = m.user_id
            left join attachments a on a.id = m.attachment_id
            """;

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the room row until the transaction ends and returns its last message id; empty if no such room. */
    Optional<Long> lockRoom(String room) {
        return jdbc.sql("select last_message_id from rooms where id = ? for update").param(room).query(Long.class).optional();
    }

    void setLastMessageId(String room, long id) {
        jdbc.sql("update rooms set last_message_id = ? where id = ?").params(id, room).update();
    }

    Optional<ChatMessage> findByClientMsgId(String userid, String clientMsgId) {
        return jdbc.sql(SELECT + " where m.user_id = ? and m.client_msg_id = ?").params(userid, clientMsgId)
                .query(this::map).optional();
    }

    long insertAttachment(NewMessage.NewFile file, long ts) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into attachments (name, content_type, size, data, created_at) values (?, ?, ?, ?, ?)")
                .params(file.name(), file.type(), file.bytes().length, file.bytes(), ts)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void insert(String room, long id, String userid, String text, long ts, String clientMsgId, Long attachmentId) {
        jdbc.sql("insert into messages (room_id, id, user_id, text, ts, client_msg_id, attachment_id) values (?, ?, ?, ?, ?, ?, ?)")
                .params(room, id, userid, text, ts, clientMsgId, attachmentId)
                .update();
    }

    /** Up to {@code limit} messages with {@code id > after} (ascending), or the newest ones when after is null. */
    List<ChatMessage> page(String room, Long before, Long after, int limit) {
        if (after != null) {
            String sql = SELECT + " where m.room_id = ? and m.id > ?" + (before != null ? " and m.id < ?" : "")
                    + " order by m.id asc limit ?";
            var spec = jdbc.sql(sql).param(room).param(after);
            if (before != null) {
                spec = spec.param(before);
            }
            return spec.param(limit).query(this::map).list();
        }
        String sql = SELECT + " where m.room_id = ?" + (before != null ? " and m.id < ?" : "") + " order by m.id desc limit ?";
        var spec = jdbc.sql(sql).param(room);
        if (before != null) {
            spec = spec.param(before);
        }
        List<ChatMessage> newestFirst = new ArrayList<>(spec.param(limit).query(this::map).list());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    Optional<StoredFile> attachment(long id) {
        return jdbc.sql("select name, content_type, data from attachments where id = ?").param(id)
                .query((rs, n) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
    }

    record StoredFile(String name, String type, byte[] bytes) {
    }

    /** Text stored before input was checked (or by another node) may hold lone surrogates: served as U+FFFD. */
    private ChatMessage map(ResultSet rs, int row) throws SQLException {
        long attachmentId = rs.getLong("a_id");
        ChatMessage.Attachment attachment = rs.wasNull() ? null
                : ChatMessage.Attachment.of(attachmentId, Unicode.scrub(rs.getString("a_name")), Unicode.scrub(rs.getString("a_type")),
                        rs.getLong("a_size"));
        return new ChatMessage(rs.getLong("id"), rs.getString("room_id"),
                new ChatMessage.Sender(rs.getString("user_id"), Unicode.scrub(rs.getString("display_name"))),
                Unicode.scrub(rs.getString("text")), rs.getLong("ts"), Unicode.scrub(rs.getString("client_msg_id")), attachment);
    }
}
