package io.pulsechat.realtime;

import java.util.List;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The per-user session limit across the cluster: per user a Redis hash of node -> sessions there, checked and
 * incremented in one Lua script (so simultaneous handshakes on different nodes cannot both take the last slot);
 * counts of nodes whose lease ran out are dropped on the way. While Redis is away each node counts its own sessions
 * only (a user may then have up to the limit on every node); when it is back the node writes its counts again.
 */
final class RedisSessionLimit implements SessionLimit {

    private static final RedisScript<Long> ACQUIRE = new DefaultRedisScript<>("""
            local total = 0
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              if redis.call('EXISTS', ARGV[3] .. all[i]) == 1 then
                total = total + tonumber(all[i + 1])
              else
                redis.call('HDEL', KEYS[1], all[i])
              end
            end
            if total >= tonumber(ARGV[2]) then return 0 end
            redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            return 1""", Long.class);

    private static final RedisScript<Long> RELEASE = new DefaultRedisScript<>("""
            local n = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
            if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
            return n""", Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final String node;
    private final RedisLink link;
    /** This node's own counts: the fallback while Redis is away, and what is written back when it returns. */
    private final SessionLimit.Local here = new SessionLimit.Local();

    RedisSessionLimit(StringRedisTemplate redis, RedisKeys keys, String node, RedisLink link) {
        this.redis = redis;
        this.keys = keys;
        this.node = node;
        this.link = link;
    }

    @Override
    public boolean tryAcquire(String userid, int limit) {
        if (link.up()) {
            try {
                Long ok = redis.execute(ACQUIRE, List.of(keys.sessions(userid)), node, String.valueOf(limit), keys.leasePrefix());
                if (ok == null || ok == 0) {
                    return false;
                }
                redis.opsForSet().add(keys.sessionUsers(node), userid);
                here.tryAcquire(userid, Integer.MAX_VALUE);
                return true;
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
        return here.tryAcquire(userid, limit);
    }

    @Override
    public void release(String userid) {
        here.release(userid);
        if (link.up()) {
            try {
                redis.execute(RELEASE, List.of(keys.sessions(userid)), node);
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
    }

    @Override
    public boolean hasSessions(String userid) {
        if (here.hasSessions(userid)) {
            return true;
        }
        if (link.up()) {
            try {
                return redis.opsForHash().values(keys.sessions(userid)).stream()
                        .anyMatch(count -> Long.parseLong(String.valueOf(count)) > 0);
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
        return false;
    }

    /** Redis is back: this node's counts replace whatever Redis remembered of them. */
    @EventListener(BusReconnected.class)
    void resync() {
        try {
            Set<String> counted = redis.opsForSet().members(keys.sessionUsers(node));
            for (String userid : counted == null ? Set.<String>of() : counted) {
                if (here.count(userid) == 0) {
                    redis.opsForHash().delete(keys.sessions(userid), node);
                    redis.opsForSet().remove(keys.sessionUsers(node), userid);
                }
            }
            here.forEach((userid, count) -> {
                redis.opsForHash().put(keys.sessions(userid), node, String.valueOf(count));
                redis.opsForSet().add(keys.sessionUsers(node), userid);
            });
        } catch (RuntimeException e) {
            link.failed(e);
        }
    }
}
