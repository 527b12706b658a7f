package io.pulsechat.message;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message as it is now, in REST history and in {@code resp_type} 2 and 10 (docs/protocol.md sections 2 and 11).
 *
 * @param id strictly increasing within the room, in commit order
 * @param attachment absent for plain text and for a deleted message
 * @param rev the room revision of the message's latest change (its creation, an edit, a delete or a reaction)
 * @param editedAt absent if never edited
 * @param deleted true for a tombstone (then {@code text} is "" and there is no attachment); absent otherwise
 * @param reactions in the order each emoji was first given; at most 20 userids each
 * @param replyTo absent unless the message replies to another one
 * @param mentions the userids the text mentions (section 12)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(long id, String room, Sender from, String text, long ts, String clientMsgId,
                          Attachment attachment, long rev, Long editedAt, Boolean deleted, List<Reaction> reactions,
                          ReplyTo replyTo, List<String> mentions) {

    /** At most this many userids are listed per reaction (section 11). */
    public static final int REACTION_USERIDS_MAX = 20;
    /** At most this many different emoji on one message (section 11). */
    public static final int DISTINCT_EMOJI_MAX = 20;

    /** Who sent a message. */
    public record Sender(String userid, String displayName) {
    }

    /** An attachment's description; {@code url} fetches its bytes. */
    public record Attachment(long id, String name, String type, long size, String url) {

        static Attachment of(long id, String name, String type, long size) {
            return new Attachment(id, name, type, size, "/api/attachments/" + id);
        }
    }

    /** One emoji on a message: how many gave it and (up to 20 of) who. */
    public record Reaction(String emoji, int count, List<String> userids) {
    }

    /** The message replied to: its sender and the start of its text, or only that it was deleted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplyTo(long id, Sender from, String text, Boolean deleted) {
    }

    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }
}
