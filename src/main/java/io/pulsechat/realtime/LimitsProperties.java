package io.pulsechat.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Per-connection limits ({@code chat.limits.*}, docs/protocol.md sections 3, 5 and 7).
 *
 * @param sessionsPerUser open sessions one user may have; the next handshake gets 429
 * @param sendsPerSecond sustained rate of {@code req_type} 2 and attachments per session
 * @param sendBurst how many sends may come at once before the rate applies
 * @param abuseCloseAfter this many {@code rate_limited} answers within a minute close the session with 1008
 * @param textMessageMax largest text frame; a larger one closes the session with 1009
 * @param sendTimeLimit longest a single write to one client may block before the session is dropped
 * @param sendBufferLimit most bytes queued for one client that is not reading; beyond it the session is closed (1013)
 */
@ConfigurationProperties("chat.limits")
public record LimitsProperties(
        @DefaultValue("10") int sessionsPerUser,
        @DefaultValue("10") int sendsPerSecond,
        @DefaultValue("20") int sendBurst,
        @DefaultValue("100") int abuseCloseAfter,
        @DefaultValue("64KB") DataSize textMessageMax,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("1MB") DataSize sendBufferLimit) {

    public LimitsProperties {
        positive("chat.limits.sessions-per-user", sessionsPerUser);
        positive("chat.limits.sends-per-second", sendsPerSecond);
        positive("chat.limits.abuse-close-after", abuseCloseAfter);
        if (sendBurst < 1) {
            throw new IllegalArgumentException("chat.limits.send-burst must be at least 1, was " + sendBurst);
        }
        if (textMessageMax.toBytes() < 1024 || textMessageMax.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chat.limits.text-message-max must be between 1KB and 2GB, was " + textMessageMax);
        }
        if (sendTimeLimit.isNegative() || sendTimeLimit.isZero()) {
            throw new IllegalArgumentException("chat.limits.send-time-limit must be positive, was " + sendTimeLimit);
        }
        if (sendBufferLimit.toBytes() < textMessageMax.toBytes()) {
            throw new IllegalArgumentException("chat.limits.send-buffer-limit (" + sendBufferLimit
                    + ") must hold at least one text frame of chat.limits.text-message-max (" + textMessageMax + ")");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
