package io.pulsechat.realtime;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
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
import io.pulsechat.realtime.protocol.CloseCode;

/**
 * One open connection and its writer.
 * <p>
 * Concurrency contract: {@link #send} only queues a frame and returns; it is safe from any thread and never blocks.
 * One writer task per session at a time (on the shared {@code writers} executor) drains the queue through the
 * session's {@link ConcurrentWebSocketSessionDecorator}, so writes to one socket never run concurrently and a room
 * broadcast never waits for a slow client. More than {@code sendBufferLimit} bytes waiting closes the session with
 * 1013 at once. Any other close is written by the writer after every frame queued before it: a client always sees
 * the answers to what it sent before the close code it acts on.
 */
final class ChatSession {

    private static final Logger log = LoggerFactory.getLogger(ChatSession.class);
    private static final CompletableFuture<Void> NOTHING_PENDING = CompletableFuture.completedFuture(null);

    /** A client too slow to keep up; it reconnects and resumes. */
    static final CloseStatus TOO_SLOW = CloseCode.TRY_AGAIN_LATER.status("client too slow");

    private final WebSocketSession socket;
    private final ChatUser user;
    private final String protocol;
    private final String version;
    private final String platform;
    private final Executor writers;
    private final long bufferLimit;
    private final RateLimiter rateLimiter;
    /** A message arriving in parts; touched only by the thread Tomcat delivers this session's input on. */
    private final Fragments fragments = new Fragments();
    private final Queue<WebSocketMessage<?>> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** The status the session closes with; null while open. Once set, nothing new is queued. */
    private final AtomicReference<CloseStatus> closing = new AtomicReference<>();
    private final AtomicBoolean socketClosed = new AtomicBoolean();
    /** Set for a close that cuts off what is queued (1013): the writer stops at once. */
    private volatile boolean aborted;
    /** A close decided but waiting for the acks of sends already accepted (see {@link #closeAfterPendingStores}). */
    private volatile boolean closeDecided;
    /** Completes after the ack of the last send this session made (the receiving thread sets it). */
    private volatile CompletableFuture<?> lastStore = NOTHING_PENDING;
    private volatile long lastReceived;
    private volatile long lastSent;

    ChatSession(WebSocketSession raw, Handshake handshake, Executor writers, LimitsProperties limits, long now) {
        this.socket = new ConcurrentWebSocketSessionDecorator(raw, (int) limits.sendTimeLimit().toMillis(),
                (int) Math.min(Integer.MAX_VALUE, limits.sendBufferLimit().toBytes()));
        this.user = handshake.user();
        String accepted = raw.getAcceptedProtocol();
        this.protocol = accepted == null || accepted.isEmpty() ? "chat" : accepted; // no offer: chat semantics
        this.version = handshake.version();
        this.platform = handshake.platform();
        this.writers = writers;
        this.bufferLimit = limits.sendBufferLimit().toBytes();
        this.rateLimiter = new RateLimiter(limits.sendsPerSecond(), limits.sendBurst(), limits.abuseCloseAfter());
        this.lastReceived = now;
        this.lastSent = now;
    }

    String id() {
        return socket.getId();
    }

    ChatUser user() {
        return user;
    }

    String userid() {
        return user.userid();
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

    Fragments fragments() {
        return fragments;
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
        return closing.get() == null && socket.isOpen();
    }

    /** A close is decided: frames from the client are not handled any more. */
    boolean ignoresInput() {
        return closeDecided || closing.get() != null;
    }

    /** Queues a frame for this client; never blocks. Frames may be shared between sessions (encode once). */
    void send(WebSocketMessage<?> message, long now) {
        if (closing.get() != null) {
            return;
        }
        if (queuedBytes.addAndGet(message.getPayloadLength()) > bufferLimit) {
            log.info("closing session {} of user {} with 1013: more than {} bytes wait for it", id(), userid(), bufferLimit);
            close(TOO_SLOW);
            return;
        }
        outbox.add(message);
        lastSent = now;
        startWriter();
    }

    /** Remembers a send of this session whose ack is pending; {@code acked} completes after the ack was queued. */
    void storing(CompletableFuture<?> acked) {
        lastStore = acked;
    }

    /**
     * Closes once the sends already accepted from this client have been answered (their acks are queued before
     * the close). Input is ignored from now on.
     */
    void closeAfterPendingStores(CloseStatus status) {
        closeDecided = true;
        lastStore.whenComplete((done, failed) -> close(status));
    }

    /** Closes with 1011 and logs why (never the token: nothing here knows it). */
    void closeForError(String what, Throwable cause) {
        if (closing.get() == null) {
            log.error("closing session {} of user {} with 1011: {}", id(), userid(), what, cause);
        }
        close(CloseCode.SERVER_ERROR.status("server error"));
    }

    /**
     * Closes once; later sends are dropped (the client resumes from its last id after reconnecting). The writer
     * sends every frame queued so far and then the close frame: a close that races with a write gets only 50 ms
     * from Tomcat before the connection is dropped without it, and the client would see 1006 instead of the code
     * (1008, 4401, 4000, ...) it acts on. Only a client too slow to read is cut off at once: its close frame could
     * not get through anyway, and closing from another thread frees a writer stuck on it.
     */
    void close(CloseStatus status) {
        if (!closing.compareAndSet(null, status)) {
            return;
        }
        if (status == TOO_SLOW) {
            aborted = true;
            outbox.clear();
            writers.execute(() -> closeSocket(status));
        } else {
            startWriter();
        }
    }

    /** The connection is gone (the client closed it, or the network): nothing more is written. */
    void ended(CloseStatus status) {
        closing.compareAndSet(null, status);
        aborted = true;
        outbox.clear();
        socketClosed.set(true);
    }

    void close(CloseCode code, String reason) {
        close(code.status(reason));
    }

    private void startWriter() {
        if (writing.compareAndSet(false, true)) {
            writers.execute(this::write);
        }
    }

    /** The writer: one at a time per session. Writes what is queued, then the close frame if one was asked for. */
    private void write() {
        try {
            WebSocketMessage<?> next;
            while (!aborted && (next = outbox.poll()) != null) {
                queuedBytes.addAndGet(-next.getPayloadLength());
                socket.sendMessage(next);
            }
        } catch (IOException | RuntimeException e) {
            if (closing.compareAndSet(null, CloseCode.SERVER_ERROR.status("write failed"))) {
                log.warn("closing session {} of user {} with 1011: writing to it failed", id(), userid(), e);
            }
            aborted = true;
            outbox.clear();
            closeSocket(closing.get());
            return; // the writer role is never given back
        }
        CloseStatus status = closing.get();
        if (status != null) {
            closeSocket(status); // the writer role is never given back: nothing is written after the close frame
            return;
        }
        writing.set(false);
        // a frame (or a close) that came between the last poll and the reset above still needs a writer
        if (!outbox.isEmpty() || closing.get() != null) {
            startWriter();
        }
    }

    private void closeSocket(CloseStatus status) {
        if (socketClosed.compareAndSet(false, true)) {
            try {
                socket.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("close of session {} failed: {}", id(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "ChatSession[" + id() + ", " + userid() + ", " + protocol + "]"; // never the URI: it carries the token
    }
}
