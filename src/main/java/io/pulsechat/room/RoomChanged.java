package io.pulsechat.room;

import java.util.Set;

/**
 * A room event for connected users (docs/protocol.md section 9, {@code resp_type} 12), published after the change is stored;
 * the realtime feature carries it to the users' sessions on every node.
 *
 * @param event {@code created}, {@code updated}, {@code deleted}, {@code added} or {@code removed}
 * @param room the room (for {@code deleted} only its id matters)
 * @param users who gets it; null: every connected user
 * @param unsubscribe whether those users' sessions stop receiving the room's frames
 */
public record RoomChanged(String event, Room room, Set<String> users, boolean unsubscribe) {
}
