package io.pulsechat.room;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.pulsechat.shared.CodePoints;

/** A room to create: the body of {@code POST /api/rooms}. The name's length counts code points. */
public record NewRoom(
        @NotNull(message = "is required")
        @Pattern(regexp = Rooms.ID_PATTERN, message = "must match " + Rooms.ID_PATTERN)
        String id,

        @NotNull(message = "is required")
        @NotBlank(message = "must not be blank")
        @CodePoints(min = 1, max = 64, message = "must be 1 to 64 characters")
        String name) {
}
