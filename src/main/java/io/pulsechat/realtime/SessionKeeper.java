package io.pulsechat.realtime;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import io.pulsechat.account.LoggedOut;

/**
 * Liveness and endings of sessions: the downstream heartbeat ({@code resp_type} 8 after
 * {@code chat.heartbeat.server-interval} of silence towards a client), the 4000 close after
 * {@code chat.heartbeat.server-timeout} without hearing from it, 4401 on logout, and 1001 for every
 * session when the server shuts down (stopped first: the default phase is the highest).
 */
@Component
class SessionKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionKeeper.class);
    static final CloseStatus HEARTBEAT_TIMEOUT = new CloseStatus(4000, "heartbeat timeout");
    static final CloseStatus AUTH_ENDED = new CloseStatus(4401, "authentication ended");

    private final SessionRegistry registry;
    private final Frames frames;
    private final HeartbeatProperties heartbeat;
    private final ChatMetrics metrics;
    private final Clock clock;
    private ScheduledExecutorService ticker;
    private volatile boolean running;

    SessionKeeper(SessionRegistry registry, Frames frames, HeartbeatProperties heartbeat, ChatMetrics metrics, Clock clock) {
        this.registry = registry;
        this.frames = frames;
        this.heartbeat = heartbeat;
        this.metrics = metrics;
        this.clock = clock;
    }

    void tick() {
        try {
            long now = clock.millis();
            for (ChatSession s : registry.all()) {
                if (now - s.lastReceived() >= heartbeat.serverTimeout().toMillis()) {
                    log.info("closing session {}: nothing heard for {}", s.id(), heartbeat.serverTimeout());
                    s.close(HEARTBEAT_TIMEOUT);
                } else if (now - s.lastSent() >= heartbeat.serverInterval().toMillis()) {
                    s.send(frames.heartbeat(null, now), now);
                }
            }
            metrics.sessions(registry.all());
        } catch (RuntimeException e) {
            log.error("heartbeat tick failed", e);
        }
    }

    @EventListener
    void loggedOut(LoggedOut event) {
        registry.ofUser(event.userid()).forEach(s -> s.close(AUTH_ENDED));
    }

    @Override
    public void start() {
        running = true;
        long period = Math.max(50, Math.min(1000, heartbeat.serverInterval().toMillis() / 5));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ws-heartbeat");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ticker.shutdownNow();
        CloseStatus goingAway = CloseStatus.GOING_AWAY.withReason("server shutting down");
        registry.all().forEach(s -> s.close(goingAway));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
