package io.pulsechat.realtime;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import io.pulsechat.message.AttachmentProperties;
import io.pulsechat.realtime.protocol.ClientLimits;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame;

/** Opening a session (Tomcat's per-session settings, the registry, the welcome) and forgetting a closed one. */
@Component
class Connections {

    /** Tomcat's user property bounding one blocking write to a client (see SPRING-NOTES, "Sending"). */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final SessionRegistry registry;
    private final Hub hub;
    private final FrameEncoder frames;
    private final ClientLimits clientLimits;
    private final LimitsProperties limits;
    private final AttachmentProperties attachments;
    private final Senders senders;
    private final SessionLimit sessionLimit;
    private final Clock clock;

    Connections(SessionRegistry registry, Hub hub, FrameEncoder frames, ClientLimits clientLimits, LimitsProperties limits,
                AttachmentProperties attachments, Senders senders, SessionLimit sessionLimit, Clock clock) {
        this.registry = registry;
        this.hub = hub;
        this.frames = frames;
        this.clientLimits = clientLimits;
        this.limits = limits;
        this.attachments = attachments;
        this.senders = senders;
        this.sessionLimit = sessionLimit;
        this.clock = clock;
    }

    void opened(WebSocketSession raw) {
        if (raw instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session tomcat) {
            // a write to a client that stopped reading holds a sender thread for at most this long
            tomcat.getUserProperties().put(BLOCKING_SEND_TIMEOUT, limits.sendTimeLimit().toMillis());
        }
        // the per-session limit; a buffer of that size is allocated only on the first binary frame (WebSocketConfig)
        raw.setBinaryMessageSizeLimit(WebSocketConfig.binaryFrameMax(attachments));
        long now = clock.millis();
        Handshake handshake = Handshake.from(raw.getAttributes());
        var session = new ChatSession(raw, handshake, senders, limits, now);
        registry.add(session);
        var user = new ServerFrame.WelcomeUser(session.userid(), session.user().username(), session.user().displayName(),
                session.platform());
        session.send(frames.text(new ServerFrame.Welcome(session.id(), user, session.protocol(), clientLimits.heartbeat(),
                clientLimits.reconnect(), clientLimits.limits(), now)), now);
    }

    /** The session of a WebSocket that is open and not closing, or null. */
    ChatSession live(WebSocketSession raw) {
        ChatSession session = registry.get(raw.getId());
        return session == null || session.ignoresInput() ? null : session;
    }

    void closed(WebSocketSession raw, org.springframework.web.socket.CloseStatus status) {
        ChatSession session = registry.get(raw.getId());
        if (session == null) {
            return;
        }
        session.ended(status);
        if (registry.remove(session)) {
            sessionLimit.release(session.userid());
        }
        hub.disconnected(session, clock.millis());
    }
}
