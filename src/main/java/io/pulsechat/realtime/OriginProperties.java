package io.pulsechat.realtime;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowedOrigins {@code chat.allowed-origins}: origins (e.g. {@code https://chat.example.com}) allowed to open
 *     the WebSocket besides the server's own; a handshake with any other {@code Origin} header gets 403
 */
@ConfigurationProperties("chat")
record OriginProperties(@DefaultValue List<String> allowedOrigins) {
}
