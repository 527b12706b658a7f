package io.pulsechat.realtime;

import java.util.Map;

import io.pulsechat.account.ChatUser;

/**
 * What the handshake established (docs/protocol.md section 3), kept as one typed attribute of the WebSocket session.
 *
 * @param version the client's {@code version}, "" when not given
 * @param platform the client's {@code platform}, "" when not given
 */
record Handshake(ChatUser user, String version, String platform) {

    private static final String ATTRIBUTE = Handshake.class.getName();

    void storeIn(Map<String, Object> attributes) {
        attributes.put(ATTRIBUTE, this);
    }

    static Handshake from(Map<String, Object> attributes) {
        return (Handshake) attributes.get(ATTRIBUTE);
    }
}
