package io.pulsechat.realtime;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import io.pulsechat.account.ChatUser;
import io.pulsechat.message.AttachmentProperties;
import io.pulsechat.message.ChatMessage;
import io.pulsechat.message.History;
import io.pulsechat.message.MessageStore;
import io.pulsechat.message.NewMessage;
import io.pulsechat.message.StoreResult;
import io.pulsechat.room.Rooms;
import tools.jackson.databind.JsonNode;

/**
 * The chat endpoint (PROTOCOL sections 4 to 7): decodes a frame, calls a feature service, answers.
 * Tomcat calls it for one session at a time; every answer goes through {@link ChatSession#send}.
 */
@Component
class ChatWebSocketHandler extends AbstractWebSocketHandler implements SubProtocolCapable {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    static final int RESUME_MAX = 500;
    static final long TYPING_EVERY_MS = 2000;

    private final SessionRegistry registry;
    private final Frames frames;
    private final MessageStore store;
    private final Rooms rooms;
    private final History history;
    private final HeartbeatProperties heartbeat;
    private final LimitsProperties limits;
    private final AttachmentProperties attachments;
    private final Senders senders;
    private final ChatMetrics metrics;
    private final Clock clock;
    private final Map<String, Long> lastTyping = new ConcurrentHashMap<>();

    ChatWebSocketHandler(SessionRegistry registry, Frames frames, MessageStore store, Rooms rooms, History history,
                         HeartbeatProperties heartbeat, LimitsProperties limits, AttachmentProperties attachments,
                         Senders senders, ChatMetrics metrics, Clock clock) {
        this.registry = registry;
        this.frames = frames;
        this.store = store;
        this.rooms = rooms;
        this.history = history;
        this.heartbeat = heartbeat;
        this.limits = limits;
        this.attachments = attachments;
        this.senders = senders;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public List<String> getSubProtocols() {
        return HandshakeChecks.PROTOCOLS;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        var attributes = raw.getAttributes();
        String accepted = raw.getAcceptedProtocol();
        String protocol = accepted == null || accepted.isEmpty() ? "chat" : accepted;
        if (raw instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session tomcat) {
            // bound a write to a client that stopped reading, so it cannot hold a sender thread for long
            tomcat.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", limits.sendTimeLimit().toMillis());
        }
        // the per-session limit; the buffer of that size is allocated lazily, on the first binary frame
        raw.setBinaryMessageSizeLimit(WebSocketConfig.binaryFrameMax(attachments));
        long now = clock.millis();
        var session = new ChatSession(raw, (ChatUser) attributes.get(HandshakeChecks.USER), protocol,
                (String) attributes.get(HandshakeChecks.VERSION), (String) attributes.get(HandshakeChecks.PLATFORM),
                senders, limits, now);
        registry.add(session);
        session.send(frames.welcome(session, heartbeat, now), now);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        ChatSession session = registry.get(raw.getId());
        if (session == null) {
            return;
        }
        session.close(status);
        long now = clock.millis();
        // presence changes and their announcements under the registry's lock, so they go out in the order they happened
        synchronized (registry) {
            for (String room : registry.remove(session)) {
                broadcast(room, frames.roomEvent(room, "left", session, null), session, now);
            }
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        ChatSession session = registry.get(raw.getId());
        if (session == null) {
            return;
        }
        long now = clock.millis();
        session.received(now);
        if (overTextLimit(message)) {
            session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("text frame larger than allowed"));
            return;
        }
        JsonNode request;
        try {
            request = frames.parse(message.getPayload());
        } catch (RuntimeException e) {
            reject(session, new ProtocolError("bad_json", "not a JSON object"), now);
            return;
        }
        if (request == null || !request.isObject()) {
            reject(session, new ProtocolError("bad_json", "not a JSON object"), now);
            return;
        }
        JsonNode type = request.get("req_type");
        JsonNode clientMsgId = request.get("client_msg_id");
        try {
            if (type == null || !type.isIntegralNumber()) {
                throw new ProtocolError("bad_request", "req_type must be an integer");
            }
            // Jackson 3's asInt() throws beyond the int range, which would close the session with 1011
            switch (type.canConvertToInt() ? type.asInt() : -1) {
                case 1 -> ping(session, request, now);
                case 2 -> send(session, request, now);
                case 3 -> join(session, request, now);
                case 4 -> leave(session, request, now);
                case 5 -> typing(session, request, now);
                case 6 -> resume(session, request, now);
                case 8 -> heartbeat(session, request, now);
                default -> throw new ProtocolError("unknown_type", "unknown req_type " + type.asString());
            }
        } catch (ProtocolError e) {
            reject(session, e.about(type, clientMsgId != null && clientMsgId.isString() ? clientMsgId.asString() : null), now);
        }
    }

    /**
     * The text limit is in bytes (PROTOCOL section 7); Tomcat's buffer counts characters, so it lets through up
     * to three times as many bytes. A UTF-16 unit is at most 3 UTF-8 bytes: only a frame longer than a third of
     * the limit needs encoding to count.
     */
    private boolean overTextLimit(TextMessage message) {
        long max = limits.textMessageMax().toBytes();
        return message.getPayload().length() * 3L > max && message.getPayloadLength() > max;
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession raw, BinaryMessage message) {
        ChatSession session = registry.get(raw.getId());
        if (session == null) {
            return;
        }
        long now = clock.millis();
        session.received(now);
        if (!session.superchat()) {
            session.close(CloseStatus.NOT_ACCEPTABLE.withReason("binary frames need the superchat subprotocol"));
            return;
        }
        String clientMsgId = null;
        try {
            Frames.Upload upload = frames.upload(message.getPayload());
            JsonNode header = upload.header();
            clientMsgId = header.path("client_msg_id").isString() ? header.get("client_msg_id").asString() : null;
            if (upload.bytes().length > attachments.maxSize().toBytes()) {
                session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("attachment larger than allowed"));
                return;
            }
            String room = string(header, "room", 1, 32);
            String name = string(header, "name", 1, 255);
            String type = header.path("type").isString() && !header.get("type").asString().isBlank()
                    ? string(header, "type", 1, 127) : "application/octet-stream";
            String id = string(header, "client_msg_id", 1, 64);
            requireMember(session, room);
            allowSend(session, now);
            store(session, new NewMessage(room, session.user().userid(), session.user().displayName(), "", id,
                    new NewMessage.NewFile(name, type, upload.bytes())), null);
        } catch (ProtocolError e) {
            reject(session, e.about(null, clientMsgId), now);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession raw, Throwable exception) {
        log.debug("transport error on session {}: {}", raw.getId(), exception.toString());
    }

    private void ping(ChatSession session, JsonNode request, long now) {
        JsonNode timestamp = request.get("timestamp");
        if (timestamp == null || !timestamp.isNumber()) {
            throw new ProtocolError("bad_request", "timestamp must be a number");
        }
        session.send(frames.pong(timestamp, now), now);
    }

    private void heartbeat(ChatSession session, JsonNode request, long now) {
        JsonNode reqNo = request.get("req_no");
        // the seed sends a string; a number is taken as its digits
        String value = reqNo != null && reqNo.isIntegralNumber() ? reqNo.asString() : string(request, "req_no", 1, 64);
        session.send(frames.heartbeat(value, now), now);
    }

    private void send(ChatSession session, JsonNode request, long now) {
        String clientMsgId = string(request, "client_msg_id", 1, 64);
        String room = string(request, "room", 1, 32);
        String text = string(request, "text", 1, 4000);
        if (text.isBlank()) {
            throw new ProtocolError("bad_request", "text must not be blank");
        }
        requireMember(session, room);
        allowSend(session, now);
        store(session, new NewMessage(room, session.user().userid(), session.user().displayName(), text, clientMsgId, null),
                request.get("req_type"));
    }

    private void store(ChatSession session, NewMessage message, JsonNode reqType) {
        store.store(message).whenComplete((StoreResult result, Throwable failure) -> {
            long at = clock.millis();
            if (failure == null) {
                session.send(frames.ack(result.message()), at);
            } else if (failure instanceof MessageStore.Overloaded) {
                reject(session, new ProtocolError("rate_limited", "server busy: message not stored, send again",
                        reqType, message.clientMsgId()), at);
            } else {
                // not stored and not acked: the client resends it with the same client_msg_id after reconnecting
                log.error("storing a message failed", failure);
                session.close(CloseStatus.SERVER_ERROR);
            }
        });
    }

    private void join(ChatSession session, JsonNode request, long now) {
        String room = string(request, "room", 1, 32);
        if (!rooms.exists(room)) {
            throw new ProtocolError("no_such_room", "no room '" + room + "'");
        }
        synchronized (registry) { // see afterConnectionClosed; sends only queue, so holding it is cheap
            boolean first = registry.join(session, room);
            session.send(frames.roomEvent(room, "joined", session, registry.presentUsers(room)), now);
            if (first) {
                broadcast(room, frames.roomEvent(room, "joined", session, null), session, now);
            }
        }
    }

    private void leave(ChatSession session, JsonNode request, long now) {
        String room = string(request, "room", 1, 32);
        requireMember(session, room);
        TextMessage left = frames.roomEvent(room, "left", session, null);
        synchronized (registry) { // see afterConnectionClosed
            boolean last = registry.leave(session, room);
            session.send(left, now);
            if (last) {
                broadcast(room, left, session, now);
            }
        }
    }

    private void typing(ChatSession session, JsonNode request, long now) {
        if (!session.superchat()) {
            throw new ProtocolError("unsupported", "typing needs the superchat subprotocol");
        }
        String room = string(request, "room", 1, 32);
        requireMember(session, room);
        String key = session.user().userid() + '\u0000' + room;
        Long previous = lastTyping.get(key);
        if (previous != null && now - previous < TYPING_EVERY_MS) {
            return; // at most one per user and room every 2 s
        }
        lastTyping.put(key, now);
        if (lastTyping.size() > 10_000) {
            lastTyping.values().removeIf(at -> now - at >= TYPING_EVERY_MS); // only recent entries matter
        }
        TextMessage typing = frames.roomEvent(room, "typing", session, null);
        for (ChatSession other : registry.inRoom(room)) {
            if (!other.user().userid().equals(session.user().userid())) {
                other.send(typing, now);
            }
        }
    }

    private void resume(ChatSession session, JsonNode request, long now) {
        String room = string(request, "room", 1, 32);
        JsonNode after = request.get("after");
        if (after == null || !after.isIntegralNumber() || !after.canConvertToLong() || after.asLong() < 0) {
            throw new ProtocolError("bad_request", "after must be a message id (0 or more)");
        }
        requireMember(session, room);
        List<ChatMessage> missed = history.after(room, after.asLong(), RESUME_MAX + 1);
        boolean complete = missed.size() <= RESUME_MAX;
        for (ChatMessage m : complete ? missed : missed.subList(0, RESUME_MAX)) {
            session.send(frames.message(m, true), now);
        }
        session.send(frames.resumeDone(room, complete), now);
    }

    private void requireMember(ChatSession session, String room) {
        if (!session.rooms().contains(room)) {
            if (!rooms.exists(room)) {
                throw new ProtocolError("no_such_room", "no room '" + room + "'");
            }
            throw new ProtocolError("not_member", "join room '" + room + "' first");
        }
    }

    private void allowSend(ChatSession session, long now) {
        switch (session.rateLimiter().tryAcquire(now)) {
            case ALLOW -> {
            }
            case REFUSE -> throw new ProtocolError("rate_limited", "too many messages: not stored, slow down");
            case ABUSE -> {
                session.close(CloseStatus.POLICY_VIOLATION.withReason("rate limit exceeded persistently"));
                throw new ProtocolError("rate_limited", "too many messages: not stored, closing");
            }
        }
    }

    private void reject(ChatSession session, ProtocolError error, long now) {
        metrics.error(error.code());
        session.send(frames.error(error), now);
    }

    private void broadcast(String room, TextMessage frame, ChatSession except, long now) {
        for (ChatSession other : registry.inRoom(room)) {
            if (other != except) {
                other.send(frame, now);
            }
        }
    }

    /** A required string field of {@code min..max} characters, else bad_request. */
    private static String string(JsonNode request, String field, int min, int max) {
        JsonNode node = request.get(field);
        if (node == null || !node.isString()) {
            throw new ProtocolError("bad_request", field + " must be a string");
        }
        String value = node.asString();
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw new ProtocolError("bad_request", field + " must be " + min + " to " + max + " characters");
        }
        return value;
    }
}
