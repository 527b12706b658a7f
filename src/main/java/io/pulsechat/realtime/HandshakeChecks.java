package io.pulsechat.realtime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import io.pulsechat.account.ChatUser;
import io.pulsechat.account.Tokens;

/**
 * The contract's refusals (docs/protocol.md section 3), as plain HTTP answers: 401 bad token or userid, 400 only unknown
 * subprotocols or a bad version/platform, 429 too many sessions. The origin check (403) runs before this. Never logs
 * the request URI: it carries the token.
 */
class HandshakeChecks implements HandshakeInterceptor {

    /** The subprotocols the server speaks, in the order it prefers them (lowercase: Spring compares as given). */
    static final List<String> PROTOCOLS = List.of("superchat", "chat");
    /** The request attribute naming the user whose session slot this handshake took. */
    private static final String SLOT = HandshakeChecks.class.getName() + ".slot";
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9._-]{1,32}$");

    private final Tokens tokens;
    private final SessionLimit sessionLimit;
    private final LimitsProperties limits;

    HandshakeChecks(Tokens tokens, SessionLimit sessionLimit, LimitsProperties limits) {
        this.tokens = tokens;
        this.sessionLimit = sessionLimit;
        this.limits = limits;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        String userid = decoded(query.getFirst("userid"));
        ChatUser user = tokens.verify(decoded(query.getFirst("token"))).orElse(null);
        if (user == null || !user.userid().equals(userid)) {
            return refuse(response, HttpStatus.UNAUTHORIZED);
        }
        List<String> offered = offeredProtocols(request);
        if (!offered.isEmpty() && offered.stream().noneMatch(PROTOCOLS::contains)) {
            return refuse(response, HttpStatus.BAD_REQUEST);
        }
        String version = decoded(query.getFirst("version"));
        String platform = decoded(query.getFirst("platform"));
        if ((version != null && !TAG.matcher(version).matches()) || (platform != null && !TAG.matcher(platform).matches())) {
            return refuse(response, HttpStatus.BAD_REQUEST);
        }
        // the last check: a slot taken here is given back when the session closes (or the upgrade fails)
        if (!sessionLimit.tryAcquire(user.userid(), limits.sessionsPerUser())) {
            return refuse(response, HttpStatus.TOO_MANY_REQUESTS);
        }
        if (request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(SLOT, user.userid());
        }
        new Handshake(user, version == null ? "" : version, platform == null ? "" : platform).storeIn(attributes);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception e) {
        if (e != null && request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(SLOT) instanceof String userid) {
            // the upgrade failed after the slot was taken: no session will close to give it back
            sessionLimit.release(userid);
        }
    }

    static List<String> offeredProtocols(ServerHttpRequest request) {
        List<String> offered = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty("Sec-WebSocket-Protocol")) {
            for (String token : header.split(",")) {
                if (!token.isBlank()) {
                    offered.add(token.strip());
                }
            }
        }
        return offered;
    }

    private static String decoded(String value) {
        try {
            return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "\u0000"; // a broken %-escape: matches no token, userid or tag
        }
    }

    private static boolean refuse(ServerHttpResponse response, HttpStatus status) {
        response.setStatusCode(status);
        return false;
    }
}
