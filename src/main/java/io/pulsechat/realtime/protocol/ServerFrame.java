package io.pulsechat.realtime.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.pulsechat.message.ChatMessage;
import tools.jackson.databind.JsonNode;

/**
 * A frame the server sends, as Jackson writes it: {@code resp_type} first, then the record's components in
 * snake_case; absent (null) fields are left out. One record per {@code resp_type} (docs/protocol.md).
 */
@JsonPropertyOrder({"resp_type"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerFrame {

    @JsonIgnore
    RespType type();

    @JsonProperty("resp_type")
    default int respType() {
        return type().code();
    }

    /** Who is present or typing: a user and the platform of the session that made them so. */
    record UserRef(String userid, String displayName, String platform) {
    }

    /** The welcome's {@code user}. */
    record WelcomeUser(String userid, String username, String displayName, String platform) {
    }

    /** resp_type 1: the ping's {@code timestamp} echoed as it came. */
    record Pong(JsonNode timestamp, long serverTime) implements ServerFrame {
        public RespType type() {
            return RespType.PONG;
        }
    }

    /** resp_type 2: a message; {@code replay} is true when resumed, absent otherwise. */
    record Message(@JsonUnwrapped ChatMessage message, Boolean replay) implements ServerFrame {
        public RespType type() {
            return RespType.MESSAGE;
        }
    }

    /** resp_type 3: presence and typing; {@code online} only for the session that joined. */
    record RoomEvent(String room, String event, UserRef user, List<UserRef> online) implements ServerFrame {
        public RespType type() {
            return RespType.ROOM_EVENT;
        }
    }

    /** resp_type 4: the message is stored. */
    record Ack(String clientMsgId, long id, long ts, String room) implements ServerFrame {
        public RespType type() {
            return RespType.ACK;
        }
    }

    /** resp_type 5: the first frame; carries the catalogue of client limits. */
    record Welcome(String sessionId, WelcomeUser user, String protocol, ClientLimits.Heartbeat heartbeat,
                   ClientLimits.Reconnect reconnect, ClientLimits.Limits limits, long serverTime) implements ServerFrame {
        public RespType type() {
            return RespType.WELCOME;
        }
    }

    /** resp_type 6: the end of a resume; {@code rev} is the room's revision when resumed by {@code since_rev}. */
    record ResumeDone(String room, boolean complete, Long rev) implements ServerFrame {
        public RespType type() {
            return RespType.RESUME_DONE;
        }
    }

    /** resp_type 8: the answer to a heartbeat ({@code req_no} echoed) or the server's own (no {@code req_no}). */
    record Heartbeat(String reqNo, long serverTime) implements ServerFrame {
        public RespType type() {
            return RespType.HEARTBEAT;
        }
    }

    /** resp_type 9; {@code req_type} is echoed as the client sent it. */
    record Error(String code, String message, Object reqType, String clientMsgId) implements ServerFrame {
        public RespType type() {
            return RespType.ERROR;
        }

        public static Error of(ProtocolError error) {
            return new Error(error.code().wire(), error.getMessage(), error.reqType(), error.clientMsgId());
        }
    }

    /** resp_type 10: a message changed (edit, delete, reaction): the whole message as it now is, with its {@code rev}. */
    record MessageUpdate(@JsonUnwrapped ChatMessage message) implements ServerFrame {
        public RespType type() {
            return RespType.MESSAGE_UPDATE;
        }
    }

    /** resp_type 11: a mention or a direct message, for a session not subscribed to the room. */
    record Notify(String room, ChatMessage message) implements ServerFrame {
        public RespType type() {
            return RespType.NOTIFY;
        }
    }

    /** resp_type 12: a room was created, updated, deleted, or the user was added to or removed from it. */
    record RoomChange(String event, Object room) implements ServerFrame {
        public RespType type() {
            return RespType.ROOM_CHANGE;
        }
    }

    /** resp_type 13: the user's read marker moved (sent to their other sessions). */
    record ReadMarker(String room, long lastRead) implements ServerFrame {
        public RespType type() {
            return RespType.READ_MARKER;
        }
    }
}
