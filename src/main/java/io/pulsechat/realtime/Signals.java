package io.pulsechat.realtime;

import java.time.Clock;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

import io.pulsechat.account.LoggedOut;
import io.pulsechat.account.Tokens;
import io.pulsechat.realtime.protocol.CloseCode;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame;

/** Carries out {@link Signal}s for this node's sessions and hands them to the {@link Bus} for the other nodes. */
@Component
class Signals {

    private final SessionRegistry registry;
    private final Hub hub;
    private final Bus bus;
    private final FrameEncoder frames;
    private final Clock clock;
    private final Tokens tokens;

    Signals(SessionRegistry registry, Hub hub, Bus bus, FrameEncoder frames, Clock clock, Tokens tokens) {
        this.registry = registry;
        this.hub = hub;
        this.bus = bus;
        this.frames = frames;
        this.clock = clock;
        this.tokens = tokens;
    }

    /** Here and on every other node. */
    void send(Signal signal) {
        carryOut(signal);
        bus.publish(signal);
    }

    /** This node's part of a signal (also for signals from other nodes). */
    void carryOut(Signal signal) {
        long now = clock.millis();
        if (signal.closeCode() != null && signal.users() != null) {
            // a logout or ban: what this node remembers of the user's tokens goes too
            signal.users().forEach(tokens::forget);
        }
        TextMessage frame = signal.frame() == null ? null : new TextMessage(signal.frame());
        for (ChatSession session : signal.users() != null && signal.users().size() == 1
                ? registry.ofUser(signal.users().iterator().next()) : registry.all()) {
            if (!signal.isFor(session)) {
                continue;
            }
            if (signal.unsubscribe() != null && hub.isSubscribed(session, signal.unsubscribe())) {
                hub.leave(session, signal.unsubscribe(), now);
            }
            if (frame != null) {
                session.send(frame, now);
            }
            if (signal.closeCode() != null) {
                session.close(new org.springframework.web.socket.CloseStatus(signal.closeCode(), signal.closeReason()));
            }
        }
    }

    /** resp_type 13 to the user's other sessions. */
    void readMarker(String userid, String room, long lastRead, ChatSession from) {
        send(Signal.frame(Set.of(userid), frames.text(new ServerFrame.ReadMarker(room, lastRead)).getPayload(), from.id()));
    }

    /** Logout (and a password change): every session of the user, on every node, closes with 4401. */
    @EventListener
    void loggedOut(LoggedOut event) {
        send(Signal.close(event.userid(), CloseCode.AUTH_ENDED.code(), "authentication ended"));
    }
}
