package io.pulsechat.message;

/**
 * The outcome of a send: the stored message, and whether it had been stored before under the same
 * {@code client_msg_id} (then nothing new was stored and nothing is delivered again).
 */
public record StoreResult(ChatMessage message, boolean duplicate) {
}
