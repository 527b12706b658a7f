package io.pulsechat.realtime;

import java.util.Collection;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

/**
 * The first handshake check: an {@code Origin} header that is neither the server's own nor allowed gets 403
 * (docs/protocol.md section 3). A malformed origin ({@code http://x:abc}) is a foreign one: Spring's check throws on it,
 * which would answer 500 with a stack trace in the log.
 */
class OriginCheck extends OriginHandshakeInterceptor {

    OriginCheck(Collection<String> allowedOrigins) {
        super(allowedOrigins);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws Exception {
        try {
            return super.beforeHandshake(request, response, handler, attributes);
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
    }
}
