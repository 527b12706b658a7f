package io.pulsechat.realtime;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The open sessions of this node, by id and by user. Lock-free; room membership is the {@link Hub}'s. */
@Component
class SessionRegistry {

    private final Map<String, ChatSession> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<ChatSession>> byUser = new ConcurrentHashMap<>();

    void add(ChatSession session) {
        byId.put(session.id(), session);
        byUser.computeIfAbsent(session.userid(), k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Removes the session; true if it was registered. */
    boolean remove(ChatSession session) {
        boolean removed = byId.remove(session.id(), session);
        byUser.computeIfPresent(session.userid(), (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
        return removed;
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
}
