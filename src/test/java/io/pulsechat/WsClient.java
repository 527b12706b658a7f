package io.pulsechat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import java.net.http.WebSocket;

import tools.jackson.databind.JsonNode;

/**
 * One WebSocket connection of a test: collects text frames as JSON and binary frames as bytes. With
 * {@link #stopReading()} it stops asking for more frames, so the server's writes back up like a stuck client.
 */
public final class WsClient implements WebSocket.Listener {

    public static final Duration WAIT = Duration.ofSeconds(10);

    /** How the server closed the connection. */
    public record Close(int code, String reason) {
    }

    WebSocket socket;
    JsonNode welcome;
    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final List<ByteBuffer> binary = new ArrayList<>();
    private volatile boolean reading = true;

    public JsonNode welcome() {
        return welcome;
    }

    public String protocol() {
        return socket.getSubprotocol();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            frames.add(TestApi.JSON.readTree(text.toString()));
            text.setLength(0);
        }
        more(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        binary.add(copy);
        if (last) {
            int size = binary.stream().mapToInt(ByteBuffer::remaining).sum();
            ByteBuffer all = ByteBuffer.allocate(size);
            binary.forEach(all::put);
            binary.clear();
            frames.add(all.array());
        }
        more(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(1006, String.valueOf(error)));
    }

    private void more(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    /** Stops pulling frames from the connection (the server's writes to it back up). */
    public void stopReading() {
        reading = false;
    }

    /** Pulls frames again after {@link #stopReading()}. */
    public void resumeReading() {
        reading = true;
        socket.request(1);
    }

    /** A send ({@code req_type} 2). */
    public void sendMessage(String room, String text, String clientMsgId) {
        send(Map.of("req_type", 2, "room", room, "text", text, "client_msg_id", clientMsgId));
    }

    /** The session id from the welcome. */
    public String sessionId() {
        return welcome.path("session_id").asString();
    }

    /** How the server closed the connection, if it has. */
    public Close closedOrNull() {
        return closed.getNow(null);
    }

    public void send(Map<String, ?> frame) {
        sendText(TestApi.JSON.writeValueAsString(frame));
    }

    public void sendText(String frame) {
        synchronized (this) {
            socket.sendText(frame, true).join();
        }
    }

    public void sendBinary(byte[] frame) {
        synchronized (this) {
            socket.sendBinary(ByteBuffer.wrap(frame), true).join();
        }
    }

    /** The next text frame (any type). */
    public JsonNode next() {
        return next(WAIT);
    }

    public JsonNode next(Duration wait) {
        Object frame = poll(wait);
        if (!(frame instanceof JsonNode node)) {
            throw new AssertionError("expected a text frame, got binary of " + ((byte[]) frame).length + " bytes");
        }
        return node;
    }

    /** The next binary frame, skipping no text frame in between. */
    public byte[] nextBinary() {
        Object frame = poll(WAIT);
        if (!(frame instanceof byte[] bytes)) {
            throw new AssertionError("expected a binary frame, got " + frame);
        }
        return bytes;
    }

    /** The next text frame matching, skipping (and dropping) the others, e.g. heartbeats and presence. */
    public JsonNode await(Predicate<JsonNode> wanted) {
        return await(wanted, WAIT);
    }

    public JsonNode await(Predicate<JsonNode> wanted, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object frame = poll(Duration.ofNanos(Math.max(1, left)));
            if (frame instanceof JsonNode node && wanted.test(node)) {
                return node;
            }
        }
    }

    /**
     * Every frame (text as JSON, binary as bytes) up to and including the first text frame matching, so a test
     * can check what arrived before a sentinel frame.
     */
    public List<Object> until(Predicate<JsonNode> last) {
        return until(last, WAIT);
    }

    public List<Object> until(Predicate<JsonNode> last, Duration wait) {
        List<Object> seen = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object frame = poll(Duration.ofNanos(Math.max(1, left)));
            seen.add(frame);
            if (frame instanceof JsonNode node && last.test(node)) {
                return seen;
            }
        }
    }

    /**
     * For each predicate the first text frame matching it, in whatever order they arrive (e.g. the ack and the
     * message of a send), skipping and dropping frames that match none. Results are in the predicates' order.
     */
    @SafeVarargs
    public final List<JsonNode> awaitEach(Predicate<JsonNode>... wanted) {
        JsonNode[] found = new JsonNode[wanted.length];
        int missing = wanted.length;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (missing > 0) {
            long left = deadline - System.nanoTime();
            Object frame = poll(Duration.ofNanos(Math.max(1, left)));
            if (frame instanceof JsonNode node) {
                for (int i = 0; i < wanted.length; i++) {
                    if (found[i] == null && wanted[i].test(node)) {
                        found[i] = node;
                        missing--;
                        break;
                    }
                }
            }
        }
        return List.of(found);
    }

    /** The next text frame of that resp_type, skipping the others. */
    public JsonNode awaitType(int respType) {
        return await(f -> f.path("resp_type").asInt() == respType);
    }

    /** Null when nothing arrives within the wait. */
    public Object pollOrNull(Duration wait) {
        try {
            return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Object poll(Duration wait) {
        Object frame = pollOrNull(wait);
        if (frame == null) {
            throw new AssertionError("no frame within " + wait + (closed.isDone() ? "; closed: " + closed.join() : ""));
        }
        return frame;
    }

    /** Frames received so far and not yet taken. */
    public List<Object> drain() {
        List<Object> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    /** How the server closed the connection, waiting up to {@code wait}. */
    public Close awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("not closed within " + wait, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone() || socket.isInputClosed();
    }

    /** Joins a room and waits for the {@code joined} answer. */
    public JsonNode join(String room) {
        send(Map.of("req_type", 3, "room", room));
        return await(f -> f.path("resp_type").asInt() == 3 && room.equals(f.path("room").asString())
                && "joined".equals(f.path("event").asString()) && f.has("online"));
    }

    public void close() {
        socket.sendClose(1000, "bye").join();
    }

    public void closeQuietly() {
        try {
            socket.sendClose(1000, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            socket.abort();
        }
    }
}
