package io.pulsechat.realtime;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/** Makes the token's user the session's principal; negotiates {@code permessage-deflate} only when configured. */
class ChatHandshakeHandler extends DefaultHandshakeHandler {

    private final WebSocketProperties websocket;

    ChatHandshakeHandler(WebSocketProperties websocket) {
        this.websocket = websocket;
    }

    @Override
    protected Principal determineUser(ServerHttpRequest request, WebSocketHandler handler, Map<String, Object> attributes) {
        var user = Handshake.from(attributes).user();
        return new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities());
    }

    /**
     * No extension is accepted unless {@code chat.websocket.compression} is on (see {@link WebSocketProperties}). Tomcat
     * negotiates from the request's header on its own, so {@link NoCompressionOffer} hides the offer from it too.
     */
    @Override
    protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request, List<WebSocketExtension> requested,
                                                                 List<WebSocketExtension> supported) {
        return websocket.compression() ? super.filterRequestedExtensions(request, requested, supported) : List.of();
    }
}
