package io.pulsechat.realtime;

import java.util.Collection;
import java.util.Set;

/**
 * Owns room membership of this node's sessions and presence: {@code joined} when a user's first session enters a
 * room, {@code left} when the last one leaves, the {@code online} list, and typing throttles (docs/protocol.md section 5).
 * Local events come in through these methods; announcements go out as {@code resp_type} 3 frames to the sessions
 * that should see them. {@link PresenceHub} does it, with a {@link PresenceStore} that decides "first" and "last" on
 * this node alone or across the cluster ({@link RedisPresence}), which also carries announcements to the other nodes.
 */
interface Hub {

    /**
     * Subscribes the session (idempotent). Answers it {@code joined} with who is online, and tells the room's other
     * sessions {@code joined} when this is its user's first session there.
     */
    void join(ChatSession session, String room, long now);

    /** Unsubscribes; answers the session {@code left}; tells the others {@code left} when it was its user's last. */
    void leave(ChatSession session, String room, long now);

    /** The session closed: it leaves every room, announcing {@code left} where it was its user's last. */
    void disconnected(ChatSession session, long now);

    /** Tells the other users' sessions in the room that the session's user types; at most once per user, room and interval. */
    void typing(ChatSession session, String room, long now);

    boolean isSubscribed(ChatSession session, String room);

    /** The room's subscribed sessions on this node. */
    Collection<ChatSession> subscribers(String room);

    /** Rooms with subscribed sessions on this node. */
    Set<String> activeRooms();
}
