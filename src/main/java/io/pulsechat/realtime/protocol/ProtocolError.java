package io.pulsechat.realtime.protocol;

/**
 * A request the server answers with a {@code resp_type} 9 error frame; the connection stays open. Carries what is
 * known of the request it answers, to echo back ({@code req_type}, {@code client_msg_id}).
 */
public final class ProtocolError extends RuntimeException {

    private final ErrorCode code;
    private final Object reqType;
    private final String clientMsgId;

    public ProtocolError(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    private ProtocolError(ErrorCode code, String message, Object reqType, String clientMsgId) {
        super(message, null, false, false);
        this.code = code;
        this.reqType = reqType;
        this.clientMsgId = clientMsgId;
    }

    /** The same error, echoing the request's {@code req_type} (as sent) and {@code client_msg_id}, where known. */
    public ProtocolError about(Object reqType, String clientMsgId) {
        return new ProtocolError(code, getMessage(), this.reqType != null ? this.reqType : reqType,
                this.clientMsgId != null ? this.clientMsgId : clientMsgId);
    }

    public ErrorCode code() {
        return code;
    }

    public Object reqType() {
        return reqType;
    }

    public String clientMsgId() {
        return clientMsgId;
    }
}
