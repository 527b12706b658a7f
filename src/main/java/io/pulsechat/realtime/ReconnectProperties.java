package io.pulsechat.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The browser client's reconnecting ({@code chat.reconnect.*}, docs/protocol.md section 8); the welcome and the chat page
 * carry it to the client.
 *
 * @param delay wait before each automatic attempt
 * @param jitter a random extra wait of up to this much, so a restarted server is not hit by every client at once
 * @param maxAttempts automatic attempts before the client asks the user
 */
@ConfigurationProperties("chat.reconnect")
public record ReconnectProperties(
        @DefaultValue("2s") Duration delay,
        @DefaultValue("500ms") Duration jitter,
        @DefaultValue("5") int maxAttempts) {

    public ReconnectProperties {
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("chat.reconnect.delay and chat.reconnect.jitter must not be negative");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("chat.reconnect.max-attempts must be at least 1, was " + maxAttempts);
        }
    }
}
