package io.pulsechat.realtime;

import org.springframework.stereotype.Component;

import io.pulsechat.realtime.protocol.ErrorCode;
import io.pulsechat.realtime.protocol.ProtocolError;
import io.pulsechat.room.Rooms;

/** The room checks requests share: the room exists, the session has joined it. */
@Component
class RoomGuard {

    private final Rooms rooms;
    private final Hub hub;

    RoomGuard(Rooms rooms, Hub hub) {
        this.rooms = rooms;
        this.hub = hub;
    }

    void requireExists(String room) {
        if (!rooms.exists(room)) {
            throw new ProtocolError(ErrorCode.NO_SUCH_ROOM, "no room '" + room + "'");
        }
    }

    /** The session joined the room; else {@code not_member}, or {@code no_such_room} when there is no such room. */
    void requireSubscribed(ChatSession session, String room) {
        if (!hub.isSubscribed(session, room)) {
            requireExists(room);
            throw new ProtocolError(ErrorCode.NOT_MEMBER, "join room '" + room + "' first");
        }
    }
}
