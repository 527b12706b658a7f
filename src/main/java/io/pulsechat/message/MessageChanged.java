package io.pulsechat.message;

/** An edit, a delete or a reaction, published after its commit, in revision order per room. */
public record MessageChanged(ChatMessage message) implements RoomChange {
}
