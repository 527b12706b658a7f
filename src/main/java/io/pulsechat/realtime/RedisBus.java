package io.pulsechat.realtime;

import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulsechat.message.ChatMessage;
import io.pulsechat.message.MessageStored;
import io.pulsechat.message.RoomChange;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bus over Redis pub/sub. Publishing never blocks the caller (the message writer): one thread publishes, in the
 * order given, from a bounded queue. Anything that cannot be published (Redis away, the queue full) is dropped: the
 * other nodes' feeds fetch it from the database when the next revision shows the gap, or at their periodic check.
 */
class RedisBus implements Bus {

    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    /** Publications waiting for the publisher thread; beyond it they are dropped (and caught up from the database). */
    private static final int QUEUE = 10_000;

    /** A room change on the wire: the message as it is after the change; {@code inline} a small attachment, base64. */
    record ChangeNote(String node, boolean created, ChatMessage message, String inline) {
    }

    /** A signal on the wire. */
    record SignalNote(String node, Signal signal) {
    }

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final String node;
    private final JsonMapper json;
    private final RedisLink link;
    private final Counter published;
    private final Counter dropped;
    private final ThreadPoolExecutor publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "redis-publish");
                t.setDaemon(true);
                return t;
            });

    RedisBus(StringRedisTemplate redis, RedisKeys keys, String node, JsonMapper json, RedisLink link, MeterRegistry meters) {
        this.redis = redis;
        this.keys = keys;
        this.node = node;
        this.json = json;
        this.link = link;
        this.published = Counter.builder("chat.cluster.published").description("notes published to the other nodes").register(meters);
        this.dropped = Counter.builder("chat.cluster.publish.dropped")
                .description("notes not published (Redis away or the queue full); caught up from the database").register(meters);
    }

    @Override
    public void publish(RoomChange change, byte[] inline) {
        var note = new ChangeNote(node, change instanceof MessageStored, change.message(),
                inline == null ? null : Base64.getEncoder().encodeToString(inline));
        send(keys.changes(), note);
    }

    @Override
    public void publish(Signal signal) {
        send(keys.signals(), new SignalNote(node, signal));
    }

    /** A presence announcement (see {@link RedisPresence}). */
    void publishPresence(PresenceNote note) {
        send(keys.presence(), note);
    }

    @Override
    public boolean up() {
        return link.up();
    }

    private void send(String channel, Object note) {
        if (!link.up()) {
            dropped.increment();
            return;
        }
        try {
            publisher.execute(() -> {
                try {
                    redis.convertAndSend(channel, json.writeValueAsString(note));
                    published.increment();
                } catch (RuntimeException e) {
                    dropped.increment();
                    link.failed(e);
                }
            });
        } catch (RejectedExecutionException full) {
            dropped.increment();
            log.debug("Redis publish queue full: a note is left to the other nodes' database checks");
        }
    }

    void shutdown() {
        publisher.shutdown();
    }
}
