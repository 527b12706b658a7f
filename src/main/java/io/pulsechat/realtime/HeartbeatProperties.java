package io.pulsechat.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Heartbeats ({@code chat.heartbeat.*}, PROTOCOL sections 5, 7 and 8).
 *
 * @param clientSendAfter the browser client sends {@code req_type} 8 when its send counter reaches this (55 s)
 * @param clientTimeout the browser client presumes the server gone when it heard nothing for this long (70 s)
 * @param serverInterval the server sends its own {@code resp_type} 8 when nothing else went to a session for this long (25 s)
 * @param serverTimeout the server closes a session it heard nothing from for this long with 4000 (90 s)
 */
@ConfigurationProperties("chat.heartbeat")
public record HeartbeatProperties(
        @DefaultValue("55s") Duration clientSendAfter,
        @DefaultValue("70s") Duration clientTimeout,
        @DefaultValue("25s") Duration serverInterval,
        @DefaultValue("90s") Duration serverTimeout) {
}
