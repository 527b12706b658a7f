package io.pulsechat.realtime.protocol;

import io.pulsechat.room.RoomIds;
import io.pulsechat.shared.Unicode;
import tools.jackson.databind.JsonNode;

/** Typed reads of a request's fields; each failure is a {@code bad_request} naming the field. */
final class Fields {

    private final JsonNode request;

    Fields(JsonNode request) {
        this.request = request;
    }

    /** A string of {@code min..max} code points. */
    String string(String field, int min, int max) {
        JsonNode node = request.get(field);
        if (node == null || !node.isString()) {
            throw bad(field + " must be a string");
        }
        String value = node.asString();
        int length = Unicode.length(value);
        if (length < min || length > max) {
            throw bad(field + " must be " + min + " to " + max + " characters");
        }
        return value;
    }

    /** Absent or null gives null; otherwise a string of at most {@code max} code points. */
    String optionalString(String field, int max) {
        JsonNode node = request.get(field);
        return node == null || node.isNull() ? null : string(field, 0, max);
    }

    /** Message text: 1..4000 code points, not blank. */
    String text(String field) {
        String text = string(field, 1, ClientLimits.TEXT_MAX);
        if (text.isBlank()) {
            throw bad(field + " must not be blank");
        }
        return text;
    }

    /** A room id: a public/private room's or a direct room's. */
    String room() {
        String room = string("room", 1, RoomIds.MAX_LENGTH);
        if (!RoomIds.isValid(room)) {
            throw bad("room must be a room id (" + RoomIds.PATTERN_TEXT + ")");
        }
        return room;
    }

    JsonNode number(String field) {
        JsonNode node = request.get(field);
        if (node == null || !node.isNumber()) {
            throw bad(field + " must be a number");
        }
        return node;
    }

    /** The seed sends {@code req_no} as a string; a whole number is taken as its digits. */
    String reqNo() {
        JsonNode node = request.get("req_no");
        if (node != null && node.isIntegralNumber()) {
            return node.asString();
        }
        return string("req_no", 1, ClientLimits.REQ_NO_MAX);
    }

    /** A message id: a positive whole number. */
    long id(String field) {
        JsonNode node = request.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 1) {
            throw bad(field + " must be a message id (1 or more)");
        }
        return node.asLong();
    }

    Long optionalId(String field) {
        JsonNode node = request.get(field);
        return node == null || node.isNull() ? null : id(field);
    }

    /** A resume cursor (an id or a revision): 0 or more; null when absent. */
    Long optionalCursor(String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw bad(field + " must be a whole number, 0 or more");
        }
        return node.asLong();
    }

    boolean bool(String field) {
        JsonNode node = request.get(field);
        if (node == null || !node.isBoolean()) {
            throw bad(field + " must be true or false");
        }
        return node.asBoolean();
    }

    /** A reaction: 1..16 code points without whitespace. */
    String emoji(String field) {
        String emoji = string(field, 1, ClientLimits.EMOJI_MAX);
        if (emoji.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c))) {
            throw bad(field + " must not contain whitespace");
        }
        return emoji;
    }

    private static ProtocolError bad(String message) {
        return new ProtocolError(ErrorCode.BAD_REQUEST, message);
    }
}
