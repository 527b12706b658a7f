package io.pulsechat.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.web.socket.TextMessage;

import io.pulsechat.realtime.protocol.ClientLimits;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame.RoomEvent;
import io.pulsechat.realtime.protocol.ServerFrame.UserRef;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub of a node in a cluster. Subscriptions stay local; presence is per user across the cluster: Redis decides
 * "first session anywhere" and "last one anywhere" atomically (one Lua script per transition), holds the
 * {@code online} list, and numbers each room's announcements so a node that receives two out of order keeps the
 * later. Every node announces to its own sessions; announcements travel to the others over the presence channel.
 * <p>
 * Each node keeps a lease in Redis ({@code chat.cluster.presence-lease}, renewed every {@code lease-renewal}); when
 * one dies without a goodbye, a survivor ends its users' presence and announces {@code left}. While Redis is away
 * presence is per node; when it is back the node re-registers what it holds and withdraws what it no longer does.
 * <p>
 * Concurrency: one lock for subscriptions, the Redis transitions they cause and the announcements, as in
 * {@link LocalHub}; Redis calls under it are short (the command timeout bounds a hung one).
 */
final class ClusterHub implements Hub, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterHub.class);
    /** Announcement sequence numbers remembered per room and user, newest first out when full. */
    private static final int SEQUENCES_REMEMBERED = 100_000;

    /** A presence announcement on the wire; {@code seq} 0 for typing and for announcements made while Redis was away. */
    record PresenceNote(String node, String room, String event, UserRef user, long seq) {
    }

    /** First session of the user anywhere: marks this node, adds the user to the online list, numbers the event. */
    private static final RedisScript<Long> ENTER = new DefaultRedisScript<>("""
            redis.call('HSET', KEYS[1], ARGV[1], '1')
            if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 1 then
              return redis.call('INCR', KEYS[3])
            end
            return 0""", Long.class);

    /** The node's last session of the user left: if it was the last anywhere, the user goes offline in the room. */
    private static final RedisScript<Long> EXIT = new DefaultRedisScript<>("""
            if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
            if redis.call('HLEN', KEYS[1]) == 0 then
              redis.call('HDEL', KEYS[2], ARGV[2])
              return redis.call('INCR', KEYS[3])
            end
            return 0""", Long.class);

    private final Subscriptions subscriptions = new Subscriptions();
    private final Object lock = new Object();
    private final Map<String, Long> lastTyping = new HashMap<>();
    private final Map<String, Long> sequences = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > SEQUENCES_REMEMBERED;
        }
    };
    private final FrameEncoder frames;
    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final String node;
    private final RedisLink link;
    private final ClusterProperties cluster;
    private final JsonMapper json;
    private RedisBus bus;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    ClusterHub(FrameEncoder frames, StringRedisTemplate redis, RedisKeys keys, String node, RedisLink link,
               ClusterProperties cluster, JsonMapper json) {
        this.frames = frames;
        this.redis = redis;
        this.keys = keys;
        this.node = node;
        this.link = link;
        this.cluster = cluster;
        this.json = json;
    }

    /** Set once at startup (the bus and the hub refer to each other only through this). */
    void publishVia(RedisBus bus) {
        this.bus = bus;
    }

    // ----- local events -----

    @Override
    public void join(ChatSession session, String room, long now) {
        synchronized (lock) {
            boolean firstHere = !subscriptions.userHasOther(session, room);
            subscriptions.add(session, room);
            long seq = 0;
            boolean announce = firstHere;
            if (firstHere) {
                seq = enter(room, userRef(session));
                announce = seq != 0;
            }
            session.send(frames.text(new RoomEvent(room, "joined", userRef(session), online(room))), now);
            if (announce) {
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

    /** An announcement from another node (the presence channel's listener thread, in order). */
    void received(PresenceNote note, long now) {
        if (node.equals(note.node())) {
            return;
        }
        synchronized (lock) {
            deliver(note, now);
        }
    }

    // ----- under the lock -----

    private void lastOut(ChatSession session, String room, long now) {
        if (subscriptions.userHasOther(session, room)) {
            return;
        }
        lastTyping.remove(session.userid() + '\u0000' + room);
        long seq = exit(room, session.userid());
        if (seq != 0) {
            announce(new PresenceNote(node, room, "left", userRef(session), Math.max(0, seq)), now);
        }
    }

    /** Here, then to the other nodes. */
    private void announce(PresenceNote note, long now) {
        deliver(note, now);
        if (bus != null && (note.seq() > 0 || "typing".equals(note.event()))) {
            bus.publishPresence(note);
        }
    }

    /** To this node's sessions in the room of other users; an announcement older than one already delivered is dropped. */
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

    /** > 0: first anywhere (the announcement's number); 0: elsewhere too; -1: Redis away, decided here. */
    private long enter(String room, UserRef user) {
        if (!link.up()) {
            return -1;
        }
        try {
            Long seq = redis.execute(ENTER, List.of(keys.presence(room, user.userid()), keys.online(room), keys.sequence(room)),
                    node, user.userid(), json.writeValueAsString(user));
            redis.opsForSet().add(keys.holds(node), RedisKeys.pair(room, user.userid()));
            return seq == null ? 0 : seq;
        } catch (RuntimeException e) {
            link.failed(e);
            return -1;
        }
    }

    /** > 0: last anywhere; 0: still elsewhere; -1: Redis away, decided here. */
    private long exit(String room, String userid) {
        if (!link.up()) {
            return -1;
        }
        try {
            redis.opsForSet().remove(keys.holds(node), RedisKeys.pair(room, userid));
            return exit(room, userid, node);
        } catch (RuntimeException e) {
            link.failed(e);
            return -1;
        }
    }

    private long exit(String room, String userid, String ofNode) {
        Long seq = redis.execute(EXIT, List.of(keys.presence(room, userid), keys.online(room), keys.sequence(room)), ofNode, userid);
        return seq == null ? 0 : seq;
    }

    /** Who is online in the room: on every node, or here only while Redis is away. */
    private List<UserRef> online(String room) {
        if (link.up()) {
            try {
                List<UserRef> users = new ArrayList<>();
                for (Object info : redis.opsForHash().values(keys.online(room))) {
                    users.add(json.readValue((String) info, UserRef.class));
                }
                return users;
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
        Map<String, UserRef> here = new LinkedHashMap<>();
        for (ChatSession s : subscriptions.of(room)) {
            here.putIfAbsent(s.userid(), userRef(s));
        }
        return new ArrayList<>(here.values());
    }

    static UserRef userRef(ChatSession session) {
        return LocalHub.userRef(session);
    }

    // ----- the lease, the reaper and the resync -----

    /** Renews this node's lease and ends the presence of nodes whose lease ran out. */
    void renewAndReap() {
        if (!link.up()) {
            return;
        }
        try {
            redis.opsForValue().set(keys.lease(node), "1", cluster.presenceLease());
            redis.opsForSet().add(keys.nodes(), node);
            Set<String> nodes = redis.opsForSet().members(keys.nodes());
            for (String other : nodes == null ? Set.<String>of() : nodes) {
                if (!other.equals(node) && !Boolean.TRUE.equals(redis.hasKey(keys.lease(other)))
                        && Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(keys.reaper(other), node, cluster.presenceLease()))) {
                    reap(other);
                }
            }
        } catch (RuntimeException e) {
            link.failed(e);
        }
    }

    private void reap(String dead) {
        Set<String> pairs = redis.opsForSet().members(keys.holds(dead));
        int left = 0;
        long now = System.currentTimeMillis();
        for (String pair : pairs == null ? Set.<String>of() : pairs) {
            String room = pair.substring(0, pair.indexOf('\u0001'));
            String userid = pair.substring(pair.indexOf('\u0001') + 1);
            Object info = redis.opsForHash().get(keys.online(room), userid);
            long seq = exit(room, userid, dead);
            if (seq > 0 && info != null) {
                synchronized (lock) {
                    announce(new PresenceNote(node, room, "left", json.readValue((String) info, UserRef.class), seq), now);
                }
                left++;
            }
        }
        redis.delete(List.of(keys.holds(dead), keys.sessionUsers(dead)));
        redis.opsForSet().remove(keys.nodes(), dead);
        log.info("node {} stopped renewing its lease: its users left {} room(s)", dead, left);
    }

    /** Redis is back (or this node starts): register what this node holds, withdraw what it no longer holds. */
    @EventListener(BusReconnected.class)
    void resync() {
        renewAndReap();
        long now = System.currentTimeMillis();
        synchronized (lock) {
            if (!link.up()) {
                return;
            }
            // a Redis that came back empty numbers announcements from 1 again: what was seen before says nothing now
            sequences.clear();
            try {
                Map<String, ChatSession> held = new HashMap<>();
                for (String room : new ArrayList<>(subscriptions.rooms())) {
                    for (ChatSession s : subscriptions.of(room)) {
                        held.putIfAbsent(RedisKeys.pair(room, s.userid()), s);
                    }
                }
                Set<String> registered = redis.opsForSet().members(keys.holds(node));
                for (var entry : held.entrySet()) {
                    String room = entry.getKey().substring(0, entry.getKey().indexOf('\u0001'));
                    long seq = enter(room, userRef(entry.getValue()));
                    if (seq > 0) {
                        announce(new PresenceNote(node, room, "joined", userRef(entry.getValue()), seq), now);
                    }
                }
                for (String pair : registered == null ? Set.<String>of() : new HashSet<>(registered)) {
                    if (!held.containsKey(pair)) {
                        String room = pair.substring(0, pair.indexOf('\u0001'));
                        String userid = pair.substring(pair.indexOf('\u0001') + 1);
                        Object info = redis.opsForHash().get(keys.online(room), userid);
                        redis.opsForSet().remove(keys.holds(node), pair);
                        long seq = exit(room, userid, node);
                        if (seq > 0 && info != null) {
                            announce(new PresenceNote(node, room, "left", json.readValue((String) info, UserRef.class), seq), now);
                        }
                    }
                }
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-lease");
            t.setDaemon(true);
            return t;
        });
        renewAndReap();
        long every = cluster.leaseRenewal().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                renewAndReap();
            } catch (RuntimeException e) {
                log.warn("lease renewal failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** A goodbye: stops renewing and gives the lease up, so the survivors reap at once (sessions left before, at 1001). */
    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        if (link.up()) {
            try {
                redis.delete(keys.lease(node));
            } catch (RuntimeException e) {
                log.debug("could not give the lease up: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the sessions closed (their lefts were announced) and before Redis connections close. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 128;
    }
}
