package io.pulsechat.realtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

import io.pulsechat.message.ChatMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Encodes server-to-client frames (PROTOCOL section 5) and decodes the binary attachment layout (section 6). */
@Component
class Frames {

    static final int PONG = 1, MESSAGE = 2, ROOM_EVENT = 3, ACK = 4, WELCOME = 5, RESUME_DONE = 6, HEARTBEAT = 8, ERROR = 9;

    private final JsonMapper json;

    Frames(JsonMapper json) {
        this.json = json;
    }

    JsonNode parse(String text) {
        return json.readTree(text);
    }

    TextMessage welcome(ChatSession session, HeartbeatProperties heartbeat, long now) {
        ObjectNode frame = frame(WELCOME);
        frame.put("session_id", session.id());
        ObjectNode user = frame.putObject("user");
        user.put("userid", session.user().userid());
        user.put("username", session.user().username());
        user.put("display_name", session.user().displayName());
        user.put("platform", session.platform());
        frame.put("protocol", session.protocol());
        ObjectNode beat = frame.putObject("heartbeat");
        beat.put("send_after_s", heartbeat.clientSendAfter().toSeconds());
        beat.put("timeout_s", heartbeat.clientTimeout().toSeconds());
        frame.put("server_time", now);
        return text(frame);
    }

    TextMessage pong(JsonNode timestamp, long now) {
        ObjectNode frame = frame(PONG);
        frame.set("timestamp", timestamp);
        frame.put("server_time", now);
        return text(frame);
    }

    /** Answer to a client heartbeat when {@code reqNo} is given, else the server's own downstream heartbeat. */
    TextMessage heartbeat(String reqNo, long now) {
        ObjectNode frame = frame(HEARTBEAT);
        if (reqNo != null) {
            frame.put("req_no", reqNo);
        }
        frame.put("server_time", now);
        return text(frame);
    }

    ObjectNode messageNode(ChatMessage message, boolean replay) {
        ObjectNode frame = frame(MESSAGE);
        frame.setAll((ObjectNode) json.valueToTree(message));
        if (replay) {
            frame.put("replay", true);
        }
        return frame;
    }

    TextMessage message(ChatMessage message, boolean replay) {
        return text(messageNode(message, replay));
    }

    /** The inline attachment frame: 4-byte big-endian header length, the resp_type 2 object as header, the bytes. */
    byte[] inlineAttachment(ChatMessage message, byte[] bytes) {
        byte[] header = json.writeValueAsBytes(messageNode(message, false));
        return ByteBuffer.allocate(4 + header.length + bytes.length).putInt(header.length).put(header).put(bytes).array();
    }

    TextMessage roomEvent(String room, String event, ChatSession who, List<ChatSession> online) {
        ObjectNode frame = frame(ROOM_EVENT);
        frame.put("room", room);
        frame.put("event", event);
        putUser(frame.putObject("user"), who);
        if (online != null) {
            ArrayNode list = frame.putArray("online");
            online.forEach(s -> putUser(list.addObject(), s));
        }
        return text(frame);
    }

    private static void putUser(ObjectNode node, ChatSession s) {
        node.put("userid", s.user().userid());
        node.put("display_name", s.user().displayName());
        node.put("platform", s.platform());
    }

    TextMessage ack(ChatMessage message) {
        ObjectNode frame = frame(ACK);
        frame.put("client_msg_id", message.clientMsgId());
        frame.put("id", message.id());
        frame.put("ts", message.ts());
        frame.put("room", message.room());
        return text(frame);
    }

    TextMessage resumeDone(String room, boolean complete) {
        ObjectNode frame = frame(RESUME_DONE);
        frame.put("room", room);
        frame.put("complete", complete);
        return text(frame);
    }

    TextMessage error(ProtocolError error) {
        ObjectNode frame = frame(ERROR);
        frame.put("code", error.code());
        frame.put("message", error.getMessage());
        if (error.reqType() != null) {
            frame.set("req_type", error.reqType());
        }
        if (error.clientMsgId() != null) {
            frame.put("client_msg_id", error.clientMsgId());
        }
        return text(frame);
    }

    /** A client's attachment frame: its JSON header and the file's bytes. */
    record Upload(JsonNode header, byte[] bytes) {
    }

    /** @throws ProtocolError bad_request when the layout or the header is malformed */
    Upload upload(ByteBuffer payload) {
        if (payload.remaining() < 4) {
            throw new ProtocolError("bad_request", "binary frame shorter than its 4-byte header length");
        }
        int n = payload.getInt();
        if (n <= 0 || n > payload.remaining()) {
            throw new ProtocolError("bad_request", "binary frame header length out of range");
        }
        byte[] header = new byte[n];
        payload.get(header);
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        JsonNode node;
        try {
            node = json.readTree(new String(header, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ProtocolError("bad_json", "binary frame header is not JSON");
        }
        if (!node.isObject()) {
            throw new ProtocolError("bad_json", "binary frame header is not a JSON object");
        }
        return new Upload(node, bytes);
    }

    private ObjectNode frame(int respType) {
        ObjectNode frame = json.createObjectNode();
        frame.put("resp_type", respType);
        return frame;
    }

    private TextMessage text(ObjectNode frame) {
        return new TextMessage(json.writeValueAsString(frame));
    }
}
