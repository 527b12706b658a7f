package io.pulsechat.realtime;

import org.springframework.stereotype.Component;

import io.pulsechat.message.History;
import io.pulsechat.realtime.protocol.ClientRequest.Join;
import io.pulsechat.realtime.protocol.ClientRequest.Leave;
import io.pulsechat.realtime.protocol.ClientRequest.Typing;
import io.pulsechat.realtime.protocol.ErrorCode;
import io.pulsechat.realtime.protocol.ProtocolError;
import io.pulsechat.room.Memberships;

/**
 * req_type 3 (join), 4 (leave) and 5 (typing): subscriptions and presence, through the {@link Hub}. Leave only
 * unsubscribes the session; membership stays (section 9).
 */
@Component
class RoomRequests {

    private final Hub hub;
    private final RoomGuard guard;
    private final Memberships memberships;
    private final History history;
    private final RoomFeed feed;

    RoomRequests(Hub hub, RoomGuard guard, Memberships memberships, History history, RoomFeed feed) {
        this.hub = hub;
        this.guard = guard;
        this.memberships = memberships;
        this.history = history;
        this.feed = feed;
    }

    /** Subscribes the session; joining a public room also makes the user a member (section 9). */
    void join(ChatSession session, Join join, long now) {
        guard.requireReadable(session, join.room());
        memberships.add(join.room(), session.userid(), Memberships.MEMBER); // a no-op for members: private rooms need one
        History.Position before = history.position(join.room());
        hub.join(session, join.room(), now);
        feed.subscribed(join.room(), before);
    }

    void leave(ChatSession session, Leave leave, long now) {
        guard.requireSubscribed(session, leave.room());
        hub.leave(session, leave.room(), now);
    }

    void typing(ChatSession session, Typing typing, long now) {
        if (!session.superchat()) {
            throw new ProtocolError(ErrorCode.UNSUPPORTED, "typing needs the superchat subprotocol");
        }
        guard.requireSubscribed(session, typing.room());
        hub.typing(session, typing.room(), now);
    }
}
