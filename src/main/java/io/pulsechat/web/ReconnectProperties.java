package io.pulsechat.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The browser client's reconnecting ({@code chat.reconnect.*}, PROTOCOL section 8).
 *
 * @param delay wait before each automatic attempt
 * @param maxAttempts automatic attempts before the client asks the user
 */
@ConfigurationProperties("chat.reconnect")
record ReconnectProperties(
        @DefaultValue("2s") Duration delay,
        @DefaultValue("5") int maxAttempts) {
}
