package io.pulsechat.room;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.pulsechat.shared.CodePoints;

/**
 * A room to create: the body of {@code POST /api/rooms} (docs/protocol.md section 9). Lengths count code points. Ids of the
 * form of a direct room ({@code dm-} and 24 hex) are kept for direct rooms.
 *
 * @param kind {@code public} (the default) or {@code private}
 * @param topic 0..250 code points, none by default
 */
public record NewRoom(
        @NotNull(message = "is required")
        @Pattern(regexp = Rooms.ID_PATTERN, message = "must match " + Rooms.ID_PATTERN)
        @Pattern(regexp = "^(?!dm-[0-9a-f]{24}$).*", message = "is of the form kept for direct rooms")
        String id,

        @NotNull(message = "is required")
        @NotBlank(message = "must not be blank")
        @CodePoints(min = 1, max = 64, message = "must be 1 to 64 characters")
        String name,

        @Pattern(regexp = "^(public|private)$", message = "must be public or private")
        String kind,

        @CodePoints(max = 250, message = "must be at most 250 characters")
        String topic) {

    public NewRoom(String id, String name) {
        this(id, name, null, null);
    }
}
