package io.pulsechat.realtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A WebSocket session that records what is written to it, for unit tests of what sits above the socket. Writes can
 * be made to fail, to see how the writer copes.
 */
final class FakeWebSocketSession implements WebSocketSession {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final String id = "fake-" + IDS.incrementAndGet();
    private final String protocol;
    private final Map<String, Object> attributes = new HashMap<>();
    /** Every frame written and, last, the close: in the order they reached the socket. */
    final List<Object> written = Collections.synchronizedList(new ArrayList<>());
    volatile boolean open = true;
    volatile IOException failWrites;

    FakeWebSocketSession(String protocol) {
        this.protocol = protocol;
    }

    /** The text frames written, in order. */
    List<String> texts() {
        synchronized (written) {
            return written.stream().filter(TextMessage.class::isInstance).map(m -> ((TextMessage) m).getPayload()).toList();
        }
    }

    /** The close status written, or null. */
    CloseStatus closeStatus() {
        synchronized (written) {
            return written.stream().filter(CloseStatus.class::isInstance).map(CloseStatus.class::cast).findFirst().orElse(null);
        }
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        if (!open) {
            throw new IOException("closed");
        }
        if (failWrites != null) {
            throw failWrites;
        }
        written.add(message);
    }

    @Override
    public void close(CloseStatus status) {
        if (open) {
            open = false;
            written.add(status);
        }
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getAcceptedProtocol() {
        return protocol;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public URI getUri() {
        return URI.create("ws://localhost/ws/chat");
    }

    @Override
    public HttpHeaders getHandshakeHeaders() {
        return new HttpHeaders();
    }

    @Override
    public Principal getPrincipal() {
        return null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return null;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getTextMessageSizeLimit() {
        return 0;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getBinaryMessageSizeLimit() {
        return 0;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }
}
