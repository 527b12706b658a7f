package io.pulsechat.message;

/**
 * A new message, published after the transaction that stored it has committed, in revision order per room.
 *
 * @param inlineBytes the attachment's bytes when it is small enough to deliver inline, else null
 */
public record MessageStored(ChatMessage message, byte[] inlineBytes) implements RoomChange {
}
