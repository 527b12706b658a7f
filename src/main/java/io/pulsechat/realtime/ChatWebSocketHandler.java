package io.pulsechat.realtime;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import io.pulsechat.realtime.protocol.CloseCode;

/**
 * The chat endpoint: dispatch only. Tomcat calls it for one session at a time; every answer goes through
 * {@link ChatSession#send}, which never blocks this (container) thread.
 */
@Component
class ChatWebSocketHandler extends AbstractWebSocketHandler implements SubProtocolCapable {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private final Connections connections;
    private final RequestRouter router;
    private final LimitsProperties limits;
    private final Clock clock;

    ChatWebSocketHandler(Connections connections, RequestRouter router, LimitsProperties limits, Clock clock) {
        this.connections = connections;
        this.router = router;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public List<String> getSubProtocols() {
        return HandshakeChecks.PROTOCOLS;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        connections.opened(raw);
    }

    /** Parts of a longer message are assembled by the session's {@link Fragments}; Tomcat's buffers stay small. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        ChatSession session = connections.live(raw);
        if (session == null) {
            return;
        }
        long now = clock.millis();
        session.received(now);
        String text;
        try {
            text = session.fragments().text(message.getPayload(), message.isLast(), limits.textMessageMax().toBytes());
        } catch (Fragments.TooBig e) {
            session.close(CloseCode.TOO_BIG, "text frame larger than allowed");
            return;
        }
        if (text != null) {
            router.text(session, text, now);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession raw, BinaryMessage message) {
        ChatSession session = connections.live(raw);
        if (session == null) {
            return;
        }
        long now = clock.millis();
        session.received(now);
        if (!session.superchat()) {
            session.close(CloseCode.UNSUPPORTED_DATA, "binary frames need the superchat subprotocol");
            return;
        }
        java.nio.ByteBuffer whole;
        try {
            whole = session.fragments().binary(message.getPayload(), message.isLast(), raw.getBinaryMessageSizeLimit());
        } catch (Fragments.TooBig e) {
            session.close(CloseCode.TOO_BIG, "binary frame larger than allowed");
            return;
        }
        if (whole != null) {
            router.binary(session, whole, now);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        connections.closed(raw, status);
    }

    @Override
    public void handleTransportError(WebSocketSession raw, Throwable exception) {
        log.debug("transport error on session {}: {}", raw.getId(), exception.toString());
    }
}
