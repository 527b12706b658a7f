package io.pulsechat.message;

import java.sql.DatabaseMetaData;
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

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
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
    private final DataSource dataSource;
    private volatile Boolean postgres;

    MessageRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
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
     * How many of the newest messages (of the room, or of all rooms) the first step of a search on PostgreSQL reads.
     * A word in at least one in {@value} of them fills a page there, wherever it is in the history; rarer words are
     * looked up in the text indexes, which answer them quickly because they are rare.
     */
    static final int RECENT_WINDOW = 10_000;

    /** One step of a search: its SQL and parameters (apart, so its plan can be examined). */
    record SearchQuery(String sql, List<Object> params) {
    }

    /**
     * The steps of a search, run in order until one fills the page (the last one always answers). On H2 one query. On
     * PostgreSQL first the newest {@link #RECENT_WINDOW} messages, walked newest first on an index (common words stop
     * early, and no word costs more than the window); then, if that did not fill the page, the whole history through
     * the trigram index (words of 3 or more characters) and the bigram index (2 characters, most Chinese words; see
     * the migration V5_1). Both steps have the same conditions, so the second one's answer is the whole answer.
     */
    List<SearchQuery> searchQueries(String userid, List<String> words, String room, Long before, int limit) {
        if (!postgres()) {
            return List.of(searchQuery(userid, words, room, before, limit, Step.ONE));
        }
        return List.of(searchQuery(userid, words, room, before, limit, Step.RECENT),
                searchQuery(userid, words, room, before, limit, Step.INDEXED));
    }

    /** The step's kind: one query (H2), the newest messages, or the text indexes (PostgreSQL). */
    private enum Step { ONE, RECENT, INDEXED }

    private SearchQuery searchQuery(String userid, List<String> words, String room, Long before, int limit, Step step) {
        List<Object> params = new ArrayList<>();
        String from = "from messages m\n";
        String sql = SELECT;
        if (step == Step.RECENT) {
            // the newest messages of the room (or of all rooms) on an index in this order; ORDER BY and LIMIT keep the
            // word conditions out of the subquery, so it stops at the window whatever the planner guesses
            sql = sql.replace(from, "from (select * from messages where true" + conditions("", List.of(), room, before, false, params)
                    + " order by " + (room != null ? "id desc" : "ts desc, room_id, id desc") + " limit " + RECENT_WINDOW + ") m\n");
        } else if (step == Step.INDEXED) {
            // the matching messages first, on the text indexes (materialized: the planner cannot trade them for a walk
            // of the newest-first index, as it would when it takes a rare word for a common one)
            sql = "with hits as materialized (select * from messages where deleted = false"
                    + conditions("", words, room, before, true, params) + ")\n" + sql.replace(from, "from hits m\n");
        }
        StringBuilder full = new StringBuilder(sql).append("""
                 where m.deleted = false
                   and (exists (select 1 from rooms pr where pr.id = m.room_id and pr.kind = 'public')
                        or exists (select 1 from room_members rm where rm.room_id = m.room_id and rm.user_id = ?))""");
        params.add(userid);
        if (step != Step.INDEXED) {
            full.append(conditions("m.", words, room, before, false, params));
        }
        full.append(" order by ").append(room != null ? "m.id desc" : "m.ts desc, m.room_id, m.id desc").append(" limit ?");
        params.add(limit);
        return new SearchQuery(full.toString(), params);
    }

    /** Every word a substring of the lowercased text; in the room; before the page (by id in a room, else by ts). */
    private static String conditions(String m, List<String> words, String room, Long before, boolean bigrams, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        for (String word : words) {
            sql.append(" and lower(").append(m).append("text) like ? escape '!'");
            params.add("%" + word.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            if (bigrams && word.codePointCount(0, word.length()) == 2) {
                // no trigram in two characters: the bigram index finds them (the LIKE above stays the rule)
                sql.append(" and search_bigrams(lower(").append(m).append("text)) @> array[cast(? as text)]");
                params.add(word);
            }
        }
        if (room != null) {
            sql.append(" and ").append(m).append("room_id = ?");
            params.add(room);
        }
        if (before != null) {
            sql.append(" and ").append(m).append(room != null ? "id < ?" : "ts < ?");
            params.add(before);
        }
        return sql.toString();
    }

    /**
     * For the rest of the caller's transaction on PostgreSQL: a plan made for each search's own values (a generic plan,
     * which the driver's prepared statements get after a few runs, takes lobby for an average room and reads all of it),
     * and no JIT compilation (tens of milliseconds each time, more than these queries take).
     */
    void searchSettings() {
        jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)")
                .query((rs, n) -> 1).list();
    }

    /** Whether the room has no more messages (before {@code before}) than the first step of a search reads. */
    private boolean recentWindowHoldsAll(String room, Long before) {
        // ids are 1, 2, ... per room: there are at most last_message_id of them, and fewer below before
        long last = jdbc.sql("select last_message_id from rooms where id = ?").param(room).query(Long.class).optional().orElse(0L);
        return Math.min(last, before == null ? Long.MAX_VALUE : before - 1) <= RECENT_WINDOW;
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            try {
                known = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName).equals("PostgreSQL");
            } catch (org.springframework.jdbc.support.MetaDataAccessException e) {
                throw new IllegalStateException("cannot tell which database this is", e);
            }
            postgres = known;
        }
        return known;
    }

    /**
     * Messages, newest first, in rooms the user may read (public ones and theirs), not deleted, whose lowercased text
     * contains every word; within {@code room} (paged by id) or across rooms (paged by timestamp). Runs in the caller's
     * transaction (on PostgreSQL it changes settings for the rest of it).
     */
    List<ChatMessage> search(String userid, List<String> words, String room, Long before, int limit) {
        if (postgres()) {
            searchSettings();
        }
        List<SearchQuery> steps = searchQueries(userid, words, room, before, limit);
        List<ChatMessage> found = List.of();
        for (int i = 0; i < steps.size(); i++) {
            found = jdbc.sql(steps.get(i).sql()).params(steps.get(i).params()).query(this::map).list();
            if (found.size() >= limit || i < steps.size() - 1 && room != null && recentWindowHoldsAll(room, before)) {
                break;
            }
        }
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
