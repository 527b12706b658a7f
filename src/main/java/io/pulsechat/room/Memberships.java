package io.pulsechat.room;

import java.time.Clock;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.pulsechat.account.Admins;

/**
 * Who belongs to which room (docs/protocol.md section 9): membership is per user and persistent, with a role ({@code owner}
 * or {@code member}) and a read marker.
 */
@Service
public class Memberships {

    public static final String OWNER = "owner";
    public static final String MEMBER = "member";

    private final JdbcClient jdbc;
    private final Admins admins;
    private final Clock clock;

    Memberships(JdbcClient jdbc, Admins admins, Clock clock) {
        this.jdbc = jdbc;
        this.admins = admins;
        this.clock = clock;
    }

    /** The room's kind ({@code public}, {@code private}, {@code direct}), or empty if there is no such room. */
    public Optional<String> kind(String room) {
        return jdbc.sql("select kind from rooms where id = ?").param(room).query(String.class).optional();
    }

    /** Whether the user may see the room at all: it is public, or they are a member. */
    public boolean mayRead(String room, String userid) {
        return kind(room).map(kind -> "public".equals(kind) || isMember(room, userid)).orElse(false);
    }

    /** The members' userids, oldest first. */
    public java.util.List<String> members(String room) {
        return jdbc.sql("select user_id from room_members where room_id = ? order by joined_at, user_id").param(room)
                .query(String.class).list();
    }

    public Optional<String> role(String room, String userid) {
        return jdbc.sql("select role from room_members where room_id = ? and user_id = ?").params(room, userid)
                .query(String.class).optional();
    }

    public boolean isMember(String room, String userid) {
        return role(room, userid).isPresent();
    }

    /** Makes the user a member (no-op if they are one); true when they were not. */
    public boolean add(String room, String userid, String role) {
        if (isMember(room, userid)) {
            return false;
        }
        try {
            jdbc.sql("insert into room_members (room_id, user_id, role, joined_at, last_read) values (?, ?, ?, ?, 0)")
                    .params(room, userid, role, clock.millis()).update();
            return true;
        } catch (DuplicateKeyException raced) {
            return false; // another session (or node) made them a member at the same moment
        }
    }

    /** The room's owner or an admin: may delete any message, change or delete the room, remove members. */
    public boolean mayModerate(String room, String userid) {
        return role(room, userid).filter(OWNER::equals).isPresent() || admins.isAdmin(userid);
    }

    /**
     * Moves the user's read marker forward to {@code id} (never back, never past the room's newest message).
     *
     * @return the marker after the move, or empty if it did not move
     */
    public Optional<Long> markRead(String room, String userid, long id) {
        int moved = jdbc.sql("""
                update room_members set last_read = (select case when r.last_message_id < ? then r.last_message_id else ? end
                                                     from rooms r where r.id = room_members.room_id)
                where room_id = ? and user_id = ? and last_read < ?
                  and last_read < (select r.last_message_id from rooms r where r.id = room_members.room_id)""")
                .params(id, id, room, userid, id).update();
        if (moved == 0) {
            return Optional.empty();
        }
        return jdbc.sql("select last_read from room_members where room_id = ? and user_id = ?").params(room, userid)
                .query(Long.class).optional();
    }
}
