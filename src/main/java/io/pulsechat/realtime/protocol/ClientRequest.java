package io.pulsechat.realtime.protocol;

import tools.jackson.databind.JsonNode;

/** A client's request, decoded and validated by {@link RequestDecoder}: one record per {@code req_type}. */
public sealed interface ClientRequest {

    ReqType type();

    /** The {@code client_msg_id} to echo in an error about this request, if it has one. */
    default String clientMsgId() {
        return null;
    }

    /** A request about one room. */
    sealed interface InRoom extends ClientRequest {
        String room();
    }

    /** req_type 1: {@code timestamp} is echoed as sent (any JSON number). */
    record Ping(JsonNode timestamp) implements ClientRequest {
        public ReqType type() {
            return ReqType.PING;
        }
    }

    /** req_type 8: the seed's heartbeat; {@code req_no} echoed. */
    record Heartbeat(String reqNo) implements ClientRequest {
        public ReqType type() {
            return ReqType.HEARTBEAT;
        }
    }

    /** req_type 2; {@code replyTo} is null or the id of a message in the same room. */
    record Send(String room, String text, String clientMsgId, Long replyTo) implements InRoom {
        public ReqType type() {
            return ReqType.SEND;
        }
    }

    /** An attachment: one binary frame on {@code superchat} (section 6). */
    record Upload(String room, String name, String contentType, String clientMsgId, byte[] bytes) implements InRoom {
        public ReqType type() {
            return ReqType.SEND;
        }
    }

    record Join(String room) implements InRoom {
        public ReqType type() {
            return ReqType.JOIN;
        }
    }

    record Leave(String room) implements InRoom {
        public ReqType type() {
            return ReqType.LEAVE;
        }
    }

    record Typing(String room) implements InRoom {
        public ReqType type() {
            return ReqType.TYPING;
        }
    }

    /** req_type 6: exactly one of {@code after} (a message id) and {@code sinceRev} (a room revision). */
    record Resume(String room, Long after, Long sinceRev) implements InRoom {
        public ReqType type() {
            return ReqType.RESUME;
        }
    }

    record Edit(String room, long id, String text) implements InRoom {
        public ReqType type() {
            return ReqType.EDIT;
        }
    }

    record Delete(String room, long id) implements InRoom {
        public ReqType type() {
            return ReqType.DELETE;
        }
    }

    record React(String room, long id, String emoji, boolean add) implements InRoom {
        public ReqType type() {
            return ReqType.REACT;
        }
    }

    record Read(String room, long id) implements InRoom {
        public ReqType type() {
            return ReqType.READ;
        }
    }
}
