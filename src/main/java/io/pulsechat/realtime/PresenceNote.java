package io.pulsechat.realtime;

import io.pulsechat.realtime.protocol.ServerFrame.UserRef;

/**
 * A presence announcement ({@code joined}, {@code left}, {@code typing}) as it travels between nodes.
 *
 * @param seq the room's announcement number from Redis; 0 for typing and for announcements decided by one node alone
 */
record PresenceNote(String node, String room, String event, UserRef user, long seq) {
}
