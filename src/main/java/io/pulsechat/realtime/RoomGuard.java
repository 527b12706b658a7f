package io.pulsechat.realtime;

import org.springframework.stereotype.Component;

import io.pulsechat.realtime.protocol.ErrorCode;
import io.pulsechat.realtime.protocol.ProtocolError;
import io.pulsechat.room.Memberships;

/**
 * The room checks requests share. A private or direct room does not exist for anyone who is not a member
 * (docs/protocol.md section 9): they get {@code no_such_room}, exactly as for a room that does not exist.
 */
@Component
class RoomGuard {

    private final Memberships memberships;
    private final Hub hub;

    RoomGuard(Memberships memberships, Hub hub) {
        this.memberships = memberships;
        this.hub = hub;
    }

    /** The room exists and the user may read it; else {@code no_such_room}. */
    void requireReadable(ChatSession session, String room) {
        if (!memberships.mayRead(room, session.userid())) {
            throw new ProtocolError(ErrorCode.NO_SUCH_ROOM, "no room '" + room + "'");
        }
    }

    /** The session joined the room; else {@code not_member}, or {@code no_such_room} when the user cannot see it. */
    void requireSubscribed(ChatSession session, String room) {
        if (!hub.isSubscribed(session, room)) {
            requireReadable(session, room);
            throw new ProtocolError(ErrorCode.NOT_MEMBER, "join room '" + room + "' first");
        }
    }
}
