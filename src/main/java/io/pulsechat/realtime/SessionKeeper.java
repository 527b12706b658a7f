package io.pulsechat.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.pulsechat.realtime.protocol.CloseCode;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame;

/**
 * Liveness and endings of sessions: the downstream heartbeat ({@code resp_type} 8 after
 * {@code chat.heartbeat.server-interval} of silence towards a client), the 4000 close after
 * {@code chat.heartbeat.server-timeout} without hearing from it, and 1001 for every session when the server shuts down (stopped first: the default phase is the highest). Time comes from the application's clock;
 * {@link #tick()} does one round and tests call it directly.
 */
@Component
class SessionKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionKeeper.class);

    /**
     * How often the keeper looks at every session: the heartbeat timings are whole seconds (the seed's counters), so
     * a heartbeat or a timeout is at most this late; shorter intervals (tests) are checked five times per interval.
     */
    static final Duration TICK = Duration.ofSeconds(1);

    private final SessionRegistry registry;
    private final FrameEncoder frames;
    private final HeartbeatProperties heartbeat;
    private final ChatMetrics metrics;
    private final Clock clock;
    private ScheduledExecutorService ticker;
    private volatile boolean running;

    SessionKeeper(SessionRegistry registry, FrameEncoder frames, HeartbeatProperties heartbeat, ChatMetrics metrics, Clock clock) {
        this.registry = registry;
        this.frames = frames;
        this.heartbeat = heartbeat;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** One round over every session. */
    void tick() {
        try {
            long now = clock.millis();
            for (ChatSession s : registry.all()) {
                if (now - s.lastReceived() >= heartbeat.serverTimeout().toMillis()) {
                    log.info("closing session {} with 4000: nothing heard for {}", s.id(), heartbeat.serverTimeout());
                    s.close(CloseCode.HEARTBEAT_TIMEOUT, "heartbeat timeout");
                } else if (now - s.lastSent() >= heartbeat.serverInterval().toMillis()) {
                    s.send(frames.text(new ServerFrame.Heartbeat(null, now)), now);
                }
            }
            metrics.sessions(registry.all());
        } catch (RuntimeException e) {
            log.error("heartbeat tick failed", e);
        }
    }

    @Override
    public void start() {
        running = true;
        long period = Math.min(TICK.toMillis(), heartbeat.serverInterval().toMillis() / 5);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ws-heartbeat");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, period, Math.max(1, period), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ticker.shutdownNow();
        registry.all().forEach(s -> s.close(CloseCode.GOING_AWAY, "server shutting down"));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
