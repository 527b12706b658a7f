package io.pulsechat.room;

import jakarta.validation.constraints.Pattern;

import io.pulsechat.shared.CodePoints;

/** The body of {@code PATCH /api/rooms/{id}}: the fields given change, the others stay. */
public record RoomUpdate(
        @Pattern(regexp = "(?s)^.*\\S.*$", message = "must not be blank")
        @CodePoints(min = 1, max = 64, message = "must be 1 to 64 characters")
        String name,

        @CodePoints(max = 250, message = "must be at most 250 characters")
        String topic) {
}
