package io.pulsechat.realtime.protocol;

/** {@code resp_type}: what a server's text frame carries (docs/protocol.md, "Server frames"). */
public enum RespType {
    PONG(1), MESSAGE(2), ROOM_EVENT(3), ACK(4), WELCOME(5), RESUME_DONE(6), HEARTBEAT(8), ERROR(9),
    MESSAGE_UPDATE(10), NOTIFY(11), ROOM_CHANGE(12), READ_MARKER(13);

    private final int code;

    RespType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
