package io.pulsechat.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stored message, as in REST history and in {@code resp_type} 2 (PROTOCOL section 2).
 *
 * @param id strictly increasing within the room, in commit order
 * @param attachment absent for plain text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(long id, String room, Sender from, String text, long ts, String clientMsgId,
                          Attachment attachment) {

    /** Who sent a message. */
    public record Sender(String userid, String displayName) {
    }

    /** An attachment's description; {@code url} fetches its bytes. */
    public record Attachment(long id, String name, String type, long size, String url) {

        static Attachment of(long id, String name, String type, long size) {
            return new Attachment(id, name, type, size, "/api/attachments/" + id);
        }
    }
}
