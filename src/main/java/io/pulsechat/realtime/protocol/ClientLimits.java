package io.pulsechat.realtime.protocol;

import java.time.Duration;

/**
 * The one catalogue of what a client must know to stay within the contract: heartbeat and reconnect timings and
 * every limit it enforces before sending. The welcome frame carries it and the chat page renders it, so the
 * browser never hard-codes a value the server may be configured to change. Fixed values are the contract's.
 */
public record ClientLimits(Heartbeat heartbeat, Reconnect reconnect, Limits limits) {

    /** send text and edit text, code points (docs/protocol.md section 4) */
    public static final int TEXT_MAX = 4000;
    /** client_msg_id, code points (section 4) */
    public static final int CLIENT_MSG_ID_MAX = 64;
    /** an attachment's file name, code points */
    public static final int ATTACHMENT_NAME_MAX = 255;
    /** an attachment's content type, code points (RFC 6838 allows 127 per part; the whole fits here) */
    public static final int ATTACHMENT_TYPE_MAX = 127;
    /** a heartbeat's req_no: the seed sends Date.now(); 64 leaves room for any client's counter */
    public static final int REQ_NO_MAX = 64;
    /** messages replayed by one resume before {@code complete=false} (section 4) */
    public static final int RESUME_MAX = 500;
    /** at most one typing event per user and room in this interval (section 4) */
    public static final Duration TYPING_INTERVAL = Duration.ofSeconds(2);
    /** a reaction's emoji, code points (section 11) */
    public static final int EMOJI_MAX = 16;
    /** distinct emoji on one message (section 11) */
    public static final int REACTIONS_PER_MESSAGE_MAX = 20;
    /** code points of the quoted text in a reply (section 11) */
    public static final int REPLY_EXCERPT_MAX = 200;

    /** The browser client's counters (section 8) and the server's downstream heartbeat interval. */
    public record Heartbeat(long sendAfterS, long timeoutS, long serverIntervalS) {
    }

    /** The browser client's automatic reconnecting (section 8). */
    public record Reconnect(long delayMs, long jitterMs, int maxAttempts) {
    }

    /** Sizes and intervals; lengths in code points unless named bytes. */
    public record Limits(int textMax, int clientMsgIdMax, long textFrameMaxBytes, long attachmentMaxBytes,
                         long attachmentInlineMaxBytes, int attachmentNameMax, long typingIntervalMs, int resumeMax,
                         int emojiMax, int reactionsPerMessageMax, int replyExcerptMax) {
    }

    public static ClientLimits of(Duration clientSendAfter, Duration clientTimeout, Duration serverInterval,
                                  Duration reconnectDelay, Duration reconnectJitter, int reconnectAttempts,
                                  long textFrameMaxBytes, long attachmentMaxBytes, long attachmentInlineMaxBytes) {
        return new ClientLimits(
                new Heartbeat(clientSendAfter.toSeconds(), clientTimeout.toSeconds(), serverInterval.toSeconds()),
                new Reconnect(reconnectDelay.toMillis(), reconnectJitter.toMillis(), reconnectAttempts),
                new Limits(TEXT_MAX, CLIENT_MSG_ID_MAX, textFrameMaxBytes, attachmentMaxBytes, attachmentInlineMaxBytes,
                        ATTACHMENT_NAME_MAX, TYPING_INTERVAL.toMillis(), RESUME_MAX, EMOJI_MAX, REACTIONS_PER_MESSAGE_MAX,
                        REPLY_EXCERPT_MAX));
    }
}
