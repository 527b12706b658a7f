package io.pulsechat.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Heartbeats ({@code chat.heartbeat.*}, docs/protocol.md sections 5, 7 and 8). Checked at startup: each side must hear
 * from the other before it gives up on it.
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

    public HeartbeatProperties {
        require(clientSendAfter, serverTimeout, "chat.heartbeat.client-send-after", "chat.heartbeat.server-timeout",
                "the server would close a client that is still heartbeating");
        require(serverInterval, clientTimeout, "chat.heartbeat.server-interval", "chat.heartbeat.client-timeout",
                "an idle client would presume the server gone between two server heartbeats");
        require(clientSendAfter, clientTimeout, "chat.heartbeat.client-send-after", "chat.heartbeat.client-timeout",
                "the client would give up before it sent its own heartbeat");
        require(serverInterval, serverTimeout, "chat.heartbeat.server-interval", "chat.heartbeat.server-timeout",
                "the server would give up on a silent client before it ever sent it a heartbeat");
    }

    private static void require(Duration shorter, Duration longer, String shorterName, String longerName, String why) {
        if (shorter.isNegative() || shorter.isZero() || shorter.compareTo(longer) >= 0) {
            throw new IllegalArgumentException(shorterName + " (" + shorter + ") must be positive and shorter than "
                    + longerName + " (" + longer + "): otherwise " + why);
        }
    }
}
