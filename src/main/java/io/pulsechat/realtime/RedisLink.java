package io.pulsechat.realtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether Redis answers, checked every {@code chat.cluster.poll-interval}; also told by anyone whose Redis call
 * failed. One log line when an outage starts and one when it ends, never one per message. While it is down the
 * room feeds poll the database; when it is back, {@link BusReconnected} makes everyone catch up.
 */
class RedisLink implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final StringRedisTemplate redis;
    private final ClusterProperties cluster;
    private final ApplicationEventPublisher events;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final Counter pollSeconds;
    private ScheduledExecutorService timer;
    private volatile boolean running;
    private volatile long downSince;

    RedisLink(StringRedisTemplate redis, ClusterProperties cluster, ApplicationEventPublisher events, MeterRegistry meters) {
        this.redis = redis;
        this.cluster = cluster;
        this.events = events;
        Gauge.builder("chat.cluster.redis.up", up, u -> u.get() ? 1 : 0).description("1 while Redis answers").register(meters);
        this.pollSeconds = Counter.builder("chat.cluster.poll.seconds")
                .description("seconds of cross-node delivery by polling the database (Redis away)").register(meters);
    }

    boolean up() {
        return up.get();
    }

    /** A Redis call failed: the outage starts now (the check confirms its end). */
    void failed(RuntimeException e) {
        if (up.compareAndSet(true, false)) {
            downSince = System.nanoTime();
            log.warn("Redis is unreachable ({}): cross-node delivery polls the database every {} ms and presence is per node"
                    + " until it is back", e.toString(), cluster.pollInterval().toMillis());
        }
    }

    void check() {
        try {
            redis.execute(connection -> connection.ping(), true);
            if (up.compareAndSet(false, true)) {
                double seconds = (System.nanoTime() - downSince) / 1e9;
                pollSeconds.increment(seconds);
                log.info("Redis is back after {} s: catching up from the database and re-registering presence",
                        Math.round(seconds));
                events.publishEvent(new BusReconnected());
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void start() {
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-link");
            t.setDaemon(true);
            return t;
        });
        long every = cluster.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
