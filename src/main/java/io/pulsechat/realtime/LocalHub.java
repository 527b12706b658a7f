package io.pulsechat.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.socket.TextMessage;

import io.pulsechat.realtime.protocol.ClientLimits;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame.RoomEvent;
import io.pulsechat.realtime.protocol.ServerFrame.UserRef;

/**
 * The hub of one node. Membership changes and the announcements they cause happen under one lock, so announcements
 * go out in the order the changes happened and "first in" / "last out" are exact; sending only queues, so holding
 * the lock while announcing is cheap.
 */
final class LocalHub implements Hub {

    private final Subscriptions subscriptions = new Subscriptions();
    private final FrameEncoder frames;
    private final Object lock = new Object();
    /** When each user last typed in each room ({@code userid \0 room}); an entry lives while the user is subscribed there. */
    private final Map<String, Long> lastTyping = new HashMap<>();

    LocalHub(FrameEncoder frames) {
        this.frames = frames;
    }

    @Override
    public void join(ChatSession session, String room, long now) {
        synchronized (lock) {
            boolean first = !subscriptions.userHasOther(session, room);
            subscriptions.add(session, room);
            session.send(frames.text(new RoomEvent(room, "joined", userRef(session), online(room))), now);
            if (first) {
                announce(room, "joined", session, now);
            }
        }
    }

    @Override
    public void leave(ChatSession session, String room, long now) {
        synchronized (lock) {
            if (subscriptions.remove(session, room)) {
                TextMessage left = frames.text(new RoomEvent(room, "left", userRef(session), null));
                session.send(left, now);
                lastOut(session, room, left, now);
            }
        }
    }

    @Override
    public void disconnected(ChatSession session, long now) {
        synchronized (lock) {
            for (String room : subscriptions.roomsOf(session)) {
                subscriptions.remove(session, room);
                lastOut(session, room, null, now);
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
            announce(room, "typing", session, now);
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

    /** Under the lock: after the session left, tells the others if it was its user's last session in the room. */
    private void lastOut(ChatSession session, String room, TextMessage left, long now) {
        if (!subscriptions.userHasOther(session, room)) {
            lastTyping.remove(session.userid() + '\u0000' + room);
            announce(room, "left", session, left, now);
        }
    }

    private void announce(String room, String event, ChatSession who, long now) {
        announce(room, event, who, null, now);
    }

    /** To every session in the room of another user than {@code who}'s; {@code frame} when already encoded. */
    private void announce(String room, String event, ChatSession who, TextMessage frame, long now) {
        TextMessage encoded = null;
        for (ChatSession other : subscriptions.of(room)) {
            if (!other.userid().equals(who.userid())) {
                if (encoded == null) {
                    encoded = frame != null ? frame : frames.text(new RoomEvent(room, event, userRef(who), null));
                }
                other.send(encoded, now);
            }
        }
    }

    /** One entry per user subscribed to the room, with the platform of their first session found. */
    private List<UserRef> online(String room) {
        Map<String, UserRef> users = new LinkedHashMap<>();
        for (ChatSession s : subscriptions.of(room)) {
            users.putIfAbsent(s.userid(), userRef(s));
        }
        return new ArrayList<>(users.values());
    }

    static UserRef userRef(ChatSession session) {
        return new UserRef(session.userid(), session.user().displayName(), session.platform());
    }
}
