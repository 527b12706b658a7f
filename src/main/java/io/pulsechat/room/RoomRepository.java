package io.pulsechat.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.pulsechat.shared.Unicode;

/** SQL for rooms and their members. Writes run in the caller's transaction. */
@Repository
class RoomRepository {

    private static final String ROOM = """
            select r.id, r.name, r.kind, r.topic, r.created_at, r.created_by,
                   (select count(*) from room_members c where c.room_id = r.id) as member_count
            from rooms r""";

    /** A member's view: the room plus their read marker, unread and mentions (messages by others, not deleted). */
    private static final String MINE = """
            select r.id, r.name, r.kind, r.topic, r.created_at, r.created_by,
                   (select count(*) from room_members c where c.room_id = r.id) as member_count,
                   rm.last_read,
                   (select count(*) from messages m where m.room_id = r.id and m.id > rm.last_read
                      and m.user_id <> rm.user_id and m.deleted = false) as unread,
                   (select count(*) from message_mentions mm join messages m on m.room_id = mm.room_id and m.id = mm.message_id
                      where mm.room_id = r.id and mm.user_id = rm.user_id and mm.message_id > rm.last_read
                        and m.user_id <> rm.user_id and m.deleted = false) as mentions,
                   (select coalesce(min(case when o.user_id <> rm.user_id then o.user_id end), min(o.user_id))
                      from room_members o where o.room_id = r.id) as peer_id
            from rooms r join room_members rm on rm.room_id = r.id and rm.user_id = ?""";

    private final JdbcClient jdbc;

    RoomRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Room> find(String id) {
        return jdbc.sql(ROOM + " where r.id = ?").param(id).query(this::room).optional();
    }

    /** The room as its member sees it; empty when they are not one. */
    Optional<Room> findFor(String id, String userid) {
        return jdbc.sql(MINE + " where r.id = ?").params(userid, id).query(this::mine).optional().map(this::withPeer);
    }

    /** The user's rooms: lobby first, then by name (direct rooms by the other member's name). */
    List<Room> listFor(String userid) {
        return jdbc.sql(MINE + " order by case when r.id = 'lobby' then 0 else 1 end, r.created_at, r.id").param(userid)
                .query(this::mine).list().stream().map(this::withPeer).toList();
    }

    /** Public rooms by id after {@code after}, whose id or name contains {@code q} (any case). */
    List<Room> publicRooms(String q, String after, int limit) {
        StringBuilder sql = new StringBuilder(ROOM).append(" where r.kind = 'public'");
        var params = new java.util.ArrayList<Object>();
        if (q != null && !q.isBlank()) {
            String like = "%" + q.strip().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            sql.append(" and (lower(r.id) like ? escape '!' or lower(r.name) like ? escape '!')");
            params.add(like);
            params.add(like);
        }
        if (after != null) {
            sql.append(" and r.id > ?");
            params.add(after);
        }
        sql.append(" order by r.id limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::room).list();
    }

    void insert(String id, String name, String kind, String topic, long createdAt, String createdBy, String directKey) {
        jdbc.sql("""
                insert into rooms (id, name, kind, topic, created_at, created_by, last_message_id, last_rev, direct_key)
                values (?, ?, ?, ?, ?, ?, 0, 0, ?)""").params(id, name, kind, topic, createdAt, createdBy, directKey).update();
    }

    Optional<String> directRoom(String directKey) {
        return jdbc.sql("select id from rooms where direct_key = ?").param(directKey).query(String.class).optional();
    }

    void update(String id, String name, String topic) {
        if (name != null) {
            jdbc.sql("update rooms set name = ? where id = ?").params(name, id).update();
        }
        if (topic != null) {
            jdbc.sql("update rooms set topic = ? where id = ?").params(topic, id).update();
        }
    }

    /** Deletes the room and everything in it: reactions, mentions, messages, their attachments, members. */
    void delete(String id) {
        jdbc.sql("delete from reactions where room_id = ?").param(id).update();
        jdbc.sql("delete from message_mentions where room_id = ?").param(id).update();
        List<Long> attachments = jdbc.sql("select attachment_id from messages where room_id = ? and attachment_id is not null")
                .param(id).query(Long.class).list();
        jdbc.sql("delete from messages where room_id = ?").param(id).update();
        for (Long attachment : attachments) {
            jdbc.sql("delete from attachments where id = ?").param(attachment).update();
        }
        jdbc.sql("delete from room_members where room_id = ?").param(id).update();
        jdbc.sql("delete from rooms where id = ?").param(id).update();
    }

    /** A member of the room's list. */
    record MemberRow(String userid, String username, String displayName, String role) {
    }

    List<MemberRow> members(String room, String after, int limit) {
        return jdbc.sql("""
                select u.id, u.username, u.display_name, rm.role from room_members rm join users u on u.id = rm.user_id
                where rm.room_id = ?""" + (after != null ? " and u.id > ?" : "") + " order by u.id limit ?")
                .params(after != null ? List.of(room, after, limit) : List.of(room, limit))
                .query((rs, n) -> new MemberRow(rs.getString(1), rs.getString(2), Unicode.scrub(rs.getString(3)), rs.getString(4)))
                .list();
    }

    boolean removeMember(String room, String userid) {
        return jdbc.sql("delete from room_members where room_id = ? and user_id = ?").params(room, userid).update() > 0;
    }

    boolean userExists(String userid) {
        return jdbc.sql("select count(*) from users where id = ?").param(userid).query(Integer.class).single() > 0;
    }

    private Room room(ResultSet rs, int n) throws SQLException {
        return new Room(rs.getString("id"), Unicode.scrub(rs.getString("name")), rs.getString("kind"),
                Unicode.scrub(rs.getString("topic")), rs.getLong("created_at"), rs.getString("created_by"), rs.getInt("member_count"),
                null, null, null, null, null);
    }

    private record Mine(Room room, String peerId) {
    }

    private Mine mine(ResultSet rs, int n) throws SQLException {
        Room r = room(rs, n);
        return new Mine(new Room(r.id(), r.name(), r.kind(), r.topic(), r.createdAt(), r.createdBy(), r.memberCount(), true,
                rs.getLong("last_read"), rs.getLong("unread"), rs.getLong("mentions"), null), rs.getString("peer_id"));
    }

    private Room withPeer(Mine mine) {
        Room r = mine.room();
        if (!Room.DIRECT.equals(r.kind()) || mine.peerId() == null) {
            return r;
        }
        String name = jdbc.sql("select display_name from users where id = ?").param(mine.peerId()).query(String.class).optional().orElse("");
        return new Room(r.id(), r.name(), r.kind(), r.topic(), r.createdAt(), r.createdBy(), r.memberCount(), r.member(),
                r.lastRead(), r.unread(), r.mentions(), new Room.Peer(mine.peerId(), Unicode.scrub(name)));
    }
}
