package io.pulsechat.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-user session limit (429, docs/protocol.md section 3) as reservations: a handshake takes a slot before the session
 * exists and the close gives it back, so two simultaneous handshakes at the limit cannot both pass. This node's count;
 * the {@code redis} profile counts on every node (and falls back to this while Redis is away).
 */
interface SessionLimit {

    /** Takes a slot for the user if they have fewer than {@code limit} sessions. */
    boolean tryAcquire(String userid, int limit);

    void release(String userid);

    /** Whether the user has a session open (anywhere, as far as this implementation knows). */
    boolean hasSessions(String userid);

    /** Counts in memory: exact for one node. */
    final class Local implements SessionLimit {

        private final Map<String, Integer> slots = new ConcurrentHashMap<>();

        @Override
        public boolean tryAcquire(String userid, int limit) {
            boolean[] taken = {false};
            slots.compute(userid, (k, n) -> {
                int count = n == null ? 0 : n;
                if (count >= limit) {
                    return n;
                }
                taken[0] = true;
                return count + 1;
            });
            return taken[0];
        }

        @Override
        public void release(String userid) {
            slots.computeIfPresent(userid, (k, n) -> n <= 1 ? null : n - 1);
        }

        @Override
        public boolean hasSessions(String userid) {
            return count(userid) > 0;
        }

        int count(String userid) {
            return slots.getOrDefault(userid, 0);
        }

        void forEach(java.util.function.BiConsumer<String, Integer> action) {
            slots.forEach(action);
        }
    }
}
