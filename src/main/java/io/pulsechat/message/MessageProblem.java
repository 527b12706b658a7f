package io.pulsechat.message;

/** Why a change of a message was refused; nothing was stored. */
public abstract sealed class MessageProblem extends RuntimeException {

    MessageProblem(String message) {
        super(message, null, false, false);
    }

    /** No such message in the room, or it was deleted. */
    public static final class NotFound extends MessageProblem {
        NotFound(String room, long id) {
            super("no message " + id + " in room '" + room + "'");
        }
    }

    /** Allowed for others (the author, the room's owner, an admin), not for this user. */
    public static final class Forbidden extends MessageProblem {
        Forbidden(String message) {
            super(message);
        }
    }

    /** The change breaks a rule of the contract (e.g. more than 20 distinct emoji on a message). */
    public static final class Invalid extends MessageProblem {
        Invalid(String message) {
            super(message);
        }
    }
}
