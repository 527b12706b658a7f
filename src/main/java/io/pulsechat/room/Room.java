package io.pulsechat.room;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A room as REST and room change events show it (docs/protocol.md section 9). The caller's fields ({@code member},
 * {@code lastRead}, {@code unread}, {@code mentions}) are there when the room is shown to one user, absent in events.
 *
 * @param kind {@code public}, {@code private} or {@code direct}
 * @param name empty for a direct room: clients show the other member's name, which {@code peer} gives
 * @param createdBy absent for rooms from before version 2
 * @param peer for a direct room shown to one of its members: the other member (themself for a room of one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Room(String id, String name, String kind, String topic, long createdAt, String createdBy, Integer memberCount,
                   Boolean member, Long lastRead, Long unread, Long mentions, Peer peer) {

    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";
    public static final String DIRECT = "direct";

    /** The other member of a direct room. */
    public record Peer(String userid, String displayName) {
    }

    /** The room without anyone's own fields (for events). */
    Room general() {
        return new Room(id, name, kind, topic, createdAt, createdBy, memberCount, null, null, null, null, null);
    }

    boolean isPublic() {
        return PUBLIC.equals(kind);
    }
}
