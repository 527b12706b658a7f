package io.pulsechat.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/** One open client WebSocket of the {@link WsPool}. Sends may come from any thread (Netty queues them). */
final class Conn {

    final Channel channel;
    /** Completed when the server answers this connection's join (the answer carrying {@code online}). */
    volatile CompletableFuture<Void> joined = new CompletableFuture<>();
    /** False for connections whose deliveries a probe must not count (e.g. the slow readers). */
    volatile boolean measured = true;
    volatile long lastSentNanos = System.nanoTime();
    volatile int closeCode = -1;
    /** Set once this side sent its close frame; a close frame after that is the server's answer. */
    volatile boolean closeSent;

    Conn(Channel channel) {
        this.channel = channel;
    }

    boolean isOpen() {
        return channel.isActive();
    }

    void send(String text) {
        lastSentNanos = System.nanoTime();
        channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
    }

    /** Sends a join and returns the future its answer completes. */
    CompletableFuture<Void> join(String room) {
        joined = new CompletableFuture<>();
        send(Wire.join(room));
        return joined;
    }

    /** Stops reading from the socket: the server's frames pile up in the kernel, then in the server. */
    void stopReading() {
        channel.config().setAutoRead(false);
    }

    /**
     * Starts the closing handshake: the server answers and closes the TCP connection first, so the TIME_WAIT
     * is on its side and the client's ephemeral ports are free again at once. Forced after 10 s.
     */
    void close() {
        if (!channel.isActive()) {
            return;
        }
        channel.config().setAutoRead(true);
        closeSent = true;
        channel.writeAndFlush(new CloseWebSocketFrame(1000, "bench done"));
        channel.eventLoop().schedule(() -> channel.close(), 10, TimeUnit.SECONDS);
    }
}
