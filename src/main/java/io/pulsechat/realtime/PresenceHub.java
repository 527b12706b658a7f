package io.pulsechat.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.web.socket.TextMessage;

import io.pulsechat.realtime.protocol.ClientLimits;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame.RoomEvent;
import io.pulsechat.realtime.protocol.ServerFrame.UserRef;

/**
 * The hub: this node's subscriptions, presence and typing. Membership changes and the announcements they cause happen
 * under one lock, so announcements go out in the order the changes happened and "first in" / "last out" are exact;
 * sending only queues, so holding the lock while announcing is cheap. Whether a first (last) session here is the first
 * (last) anywhere is the {@link PresenceStore}'s to say: this node alone ({@link PresenceStore#LOCAL}) or the cluster
 * ({@link RedisPresence}, whose Redis calls under the lock are short: the command timeout bounds a hung one).
 * Announcements from other nodes carry the room's numbering; one older than one already delivered is dropped.
 */
final class PresenceHub implements Hub {

    /** Announcement numbers remembered per room and user; the least recently used go first when full. */
    private static final int SEQUENCES_REMEMBERED = 100_000;

    private final Subscriptions subscriptions = new Subscriptions();
    private final Object lock = new Object();
    /** When each user last typed in each room ({@code userid \0 room}); an entry lives while the user is subscribed there. */
    private final Map<String, Long> lastTyping = new HashMap<>();
    private final Map<String, Long> sequences = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > SEQUENCES_REMEMBERED;
        }
    };
    private final FrameEncoder frames;
    private final String node;
    private PresenceStore store = PresenceStore.LOCAL;

    PresenceHub(FrameEncoder frames, String node) {
        this.frames = frames;
        this.node = node;
    }

    /** Set once at startup, before the first session. */
    void decideWith(PresenceStore store) {
        this.store = store;
    }

    // ----- local events -----

    @Override
    public void join(ChatSession session, String room, long now) {
        synchronized (lock) {
            boolean firstHere = !subscriptions.userHasOther(session, room);
            subscriptions.add(session, room);
            long seq = firstHere ? store.enter(room, userRef(session)) : 0;
            session.send(frames.text(new RoomEvent(room, "joined", userRef(session), online(room))), now);
            if (seq != 0) {
                announce(new PresenceNote(node, room, "joined", userRef(session), Math.max(0, seq)), now);
            }
        }
    }

    @Override
    public void leave(ChatSession session, String room, long now) {
        synchronized (lock) {
            if (subscriptions.remove(session, room)) {
                session.send(frames.text(new RoomEvent(room, "left", userRef(session), null)), now);
                lastOut(session, room, now);
            }
        }
    }

    @Override
    public void disconnected(ChatSession session, long now) {
        synchronized (lock) {
            for (String room : subscriptions.roomsOf(session)) {
                subscriptions.remove(session, room);
                lastOut(session, room, now);
            }
        }
    }

    @Override
    public void typing(ChatSession session, String room, long now) {
        synchronized (lock) {
            String key = session.userid() + '\u0000' + room;
            Long previous = lastTyping.get(key);
            if (previous != null && now - previous < ClientLimits.TYPING_INTERVAL.toMillis()) {
                return;
            }
            lastTyping.put(key, now);
            announce(new PresenceNote(node, room, "typing", userRef(session), 0), now);
        }
    }

    @Override
    public boolean isSubscribed(ChatSession session, String room) {
        return subscriptions.contains(session, room);
    }

    @Override
    public Collection<ChatSession> subscribers(String room) {
        return subscriptions.of(room);
    }

    @Override
    public Set<String> activeRooms() {
        return subscriptions.rooms();
    }

    // ----- for the cluster -----

    /** An announcement from another node (the listener thread, in order). */
    void received(PresenceNote note, long now) {
        if (!node.equals(note.node())) {
            synchronized (lock) {
                deliver(note, now);
            }
        }
    }

    /** An announcement this node makes for the cluster (a dead node's users leaving, presence re-registered). */
    void announceUnderLock(PresenceNote note, long now) {
        synchronized (lock) {
            announce(note, now);
        }
    }

    /** Runs with the hub's lock held: no subscription changes in between. */
    <T> T locked(Supplier<T> work) {
        synchronized (lock) {
            return work.get();
        }
    }

    /** Under the lock: one session per (room, user) this node holds, keyed by {@link RedisKeys#pair}. */
    Map<String, UserRef> held() {
        Map<String, UserRef> held = new HashMap<>();
        for (String room : new ArrayList<>(subscriptions.rooms())) {
            for (ChatSession s : subscriptions.of(room)) {
                held.putIfAbsent(RedisKeys.pair(room, s.userid()), userRef(s));
            }
        }
        return held;
    }

    /** Under the lock: the numbering starts again (a Redis that came back empty counts from 1). */
    void forgetSequences() {
        sequences.clear();
    }

    // ----- under the lock -----

    private void lastOut(ChatSession session, String room, long now) {
        if (subscriptions.userHasOther(session, room)) {
            return;
        }
        lastTyping.remove(session.userid() + '\u0000' + room);
        long seq = store.exit(room, userRef(session));
        if (seq != 0) {
            announce(new PresenceNote(node, room, "left", userRef(session), Math.max(0, seq)), now);
        }
    }

    /** Here, then to the other nodes. */
    private void announce(PresenceNote note, long now) {
        deliver(note, now);
        store.publish(note);
    }

    /** To this node's sessions in the room of other users than the one announced. */
    private void deliver(PresenceNote note, long now) {
        if (note.seq() > 0) {
            String key = RedisKeys.pair(note.room(), note.user().userid());
            Long seen = sequences.get(key);
            if (seen != null && seen >= note.seq()) {
                return;
            }
            sequences.put(key, note.seq());
        }
        TextMessage frame = null;
        for (ChatSession other : subscriptions.of(note.room())) {
            if (!other.userid().equals(note.user().userid())) {
                if (frame == null) {
                    frame = frames.text(new RoomEvent(note.room(), note.event(), note.user(), null));
                }
                other.send(frame, now);
            }
        }
    }

    /** Who is online: the store's answer, else one entry per user subscribed here (their first session's platform). */
    private List<UserRef> online(String room) {
        List<UserRef> everywhere = store.online(room);
        if (everywhere != null) {
            return everywhere;
        }
        Map<String, UserRef> here = new LinkedHashMap<>();
        for (ChatSession s : subscriptions.of(room)) {
            here.putIfAbsent(s.userid(), userRef(s));
        }
        return new ArrayList<>(here.values());
    }

    static UserRef userRef(ChatSession session) {
        return new UserRef(session.userid(), session.user().displayName(), session.platform());
    }
}
