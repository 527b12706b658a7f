package io.pulsechat.realtime;

import java.security.Principal;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import io.pulsechat.account.ChatUser;

/** Makes the token's user the session's principal. */
class ChatHandshakeHandler extends DefaultHandshakeHandler {

    @Override
    protected Principal determineUser(ServerHttpRequest request, WebSocketHandler handler, Map<String, Object> attributes) {
        ChatUser user = (ChatUser) attributes.get(HandshakeChecks.USER);
        return new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities());
    }
}
