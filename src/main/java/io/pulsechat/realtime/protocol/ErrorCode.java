package io.pulsechat.realtime.protocol;

/**
 * The {@code code} of a {@code resp_type} 9 error frame; the connection stays open. {@link #temporary} says what
 * the client does next with the request it answers: send it again later (true), or give it up (false).
 */
public enum ErrorCode {
    /** The frame is not a JSON object. */
    BAD_JSON("bad_json", false),
    /** {@code req_type} names no request this server knows. */
    UNKNOWN_TYPE("unknown_type", false),
    /** A field is missing, of the wrong type, out of its range, or not well-formed Unicode. */
    BAD_REQUEST("bad_request", false),
    /** The room does not exist, or the user may not know it exists (a private room of others). */
    NO_SUCH_ROOM("no_such_room", false),
    /** The session has not joined the room (or the user is not a member). */
    NOT_MEMBER("not_member", false),
    /** A {@code superchat} feature asked for on a {@code chat} session. */
    UNSUPPORTED("unsupported", false),
    /** Too many requests, or the server is busy; nothing was stored: send it again later. */
    RATE_LIMITED("rate_limited", true),
    /** Allowed for others, not for this user. */
    FORBIDDEN("forbidden", false),
    /** No such message in the room (or it was deleted). */
    NOT_FOUND("not_found", false);

    private final String wire;
    private final boolean temporary;

    ErrorCode(String wire, boolean temporary) {
        this.wire = wire;
        this.temporary = temporary;
    }

    /** The code as it appears on the wire. */
    public String wire() {
        return wire;
    }

    public boolean temporary() {
        return temporary;
    }
}
