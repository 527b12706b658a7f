package io.pulsechat.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.pulsechat.shared.Unicode;

/**
 * SQL for messages, their reactions and mentions, and attachments. Writes must run inside the caller's transaction.
 * Text read back is scrubbed: what was stored before input was checked (or by another node) may hold lone
 * surrogates, which are served as U+FFFD.
 */
@Repository
class MessageRepository {

    /** Code points of the quoted text in a reply (docs/protocol.md section 11). */
    static final int REPLY_EXCERPT = 200;

    private static final String SELECT = """
            select m.id, m.room_id, m.user_id, u.display_name, m.text, m.ts, m.client_msg_id, m.rev, m.edited_at, m.deleted,
                   a.id as a_id, a.name as a_name, a.content_type as a_type, a.size as a_size,
                   m.reply_to, r.user_id as r_user_id, ru.display_name as r_display_name, r.text as r_text, r.deleted as r_deleted
            from messages m
            join users u on u.id = m.user_id
            left join attachments a on a.id = m.attachment_id
            left join messages r on r.room_id = m.room_id and r.id = m.reply_to
            left join users ru on ru.id = r.user_id
            """;

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A room's counters and kind, read under the room row's lock. */
    record LockedRoom(String id, String kind, long lastMessageId, long lastRev) {
    }

    /** Locks the room row until the transaction ends; empty if no such room. */
    Optional<LockedRoom> lockRoom(String room) {
        return jdbc.sql("select id, kind, last_message_id, last_rev from rooms where id = ? for update").param(room)
                .query((rs, n) -> new LockedRoom(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).optional();
    }

    void setCounters(String room, long lastMessageId, long lastRev) {
        jdbc.sql("update rooms set last_message_id = ?, last_rev = ? where id = ?").params(lastMessageId, lastRev, room).update();
    }

    /** The room's current revision (0 for a room without changes or no such room). */
    long currentRev(String room) {
        return jdbc.sql("select last_rev from rooms where id = ?").param(room).query(Long.class).optional().orElse(0L);
    }

    /** The newest message id and revision of each room given (rooms that do not exist are left out). */
    Map<String, long[]> positions(Collection<String> rooms) {
        Map<String, long[]> out = new HashMap<>();
        List<String> all = new ArrayList<>(rooms);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            jdbc.sql("select id, last_message_id, last_rev from rooms where id in ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list();
        }
        return out;
    }

    Optional<ChatMessage> findByClientMsgId(String userid, String clientMsgId) {
        return one(SELECT + " where m.user_id = ? and m.client_msg_id = ?", userid, clientMsgId);
    }

    Optional<ChatMessage> find(String room, long id) {
        return one(SELECT + " where m.room_id = ? and m.id = ?", room, id);
    }

    /** Who wrote a message, whether it is deleted: the facts a change is checked against. */
    record Facts(String userid, boolean deleted, Long attachmentId) {
    }

    Optional<Facts> facts(String room, long id) {
        return jdbc.sql("select user_id, deleted, attachment_id from messages where room_id = ? and id = ?").params(room, id)
                .query((rs, n) -> {
                    long attachment = rs.getLong(3);
                    return new Facts(rs.getString(1), rs.getBoolean(2), rs.wasNull() ? null : attachment);
                }).optional();
    }

    long insertAttachment(NewMessage.NewFile file, long ts) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into attachments (name, content_type, size, data, created_at) values (?, ?, ?, ?, ?)")
                .params(file.name(), file.type(), file.bytes().length, file.bytes(), ts)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void insert(String room, long id, long rev, String userid, String text, long ts, String clientMsgId, Long attachmentId,
                Long replyTo) {
        jdbc.sql("""
                insert into messages (room_id, id, rev, user_id, text, ts, client_msg_id, attachment_id, reply_to)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(room, id, rev, userid, text, ts, clientMsgId, attachmentId, replyTo)
                .update();
    }

    void edit(String room, long id, long rev, String text, long editedAt) {
        jdbc.sql("update messages set text = ?, edited_at = ?, rev = ? where room_id = ? and id = ?")
                .params(text, editedAt, rev, room, id).update();
    }

    /** Makes the message a tombstone: no text, no attachment (its bytes are deleted), no reactions, no mentions. */
    void delete(String room, long id, long rev, Long attachmentId) {
        jdbc.sql("update messages set text = '', attachment_id = null, deleted = true, rev = ? where room_id = ? and id = ?")
                .params(rev, room, id).update();
        if (attachmentId != null) {
            jdbc.sql("delete from attachments where id = ?").param(attachmentId).update();
        }
        jdbc.sql("delete from reactions where room_id = ? and message_id = ?").params(room, id).update();
        replaceMentions(room, id, List.of());
    }

    void setRev(String room, long id, long rev) {
        jdbc.sql("update messages set rev = ? where room_id = ? and id = ?").params(rev, room, id).update();
    }

    /** True if added (false: the user had given that emoji already). */
    boolean addReaction(String room, long id, String emoji, String userid, long at) {
        boolean exists = jdbc.sql("select count(*) from reactions where room_id = ? and message_id = ? and emoji = ? and user_id = ?")
                .params(room, id, emoji, userid).query(Integer.class).single() > 0;
        if (exists) {
            return false;
        }
        jdbc.sql("insert into reactions (room_id, message_id, emoji, user_id, created_at) values (?, ?, ?, ?, ?)")
                .params(room, id, emoji, userid, at).update();
        return true;
    }

    boolean removeReaction(String room, long id, String emoji, String userid) {
        return jdbc.sql("delete from reactions where room_id = ? and message_id = ? and emoji = ? and user_id = ?")
                .params(room, id, emoji, userid).update() > 0;
    }

    /** The distinct emoji on a message. */
    List<String> emojiOn(String room, long id) {
        return jdbc.sql("select distinct emoji from reactions where room_id = ? and message_id = ?").params(room, id)
                .query(String.class).list();
    }

    void replaceMentions(String room, long id, Collection<String> userids) {
        jdbc.sql("delete from message_mentions where room_id = ? and message_id = ?").params(room, id).update();
        addMentions(room, id, userids);
    }

    /** For a new message: nothing to replace (most messages mention nobody and cost no statement here). */
    void addMentions(String room, long id, Collection<String> userids) {
        for (String userid : userids) {
            jdbc.sql("insert into message_mentions (room_id, message_id, user_id) values (?, ?, ?)").params(room, id, userid).update();
        }
    }

    /**
     * The users the usernames stand for, among those who may read the room: anyone for a public room, its members
     * otherwise; {@code everyMember} adds all members (@room). In the order the names were given, members last.
     */
    List<String> mentionable(String room, String kind, Collection<String> usernames, boolean everyMember) {
        Map<String, String> byName = new LinkedHashMap<>();
        usernames.forEach(name -> byName.put(name, null));
        if (!usernames.isEmpty()) {
            String in = String.join(",", Collections.nCopies(usernames.size(), "?"));
            String sql = "public".equals(kind)
                    ? "select username, id from users where username in (" + in + ")"
                    : "select u.username, u.id from users u join room_members rm on rm.user_id = u.id and rm.room_id = ?"
                            + " where u.username in (" + in + ")";
            var spec = jdbc.sql(sql);
            if (!"public".equals(kind)) {
                spec = spec.param(room);
            }
            for (String name : usernames) {
                spec = spec.param(name);
            }
            spec.query((rs, n) -> byName.put(rs.getString(1), rs.getString(2))).list();
        }
        List<String> userids = new ArrayList<>(byName.values().stream().filter(v -> v != null).toList());
        if (everyMember) {
            for (String member : jdbc.sql("select user_id from room_members where room_id = ? order by joined_at, user_id")
                    .param(room).query(String.class).list()) {
                if (!userids.contains(member)) {
                    userids.add(member);
                }
            }
        }
        return userids;
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
            return complete(spec.param(limit).query(this::map).list());
        }
        String sql = SELECT + " where m.room_id = ?" + (before != null ? " and m.id < ?" : "") + " order by m.id desc limit ?";
        var spec = jdbc.sql(sql).param(room);
        if (before != null) {
            spec = spec.param(before);
        }
        List<ChatMessage> newestFirst = new ArrayList<>(spec.param(limit).query(this::map).list());
        Collections.reverse(newestFirst);
        return complete(newestFirst);
    }

    /** Up to {@code limit} messages whose latest change is newer than {@code rev}, in revision order. */
    List<ChatMessage> sinceRev(String room, long rev, int limit) {
        return complete(jdbc.sql(SELECT + " where m.room_id = ? and m.rev > ? order by m.rev asc limit ?")
                .params(room, rev, limit).query(this::map).list());
    }

    /** Messages whose revision lies in {@code (after, upTo]}, in revision order (filling a gap in delivery). */
    List<ChatMessage> revisions(String room, long after, long upTo) {
        return complete(jdbc.sql(SELECT + " where m.room_id = ? and m.rev > ? and m.rev <= ? order by m.rev asc")
                .params(room, after, upTo).query(this::map).list());
    }

    /**
     * Messages, newest first, in rooms the user may read (public ones and theirs), not deleted, whose lowercased text
     * contains every word; within {@code room} (paged by id) or across rooms (paged by timestamp).
     */
    List<ChatMessage> search(String userid, List<String> words, String room, Long before, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append("""
                 where m.deleted = false
                   and (exists (select 1 from rooms pr where pr.id = m.room_id and pr.kind = 'public')
                        or exists (select 1 from room_members rm where rm.room_id = m.room_id and rm.user_id = ?))""");
        List<Object> params = new ArrayList<>();
        params.add(userid);
        for (String word : words) {
            sql.append(" and lower(m.text) like ? escape '!'");
            params.add("%" + word.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (room != null) {
            sql.append(" and m.room_id = ?");
            params.add(room);
            if (before != null) {
                sql.append(" and m.id < ?");
                params.add(before);
            }
            sql.append(" order by m.id desc limit ?");
        } else {
            if (before != null) {
                sql.append(" and m.ts < ?");
                params.add(before);
            }
            sql.append(" order by m.ts desc, m.room_id, m.id desc limit ?");
        }
        params.add(limit);
        List<ChatMessage> found = jdbc.sql(sql.toString()).params(params).query(this::map).list();
        // reactions and mentions per room, in the order found
        Map<String, List<ChatMessage>> byRoom = new LinkedHashMap<>();
        found.forEach(m -> byRoom.computeIfAbsent(m.room(), k -> new ArrayList<>()).add(m));
        Map<String, ChatMessage> complete = new HashMap<>();
        byRoom.values().forEach(list -> complete(list).forEach(m -> complete.put(m.room() + '\u0000' + m.id(), m)));
        return found.stream().map(m -> complete.get(m.room() + '\u0000' + m.id())).toList();
    }

    Optional<StoredFile> attachment(long id) {
        return jdbc.sql("""
                select a.name, a.content_type, a.data, m.room_id from attachments a
                left join messages m on m.attachment_id = a.id
                where a.id = ?""").param(id)
                .query((rs, n) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4))).optional();
    }

    /** @param room the room of the message that carries it (null for an attachment no message refers to) */
    record StoredFile(String name, String type, byte[] bytes, String room) {
    }

    private Optional<ChatMessage> one(String sql, Object... params) {
        List<ChatMessage> found = jdbc.sql(sql).params(params).query(this::map).list();
        return complete(found).stream().findFirst();
    }

    /** Adds reactions and mentions to messages read by {@link #map} (two queries per page, not per message). */
    private List<ChatMessage> complete(List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        String room = messages.get(0).room();
        boolean oneRoom = messages.stream().allMatch(m -> m.room().equals(room));
        Map<Long, List<ChatMessage.Reaction>> reactions = new HashMap<>();
        Map<Long, List<String>> mentions = new HashMap<>();
        if (oneRoom) {
            List<Long> ids = messages.stream().map(ChatMessage::id).toList();
            String in = String.join(",", Collections.nCopies(ids.size(), "?"));
            List<Object> params = new ArrayList<>();
            params.add(room);
            params.addAll(ids);
            Map<Long, Map<String, List<String>>> given = new HashMap<>();
            jdbc.sql("select message_id, emoji, user_id from reactions where room_id = ? and message_id in (" + in + ")"
                            + " order by created_at, emoji, user_id")
                    .params(params).query((rs, n) -> given.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3))).list();
            given.forEach((id, byEmoji) -> reactions.put(id, byEmoji.entrySet().stream()
                    .map(e -> new ChatMessage.Reaction(Unicode.scrub(e.getKey()), e.getValue().size(),
                            List.copyOf(e.getValue().subList(0, Math.min(ChatMessage.REACTION_USERIDS_MAX, e.getValue().size())))))
                    .toList()));
            jdbc.sql("select message_id, user_id from message_mentions where room_id = ? and message_id in (" + in + ")")
                    .params(params).query((rs, n) -> mentions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)))
                    .list();
        } else {
            for (ChatMessage m : messages) {
                List<ChatMessage> one = complete(List.of(m));
                reactions.put(m.id(), one.get(0).reactions());
                mentions.put(m.id(), one.get(0).mentions());
            }
        }
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            out.add(new ChatMessage(m.id(), m.room(), m.from(), m.text(), m.ts(), m.clientMsgId(), m.attachment(), m.rev(),
                    m.editedAt(), m.deleted(), reactions.getOrDefault(m.id(), List.of()), m.replyTo(),
                    List.copyOf(mentions.getOrDefault(m.id(), List.of()))));
        }
        return out;
    }

    private ChatMessage map(ResultSet rs, int row) throws SQLException {
        long attachmentId = rs.getLong("a_id");
        ChatMessage.Attachment attachment = rs.wasNull() ? null
                : ChatMessage.Attachment.of(attachmentId, Unicode.scrub(rs.getString("a_name")), Unicode.scrub(rs.getString("a_type")),
                        rs.getLong("a_size"));
        long editedAt = rs.getLong("edited_at");
        Long edited = rs.wasNull() ? null : editedAt;
        boolean deleted = rs.getBoolean("deleted");
        long replyId = rs.getLong("reply_to");
        ChatMessage.ReplyTo reply = null;
        if (!rs.wasNull()) {
            String replyUser = rs.getString("r_user_id");
            reply = replyUser == null || rs.getBoolean("r_deleted")
                    ? new ChatMessage.ReplyTo(replyId, null, null, true)
                    : new ChatMessage.ReplyTo(replyId, new ChatMessage.Sender(replyUser, Unicode.scrub(rs.getString("r_display_name"))),
                            excerpt(rs.getString("r_text")), null);
        }
        return new ChatMessage(rs.getLong("id"), rs.getString("room_id"),
                new ChatMessage.Sender(rs.getString("user_id"), Unicode.scrub(rs.getString("display_name"))),
                Unicode.scrub(rs.getString("text")), rs.getLong("ts"), Unicode.scrub(rs.getString("client_msg_id")), attachment,
                rs.getLong("rev"), edited, deleted ? Boolean.TRUE : null, List.of(), reply, List.of());
    }

    /** The first {@link #REPLY_EXCERPT} code points. */
    static String excerpt(String text) {
        String scrubbed = Unicode.scrub(text == null ? "" : text);
        int length = scrubbed.codePointCount(0, scrubbed.length());
        return length <= REPLY_EXCERPT ? scrubbed : scrubbed.substring(0, scrubbed.offsetByCodePoints(0, REPLY_EXCERPT));
    }
}
