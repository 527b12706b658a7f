package io.pulsechat.realtime;

import org.springframework.stereotype.Component;

import io.pulsechat.realtime.protocol.CloseCode;
import io.pulsechat.realtime.protocol.ErrorCode;
import io.pulsechat.realtime.protocol.ProtocolError;

/** The session's rate limit for everything that writes (sends, uploads, edits, deletes, reactions). */
@Component
class RateGate {

    /**
     * True when the request may go on. Over the rate: {@code rate_limited}. A persistent abuser: the session closes
     * with 1008 once the acks of what it sent before are out; the refusal that trips the limit is answered by the
     * close itself, so this returns false without an error frame.
     */
    boolean allowed(ChatSession session, long now) {
        switch (session.rateLimiter().tryAcquire(now)) {
            case ALLOW:
                return true;
            case REFUSE:
                throw new ProtocolError(ErrorCode.RATE_LIMITED, "too many messages: not stored, slow down");
            default:
                session.closeAfterPendingStores(CloseCode.POLICY.status("rate limit exceeded persistently"));
                return false;
        }
    }
}
