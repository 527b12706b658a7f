package io.pulsechat.realtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

import io.pulsechat.realtime.protocol.ServerFrame.UserRef;
import tools.jackson.databind.json.JsonMapper;

/**
 * Presence across the cluster, in Redis. Per room and user, the nodes with a session of the user there; per room, who
 * is online and a counter numbering its announcements. "First anywhere" and "last anywhere" are decided atomically,
 * one Lua script per transition, so two nodes never both announce. Each node keeps a lease
 * ({@code chat.cluster.presence-lease}, renewed every {@code lease-renewal}); when one dies without a goodbye, a
 * survivor ends its users' presence and announces {@code left}. While Redis is away the hub decides alone; when it is
 * back this node registers what it holds and withdraws what it no longer holds.
 */
final class RedisPresence implements PresenceStore, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);

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

    private final PresenceHub hub;
    private final RedisBus bus;
    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final String node;
    private final RedisLink link;
    private final ClusterProperties cluster;
    private final JsonMapper json;
    /**
     * Users whose last session here left while Redis was away: only this node announced it. A Redis that comes back
     * empty no longer knows they were here, so the resync tells the other nodes (see {@link #resync}).
     */
    private final Map<String, UserRef> leftWhileAway = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private volatile boolean running;

    RedisPresence(PresenceHub hub, RedisBus bus, StringRedisTemplate redis, RedisKeys keys, String node, RedisLink link,
                  ClusterProperties cluster, JsonMapper json) {
        this.hub = hub;
        this.bus = bus;
        this.redis = redis;
        this.keys = keys;
        this.node = node;
        this.link = link;
        this.cluster = cluster;
        this.json = json;
        hub.decideWith(this);
    }

    @Override
    public long enter(String room, UserRef user) {
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

    @Override
    public long exit(String room, UserRef user) {
        String pair = RedisKeys.pair(room, user.userid());
        if (!link.up()) {
            leftWhileAway.put(pair, user);
            return -1;
        }
        try {
            redis.opsForSet().remove(keys.holds(node), pair);
            return exit(room, user.userid(), node);
        } catch (RuntimeException e) {
            link.failed(e);
            leftWhileAway.put(pair, user);
            return -1;
        }
    }

    private long exit(String room, String userid, String ofNode) {
        Long seq = redis.execute(EXIT, List.of(keys.presence(room, userid), keys.online(room), keys.sequence(room)), ofNode, userid);
        return seq == null ? 0 : seq;
    }

    @Override
    public List<UserRef> online(String room) {
        if (!link.up()) {
            return null;
        }
        try {
            List<UserRef> users = new ArrayList<>();
            for (Object info : redis.opsForHash().values(keys.online(room))) {
                users.add(json.readValue((String) info, UserRef.class));
            }
            return users;
        } catch (RuntimeException e) {
            link.failed(e);
            return null;
        }
    }

    /** Numbered announcements and typing travel; one decided here alone (Redis away) stays here. */
    @Override
    public void publish(PresenceNote note) {
        if (note.seq() > 0 || "typing".equals(note.event())) {
            bus.publishPresence(note);
        }
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
        for (String pair : pairs == null ? Set.<String>of() : pairs) {
            if (leaveFor(pair, dead)) {
                left++;
            }
        }
        redis.delete(List.of(keys.holds(dead), keys.sessionUsers(dead)));
        redis.opsForSet().remove(keys.nodes(), dead);
        log.info("node {} stopped renewing its lease: its users left {} room(s)", dead, left);
    }

    /** Ends a node's presence of a (room, user) pair; announces {@code left} if it was the last anywhere. */
    private boolean leaveFor(String pair, String ofNode) {
        String room = pair.substring(0, pair.indexOf('\u0001'));
        String userid = pair.substring(pair.indexOf('\u0001') + 1);
        Object info = redis.opsForHash().get(keys.online(room), userid);
        long seq = exit(room, userid, ofNode);
        if (seq > 0 && info != null) {
            hub.announceUnderLock(new PresenceNote(node, room, "left", json.readValue((String) info, UserRef.class), seq),
                    System.currentTimeMillis());
            return true;
        }
        return false;
    }

    /** Redis is back (or this node starts): register what this node holds, withdraw what it no longer holds. */
    @EventListener(BusReconnected.class)
    void resync() {
        renewAndReap();
        hub.locked(() -> {
            if (!link.up()) {
                return null;
            }
            hub.forgetSequences(); // a Redis that came back empty numbers announcements from 1 again
            try {
                long now = System.currentTimeMillis();
                Map<String, UserRef> held = hub.held();
                Set<String> registered = redis.opsForSet().members(keys.holds(node));
                for (var entry : held.entrySet()) {
                    String room = entry.getKey().substring(0, entry.getKey().indexOf('\u0001'));
                    long seq = enter(room, entry.getValue());
                    if (seq > 0) {
                        hub.announceUnderLock(new PresenceNote(node, room, "joined", entry.getValue(), seq), now);
                    }
                }
                for (String pair : registered == null ? Set.<String>of() : new HashSet<>(registered)) {
                    if (!held.containsKey(pair)) {
                        redis.opsForSet().remove(keys.holds(node), pair);
                        leaveFor(pair, node);
                    }
                }
                // left here while Redis was away, and it does not know they were here (it came back empty): unless
                // another node holds them there, the others still show them online
                for (var entry : new HashMap<>(leftWhileAway).entrySet()) {
                    String pair = entry.getKey();
                    leftWhileAway.remove(pair);
                    String room = pair.substring(0, pair.indexOf('\u0001'));
                    if (held.containsKey(pair) || (registered != null && registered.contains(pair))
                            || redis.opsForHash().hasKey(keys.online(room), entry.getValue().userid())) {
                        continue;
                    }
                    Long seq = redis.opsForValue().increment(keys.sequence(room));
                    // this node's sessions heard it when it happened; only the others need it
                    publish(new PresenceNote(node, room, "left", entry.getValue(), seq == null ? 0 : seq));
                }
            } catch (RuntimeException e) {
                link.failed(e);
            }
            return null;
        });
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
