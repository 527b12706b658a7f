package io.pulsechat.room;

import java.util.regex.Pattern;

/**
 * Room ids (docs/protocol.md sections 2 and 9): public and private rooms {@code ^[a-z0-9][a-z0-9_-]{0,31}$}, direct rooms
 * {@code dm-} and 24 lowercase hex characters.
 */
public final class RoomIds {

    public static final String PATTERN_TEXT = "^[a-z0-9][a-z0-9_-]{0,31}$ or dm-<24 hex>";
    public static final int MAX_LENGTH = 32;
    private static final Pattern NAMED = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,31}$");
    private static final Pattern DIRECT = Pattern.compile("^dm-[0-9a-f]{24}$");

    private RoomIds() {
    }

    /** An id a public or private room may be created with. */
    public static boolean isValidNamed(String id) {
        return id != null && NAMED.matcher(id).matches();
    }

    public static boolean isDirect(String id) {
        return id != null && DIRECT.matcher(id).matches();
    }

    /** Any room id: named or direct. */
    public static boolean isValid(String id) {
        return isValidNamed(id) || isDirect(id);
    }
}
