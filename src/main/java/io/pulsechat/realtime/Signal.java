package io.pulsechat.realtime;

import java.util.Set;

/**
 * Something for the sessions of some users wherever they are connected: a frame to send (read marker, room event,
 * notification), a session to close (4401, 4403), or a room to unsubscribe them from (removed, room deleted). Every
 * node carries out the same signal for its own sessions.
 *
 * @param users the userids it is for; null for every connected user
 * @param frame an encoded text frame to send, or null
 * @param closeCode a close code to close their sessions with, or null
 * @param unsubscribe a room to unsubscribe their sessions from (before the frame is sent), or null
 * @param exceptSession the id of a session that is left out (the one the signal came from), or null
 */
record Signal(Set<String> users, String frame, Integer closeCode, String closeReason, String unsubscribe,
              String exceptSession) {

    static Signal frame(Set<String> users, String frame, String exceptSession) {
        return new Signal(users, frame, null, null, null, exceptSession);
    }

    static Signal close(String userid, int code, String reason) {
        return new Signal(Set.of(userid), null, code, reason, null, null);
    }

    boolean isFor(ChatSession session) {
        return (users == null || users.contains(session.userid())) && !session.id().equals(exceptSession);
    }
}
