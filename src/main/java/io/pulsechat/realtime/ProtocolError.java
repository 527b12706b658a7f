package io.pulsechat.realtime;

import tools.jackson.databind.JsonNode;

/**
 * A request the server answers with {@code resp_type} 9; the connection stays open.
 * Codes: bad_json, unknown_type, bad_request, no_such_room, not_member, unsupported, rate_limited.
 */
final class ProtocolError extends RuntimeException {

    private final String code;
    private final JsonNode reqType;
    private final String clientMsgId;

    ProtocolError(String code, String message) {
        this(code, message, null, null);
    }

    ProtocolError(String code, String message, JsonNode reqType, String clientMsgId) {
        super(message, null, false, false);
        this.code = code;
        this.reqType = reqType;
        this.clientMsgId = clientMsgId;
    }

    /** The same error, echoing what is known of the request it answers. */
    ProtocolError about(JsonNode reqType, String clientMsgId) {
        return new ProtocolError(code, getMessage(), reqType, clientMsgId);
    }

    String code() {
        return code;
    }

    JsonNode reqType() {
        return reqType;
    }

    String clientMsgId() {
        return clientMsgId;
    }
}
