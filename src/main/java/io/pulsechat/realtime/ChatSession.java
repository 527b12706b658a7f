package io.pulsechat.realtime;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import io.pulsechat.account.ChatUser;

/**
 * One open connection. Every send goes through {@link #send}: it only queues the frame and returns, and a
 * shared executor drains the queue with one task per session at a time, writing through the session's
 * {@link ConcurrentWebSocketSessionDecorator}. So writes to one socket never run concurrently, a room
 * broadcast never waits for a slow client, and a client that stops reading is closed once more than
 * {@code sendBufferLimit} bytes wait for it.
 */
final class ChatSession {

    private static final Logger log = LoggerFactory.getLogger(ChatSession.class);

    /** Close code for a client too slow to keep up (1013, try again later); it reconnects and resumes. */
    static final CloseStatus TOO_SLOW = CloseStatus.SERVICE_OVERLOAD.withReason("client too slow");

    private final WebSocketSession decorator;
    private final ChatUser user;
    private final String protocol;
    private final String version;
    private final String platform;
    private final Executor senders;
    private final long bufferLimit;
    private final ConcurrentLinkedQueue<WebSocketMessage<?>> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** The status the session is closing with; null while open. */
    private final AtomicReference<CloseStatus> closing = new AtomicReference<>();
    private final AtomicBoolean socketClosed = new AtomicBoolean();
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final RateLimiter rateLimiter;
    private volatile long lastReceived;
    private volatile long lastSent;

    ChatSession(WebSocketSession raw, ChatUser user, String protocol, String version, String platform,
                Executor senders, LimitsProperties limits, long now) {
        this.decorator = new ConcurrentWebSocketSessionDecorator(raw, (int) limits.sendTimeLimit().toMillis(),
                (int) Math.min(Integer.MAX_VALUE, limits.sendBufferLimit().toBytes()));
        this.user = user;
        this.protocol = protocol;
        this.version = version;
        this.platform = platform;
        this.senders = senders;
        this.bufferLimit = limits.sendBufferLimit().toBytes();
        this.rateLimiter = new RateLimiter(limits.sendsPerSecond(), limits.sendBurst(), limits.abuseCloseAfter());
        this.lastReceived = now;
        this.lastSent = now;
    }

    String id() {
        return decorator.getId();
    }

    ChatUser user() {
        return user;
    }

    String protocol() {
        return protocol;
    }

    boolean superchat() {
        return "superchat".equals(protocol);
    }

    String version() {
        return version;
    }

    String platform() {
        return platform;
    }

    Set<String> rooms() {
        return rooms;
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    long lastReceived() {
        return lastReceived;
    }

    long lastSent() {
        return lastSent;
    }

    void received(long now) {
        lastReceived = now;
    }

    boolean isOpen() {
        return closing.get() == null && decorator.isOpen();
    }

    /** Queues a frame for this client; never blocks. Frames may be shared between sessions (encode once). */
    void send(WebSocketMessage<?> message, long now) {
        if (closing.get() != null) {
            return;
        }
        if (queuedBytes.addAndGet(message.getPayloadLength()) > bufferLimit) {
            log.info("closing session {} of user {}: more than {} bytes waiting for it", id(), user.userid(), bufferLimit);
            close(TOO_SLOW);
            return;
        }
        outbox.add(message);
        lastSent = now;
        if (draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    private void drain() {
        try {
            WebSocketMessage<?> next;
            while (closing.get() == null && (next = outbox.poll()) != null) {
                queuedBytes.addAndGet(-next.getPayloadLength());
                decorator.sendMessage(next);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("send to session {} failed: {}", id(), e.toString());
            close(CloseStatus.SERVER_ERROR);
        } finally {
            draining.set(false);
            if (closing.get() != null) {
                // a close asked for while this drainer was writing: it is ours to send now
                closeWhenIdle();
            } else if (!outbox.isEmpty() && draining.compareAndSet(false, true)) {
                // a frame queued between the last poll and the reset above still needs a drainer
                senders.execute(this::drain);
            }
        }
    }

    /**
     * Closes once; later sends are dropped (the client resumes from its last id after reconnecting). The close
     * frame is written by whoever holds the writer role, after the frame being written: Tomcat gives a close that
     * races with a write only 50 ms and then drops the connection without it, so the client would see 1006 instead
     * of the code (1008, 4401, 4000, ...) it acts on. Only a client too slow to read is cut off at once: its close
     * frame could not get through anyway, and aborting frees the sender thread stuck writing to it.
     */
    void close(CloseStatus status) {
        if (closing.compareAndSet(null, status)) {
            outbox.clear();
            if (status == TOO_SLOW) {
                // at once, from another thread: that frees a sender stuck writing to it, and send() (called under
                // the registry's lock and on the message writer's thread) never waits for Tomcat
                senders.execute(() -> closeSocket(status));
            } else {
                closeWhenIdle();
            }
        }
    }

    private void closeWhenIdle() {
        if (draining.compareAndSet(false, true)) {
            closeSocket(closing.get()); // the writer role is never given back: nothing is written after the close
        }
    }

    private void closeSocket(CloseStatus status) {
        if (socketClosed.compareAndSet(false, true)) {
            try {
                decorator.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("close of session {} failed: {}", id(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "ChatSession[" + id() + ", " + user.userid() + ", " + protocol + "]";
    }
}
