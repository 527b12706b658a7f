package io.pulsechat.message;

/**
 * A message to store. Validated by the caller (text 1..4000 code points and not blank, client_msg_id 1..64, the
 * sender may write in an existing room).
 *
 * @param file the attachment, or null for a text message
 * @param replyTo the id of a message of the same room it answers, or null
 * @param mayMentionRoom whether {@code @room} in the text mentions every member (the room's owner and admins)
 */
public record NewMessage(String room, String userid, String displayName, String text, String clientMsgId, NewFile file,
                         Long replyTo, boolean mayMentionRoom) {

    public NewMessage(String room, String userid, String displayName, String text, String clientMsgId, NewFile file) {
        this(room, userid, displayName, text, clientMsgId, file, null, false);
    }

    /** An uploaded file. */
    public record NewFile(String name, String type, byte[] bytes) {
    }
}
