package io.pulsechat.realtime;

import org.springframework.stereotype.Component;

import io.pulsechat.realtime.protocol.ClientRequest.Join;
import io.pulsechat.realtime.protocol.ClientRequest.Leave;
import io.pulsechat.realtime.protocol.ClientRequest.Typing;
import io.pulsechat.realtime.protocol.ErrorCode;
import io.pulsechat.realtime.protocol.ProtocolError;

/** req_type 3 (join), 4 (leave) and 5 (typing): subscriptions and presence, through the {@link Hub}. */
@Component
class RoomRequests {

    private final Hub hub;
    private final RoomGuard guard;

    RoomRequests(Hub hub, RoomGuard guard) {
        this.hub = hub;
        this.guard = guard;
    }

    void join(ChatSession session, Join join, long now) {
        guard.requireExists(join.room());
        hub.join(session, join.room(), now);
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
