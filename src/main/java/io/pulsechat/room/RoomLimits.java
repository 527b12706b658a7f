package io.pulsechat.room;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast rooms may be created ({@code chat.limits.rooms-per-hour}; the other {@code chat.limits.*} belong to the
 * realtime package and the account package).
 *
 * @param roomsPerHour rooms one user may create within any hour; the next attempt gets 429
 */
@ConfigurationProperties("chat.limits")
record RoomLimits(@DefaultValue("20") int roomsPerHour) {

    RoomLimits {
        if (roomsPerHour < 1) {
            throw new IllegalArgumentException("chat.limits.rooms-per-hour must be at least 1");
        }
    }
}
