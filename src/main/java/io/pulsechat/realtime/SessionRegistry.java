package io.pulsechat.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The open sessions of this node, by id, by user and by room. Room membership and presence changes are
 * synchronized on the registry so "first session of a user in a room" and "last one out" are exact.
 */
@Component
class SessionRegistry {

    private final Map<String, ChatSession> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<ChatSession>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<ChatSession>> byRoom = new ConcurrentHashMap<>();

    void add(ChatSession session) {
        byId.put(session.id(), session);
        byUser.computeIfAbsent(session.user().userid(), k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Removes the session and returns the rooms where it was its user's last session here. */
    synchronized List<String> remove(ChatSession session) {
        byId.remove(session.id());
        byUser.computeIfPresent(session.user().userid(), (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
        List<String> lastOut = new ArrayList<>();
        for (String room : List.copyOf(session.rooms())) {
            if (leave(session, room)) {
                lastOut.add(room);
            }
        }
        return lastOut;
    }

    /** The open session with that (WebSocket) id, or null. */
    ChatSession get(String id) {
        return byId.get(id);
    }

    int countForUser(String userid) {
        Set<ChatSession> sessions = byUser.get(userid);
        return sessions == null ? 0 : sessions.size();
    }

    Collection<ChatSession> all() {
        return byId.values();
    }

    Collection<ChatSession> ofUser(String userid) {
        return byUser.getOrDefault(userid, Set.of());
    }

    Collection<ChatSession> inRoom(String room) {
        return byRoom.getOrDefault(room, Set.of());
    }

    /** Adds the session to the room; true when it is its user's first session there. */
    synchronized boolean join(ChatSession session, String room) {
        if (!session.rooms().add(room)) {
            return false;
        }
        Set<ChatSession> members = byRoom.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet());
        boolean first = members.stream().noneMatch(s -> s.user().userid().equals(session.user().userid()));
        members.add(session);
        return first;
    }

    /** Removes the session from the room; true when it was its user's last session there. */
    synchronized boolean leave(ChatSession session, String room) {
        if (!session.rooms().remove(room)) {
            return false;
        }
        Set<ChatSession> members = byRoom.get(room);
        if (members == null) {
            return true;
        }
        members.remove(session);
        boolean last = members.stream().noneMatch(s -> s.user().userid().equals(session.user().userid()));
        if (members.isEmpty()) {
            byRoom.remove(room);
        }
        return last;
    }

    /** One session per user present in the room (for the {@code online} list). */
    synchronized List<ChatSession> presentUsers(String room) {
        Map<String, ChatSession> one = new java.util.LinkedHashMap<>();
        for (ChatSession s : inRoom(room)) {
            one.putIfAbsent(s.user().userid(), s);
        }
        return new ArrayList<>(one.values());
    }
}
