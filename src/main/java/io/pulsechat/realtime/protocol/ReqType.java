package io.pulsechat.realtime.protocol;

import java.util.Optional;

/** {@code req_type}: what a client's text frame asks for (docs/protocol.md, "Client frames"). */
public enum ReqType {
    PING(1), SEND(2), JOIN(3), LEAVE(4), TYPING(5), RESUME(6), HEARTBEAT(8), EDIT(9), DELETE(10), REACT(11), READ(12);

    private final int code;

    ReqType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ReqType> of(int code) {
        for (ReqType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
