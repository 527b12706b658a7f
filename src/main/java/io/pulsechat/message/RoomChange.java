package io.pulsechat.message;

/**
 * A committed change of a room's messages, published after the commit in the room's revision order: a new message
 * ({@link MessageStored}) or a changed one ({@link MessageChanged}: edit, delete, reaction).
 */
public sealed interface RoomChange permits MessageStored, MessageChanged {

    /** The message as it is after the change; its {@code rev} is the change's revision. */
    ChatMessage message();
}
