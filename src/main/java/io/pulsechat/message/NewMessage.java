package io.pulsechat.message;

/**
 * A message to store. Validated by the caller (text 1..4000 and not blank, client_msg_id 1..64,
 * sender is a member of an existing room).
 *
 * @param file the attachment, or null for a text message
 */
public record NewMessage(String room, String userid, String displayName, String text, String clientMsgId, NewFile file) {

    /** An uploaded file. */
    public record NewFile(String name, String type, byte[] bytes) {
    }
}
