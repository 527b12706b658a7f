package io.pulsechat.realtime.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.pulsechat.realtime.protocol.ClientRequest.Delete;
import io.pulsechat.realtime.protocol.ClientRequest.Edit;
import io.pulsechat.realtime.protocol.ClientRequest.Heartbeat;
import io.pulsechat.realtime.protocol.ClientRequest.Join;
import io.pulsechat.realtime.protocol.ClientRequest.Leave;
import io.pulsechat.realtime.protocol.ClientRequest.Ping;
import io.pulsechat.realtime.protocol.ClientRequest.React;
import io.pulsechat.realtime.protocol.ClientRequest.Read;
import io.pulsechat.realtime.protocol.ClientRequest.Resume;
import io.pulsechat.realtime.protocol.ClientRequest.Send;
import io.pulsechat.realtime.protocol.ClientRequest.Typing;
import io.pulsechat.realtime.protocol.ClientRequest.Upload;
import io.pulsechat.shared.Unicode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a client's frame into a {@link ClientRequest}, checking every field once: JSON types, lengths in code
 * points, well-formed Unicode anywhere in the frame, room ids. Anything else is a {@link ProtocolError} that echoes
 * what is known of the request. Stateless and thread-safe.
 */
public final class RequestDecoder {

    private final JsonMapper json;
    private final Set<ReqType> supported;

    /** {@code supported}: the request types this server answers; any other {@code req_type} is {@code unknown_type}. */
    public RequestDecoder(JsonMapper json, Set<ReqType> supported) {
        this.json = json;
        this.supported = Set.copyOf(supported);
    }

    /** A text frame (docs/protocol.md section 4). */
    public ClientRequest decode(String frame) {
        JsonNode request;
        try {
            request = json.readTree(frame);
        } catch (RuntimeException e) {
            throw new ProtocolError(ErrorCode.BAD_JSON, "not a JSON object");
        }
        if (request == null || !request.isObject()) {
            throw new ProtocolError(ErrorCode.BAD_JSON, "not a JSON object");
        }
        JsonNode type = request.get("req_type");
        JsonNode id = request.get("client_msg_id");
        Object echoType = type == null || !wellFormed(type) ? null : type;
        String echoId = id != null && id.isString() && Unicode.isWellFormed(id.asString()) ? id.asString() : null;
        try {
            if (!wellFormed(request)) {
                throw new ProtocolError(ErrorCode.BAD_REQUEST, "text in the frame is not well-formed Unicode (a lone surrogate)");
            }
            if (type == null || !type.isIntegralNumber()) {
                throw new ProtocolError(ErrorCode.BAD_REQUEST, "req_type must be an integer");
            }
            // beyond the int range it is no type we know (asInt() would throw)
            ReqType reqType = (type.canConvertToInt() ? ReqType.of(type.asInt()) : Optional.<ReqType>empty())
                    .filter(supported::contains)
                    .orElseThrow(() -> new ProtocolError(ErrorCode.UNKNOWN_TYPE, "unknown req_type " + type.asString()));
            return decode(reqType, new Fields(request));
        } catch (ProtocolError e) {
            throw e.about(echoType, echoId);
        }
    }

    private static ClientRequest decode(ReqType type, Fields f) {
        return switch (type) {
            case PING -> new Ping(f.number("timestamp"));
            case HEARTBEAT -> new Heartbeat(f.reqNo());
            case SEND -> {
                // checked in this order: the id first, so later errors can echo it
                String clientMsgId = f.string("client_msg_id", 1, ClientLimits.CLIENT_MSG_ID_MAX);
                yield new Send(f.room(), f.text("text"), clientMsgId, f.optionalId("reply_to"));
            }
            case JOIN -> new Join(f.room());
            case LEAVE -> new Leave(f.room());
            case TYPING -> new Typing(f.room());
            case RESUME -> {
                String room = f.room();
                Long after = f.optionalCursor("after");
                Long sinceRev = f.optionalCursor("since_rev");
                if ((after == null) == (sinceRev == null)) {
                    throw new ProtocolError(ErrorCode.BAD_REQUEST, "resume needs after (a message id, 0 or more) or since_rev");
                }
                yield new Resume(room, after, sinceRev);
            }
            case EDIT -> new Edit(f.room(), f.id("id"), f.text("text"));
            case DELETE -> new Delete(f.room(), f.id("id"));
            case REACT -> new React(f.room(), f.id("id"), f.emoji("emoji"), f.bool("add"));
            case READ -> new Read(f.room(), f.id("id"));
        };
    }

    /** An attachment frame (section 6): a 4-byte big-endian header length, a UTF-8 JSON header, the file's bytes. */
    public Upload decodeUpload(ByteBuffer payload) {
        if (payload.remaining() < 4) {
            throw new ProtocolError(ErrorCode.BAD_REQUEST, "binary frame shorter than its 4-byte header length");
        }
        int n = payload.getInt();
        if (n <= 0 || n > payload.remaining()) {
            throw new ProtocolError(ErrorCode.BAD_REQUEST, "binary frame header length out of range");
        }
        byte[] headerBytes = new byte[n];
        payload.get(headerBytes);
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        JsonNode header;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(headerBytes)).toString();
            header = json.readTree(text);
        } catch (CharacterCodingException | RuntimeException e) {
            throw new ProtocolError(ErrorCode.BAD_JSON, "binary frame header is not UTF-8 JSON");
        }
        if (header == null || !header.isObject()) {
            throw new ProtocolError(ErrorCode.BAD_JSON, "binary frame header is not a JSON object");
        }
        JsonNode id = header.get("client_msg_id");
        String echoId = id != null && id.isString() && Unicode.isWellFormed(id.asString()) ? id.asString() : null;
        try {
            if (!wellFormed(header)) {
                throw new ProtocolError(ErrorCode.BAD_REQUEST, "text in the header is not well-formed Unicode (a lone surrogate)");
            }
            Fields f = new Fields(header);
            String room = f.room();
            String name = f.string("name", 1, ClientLimits.ATTACHMENT_NAME_MAX);
            String type = f.optionalString("type", ClientLimits.ATTACHMENT_TYPE_MAX);
            String clientMsgId = f.string("client_msg_id", 1, ClientLimits.CLIENT_MSG_ID_MAX);
            return new Upload(room, name, type == null || type.isBlank() ? "application/octet-stream" : type, clientMsgId, bytes);
        } catch (ProtocolError e) {
            throw e.about(null, echoId);
        }
    }

    /** Every string in the tree, keys included, is well-formed. */
    private static boolean wellFormed(JsonNode node) {
        if (node.isString()) {
            return Unicode.isWellFormed(node.asString());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!Unicode.isWellFormed(e.getKey()) || !wellFormed(e.getValue())) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!wellFormed(element)) {
                    return false;
                }
            }
        }
        return true;
    }
}
