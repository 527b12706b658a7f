package io.pulsechat.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of this node's sessions receive which room's frames. Reads ({@link #of}, {@link #contains}) are lock-free:
 * delivery asks for every message. Writes must be serialized by the owner (the hub's lock): the "first of its
 * user" and "last of its user" answers are only exact under that lock.
 */
final class Subscriptions {

    private final Map<String, Set<ChatSession>> byRoom = new ConcurrentHashMap<>();
    private final Map<ChatSession, Set<String>> bySession = new ConcurrentHashMap<>();

    /** Adds; true when the session was not subscribed yet. */
    boolean add(ChatSession session, String room) {
        if (!bySession.computeIfAbsent(session, k -> ConcurrentHashMap.newKeySet()).add(room)) {
            return false;
        }
        byRoom.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet()).add(session);
        return true;
    }

    /** Removes; true when the session was subscribed. */
    boolean remove(ChatSession session, String room) {
        Set<String> rooms = bySession.get(session);
        if (rooms == null || !rooms.remove(room)) {
            return false;
        }
        if (rooms.isEmpty()) {
            bySession.remove(session);
        }
        byRoom.computeIfPresent(room, (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
        return true;
    }

    boolean contains(ChatSession session, String room) {
        Set<ChatSession> sessions = byRoom.get(room);
        return sessions != null && sessions.contains(session);
    }

    /** The room's subscribed sessions on this node (a live view: iterate, don't keep). */
    Collection<ChatSession> of(String room) {
        return byRoom.getOrDefault(room, Set.of());
    }

    /** The rooms the session is subscribed to (a copy). */
    List<String> roomsOf(ChatSession session) {
        return new ArrayList<>(bySession.getOrDefault(session, Set.of()));
    }

    /** Whether another session of the same user is subscribed to the room. */
    boolean userHasOther(ChatSession session, String room) {
        for (ChatSession s : of(room)) {
            if (s != session && s.userid().equals(session.userid())) {
                return true;
            }
        }
        return false;
    }

    /** The rooms with at least one subscribed session here. */
    Set<String> rooms() {
        return byRoom.keySet();
    }
}
