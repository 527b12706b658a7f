package io.pulsechat.message;

/**
 * Published after the transaction that stored {@code message} has committed, in id order per room.
 *
 * @param inlineBytes the attachment's bytes when it is small enough to deliver inline, else null
 */
public record MessageStored(ChatMessage message, byte[] inlineBytes) {
}
