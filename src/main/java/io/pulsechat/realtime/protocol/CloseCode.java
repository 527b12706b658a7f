package io.pulsechat.realtime.protocol;

import org.springframework.web.socket.CloseStatus;

/** The close codes the server sends (docs/protocol.md, "Closing"), each with what the browser client does next. */
public enum CloseCode {
    NORMAL(1000, ClientAction.STAY),
    GOING_AWAY(1001, ClientAction.RECONNECT),
    UNSUPPORTED_DATA(1003, ClientAction.RECONNECT),
    BAD_DATA(1007, ClientAction.RECONNECT),
    POLICY(1008, ClientAction.ASK),
    TOO_BIG(1009, ClientAction.RECONNECT),
    SERVER_ERROR(1011, ClientAction.RECONNECT),
    /** The client does not read fast enough; it reconnects and resumes. */
    TRY_AGAIN_LATER(1013, ClientAction.RECONNECT),
    HEARTBEAT_TIMEOUT(4000, ClientAction.RECONNECT),
    AUTH_ENDED(4401, ClientAction.REAUTH),
    BANNED(4403, ClientAction.BANNED);

    /** What the client does after a close with this code. */
    public enum ClientAction {
        /** stays closed */
        STAY,
        /** reconnects after the usual delay and resumes */
        RECONNECT,
        /** asks the user before reconnecting */
        ASK,
        /** fetches a new token at once; goes to the login page if that fails */
        REAUTH,
        /** goes to the login page, which says the account is banned; never reconnects */
        BANNED
    }

    private final int code;
    private final ClientAction action;

    CloseCode(int code, ClientAction action) {
        this.code = code;
        this.action = action;
    }

    public int code() {
        return code;
    }

    public ClientAction action() {
        return action;
    }

    public CloseStatus status(String reason) {
        return new CloseStatus(code, reason);
    }

    /** The code of a close status, if it is one of ours. */
    public static CloseCode of(int code) {
        for (CloseCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
