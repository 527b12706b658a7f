package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/** Every row of docs/protocol.md section 3, against a running server with the JDK's WebSocket client. */
@ChatServerTest(properties = "chat.allowed-origins=https://chat.example.com")
class HandshakeTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi api;
    TestApi.User user;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        user = api.register();
    }

    String url() {
        return api.wsUrl(user.userid(), api.token(user), "version=1.2.3&platform=micro-web");
    }

    @Test
    void offersAreAnsweredWithTheFirstProtocolTheServerSpeaks() {
        WsClient superchat = api.open(url(), Map.of(), "superchat", "chat");
        assertThat(superchat.protocol()).isEqualTo("superchat");
        assertThat(superchat.next().get("protocol").asString()).isEqualTo("superchat");
        superchat.close();

        WsClient chat = api.open(url(), Map.of(), "chat", "superchat");
        assertThat(chat.protocol()).isEqualTo("chat");
        assertThat(chat.next().get("protocol").asString()).isEqualTo("chat");
        chat.close();

        WsClient skipsUnknown = api.open(url(), Map.of(), "v2.chat", "chat");
        assertThat(skipsUnknown.protocol()).isEqualTo("chat");
        skipsUnknown.close();
    }

    @Test
    void noOfferMeansChatSemanticsAndNoProtocolHeader() {
        WsClient client = api.open(url(), Map.of());
        assertThat(client.protocol()).isEmpty();
        assertThat(client.next().get("protocol").asString()).isEqualTo("chat");
        client.close();
    }

    /** chat.websocket.compression is off by default: a browser's offer of permessage-deflate is not taken up. */
    @Test
    void permessageDeflateIsNotNegotiatedByDefault() throws Exception {
        List<String> head = upgradeOfferingDeflate(url());
        assertThat(head.get(0)).startsWith("http/1.1 101");
        assertThat(head).anyMatch(h -> h.startsWith("sec-websocket-protocol: chat"));
        assertThat(head).noneMatch(h -> h.startsWith("sec-websocket-extensions"));
    }

    /** The response head (lowercased lines) of an upgrade offering {@code chat} and permessage-deflate, as browsers do. */
    static List<String> upgradeOfferingDeflate(String url) throws java.io.IOException {
        java.net.URI uri = java.net.URI.create(url);
        try (var socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: chat\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            List<String> head = new java.util.ArrayList<>();
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                head.add(line.toLowerCase(java.util.Locale.ROOT));
            }
            return head;
        }
    }

    @Test
    void onlyUnknownSubprotocolsIs400() {
        assertThat(api.handshakeStatus(url(), Map.of(), "mqtt", "wamp")).isEqualTo(400);
    }

    @Test
    void badVersionOrPlatformIs400() {
        String token = api.token(user);
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), token, "version=" + "9".repeat(33)), Map.of(), "chat"))
                .isEqualTo(400);
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), token, "platform=micro%20web"), Map.of(), "chat"))
                .isEqualTo(400);
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), token, "platform=" + "w".repeat(32)), Map.of(), "chat"))
                .isEqualTo(101);
    }

    @Test
    void missingMalformedTamperedOrForeignTokensAre401() {
        String token = api.token(user);
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), null, null), Map.of(), "chat")).isEqualTo(401);
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), "not-a-jwt", null), Map.of(), "chat")).isEqualTo(401);
        String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), tampered, null), Map.of(), "chat")).isEqualTo(401);
        TestApi.User other = api.register();
        assertThat(api.handshakeStatus(api.wsUrl(other.userid(), token, null), Map.of(), "chat")).isEqualTo(401);
        assertThat(api.handshakeStatus(api.wsUrl(null, token, null), Map.of(), "chat")).isEqualTo(401);
    }

    @Test
    void expiredOrForeignSignedTokensAre401() {
        byte[] key = Base64.getDecoder().decode(jdbc.sql("select secret from server_secrets").query(String.class).single());
        String expired = sign(key, Instant.now().minusSeconds(600), Instant.now().minusSeconds(1));
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), expired, null), Map.of(), "chat")).isEqualTo(401);
        String valid = sign(key, Instant.now(), Instant.now().plusSeconds(60));
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), valid, null), Map.of(), "chat")).isEqualTo(101);
        byte[] otherKey = "another-key-of-at-least-32-bytes-long!".getBytes();
        String foreign = sign(otherKey, Instant.now(), Instant.now().plusSeconds(60));
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), foreign, null), Map.of(), "chat")).isEqualTo(401);
    }

    private String sign(byte[] key, Instant issued, Instant expires) {
        var encoder = NimbusJwtEncoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256")).algorithm(MacAlgorithm.HS256).build();
        var claims = JwtClaimsSet.builder().issuer("pulse-chat").subject(user.userid()).issuedAt(issued).expiresAt(expires).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    @Test
    void foreignOriginIs403EvenWithoutAToken() {
        assertThat(api.handshakeStatus(url(), Map.of("Origin", "https://evil.example.org"), "chat")).isEqualTo(403);
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), null, null), Map.of("Origin", "https://evil.example.org"), "chat"))
                .isEqualTo(403);
        assertThat(api.handshakeStatus(url(), Map.of("Origin", "http://localhost:" + port), "chat")).isEqualTo(101);
        assertThat(api.handshakeStatus(url(), Map.of("Origin", "https://chat.example.com"), "chat")).isEqualTo(101);
    }

    @Test
    void aMalformedOriginIsAForeignOrigin() {
        for (String origin : List.of("http://x:abc", "http://a b", "http://127.0.0.1:8080:1", "::", "http://[::1")) {
            assertThat(api.handshakeStatus(url(), Map.of("Origin", origin), "chat")).as(origin).isEqualTo(403);
        }
    }

    @Test
    void theSessionAfterTheLimitIs429() {
        List<WsClient> open = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            open.add(api.connect(user, "chat"));
        }
        assertThat(api.handshakeStatus(url(), Map.of(), "chat")).isEqualTo(429);
        open.remove(0).close();
        // the slot frees once the server has seen the close
        long deadline = System.currentTimeMillis() + 5000;
        int status;
        do {
            status = api.handshakeStatus(url(), Map.of(), "chat");
        } while (status == 429 && System.currentTimeMillis() < deadline);
        assertThat(status).isEqualTo(101);
        open.forEach(WsClient::closeQuietly);
    }

    @Test
    void welcomeDescribesTheSession() {
        WsClient client = api.open(url(), Map.of(), "superchat", "chat");
        long before = System.currentTimeMillis();
        JsonNode welcome = client.next();
        assertThat(welcome.get("resp_type").asInt()).isEqualTo(5);
        assertThat(welcome.get("session_id").asString()).isNotBlank();
        assertThat(welcome.get("user").get("userid").asString()).isEqualTo(user.userid());
        assertThat(welcome.get("user").get("display_name").asString()).isEqualTo(user.displayName());
        assertThat(welcome.get("user").get("platform").asString()).isEqualTo("micro-web");
        assertThat(welcome.get("protocol").asString()).isEqualTo("superchat");
        assertThat(welcome.get("heartbeat").get("send_after_s").asInt()).isEqualTo(55);
        assertThat(welcome.get("heartbeat").get("timeout_s").asInt()).isEqualTo(70);
        assertThat(welcome.get("server_time").asLong()).isBetween(before - 60_000, before + 60_000);
        client.close();
    }

    @Test
    void pingAndHeartbeatAreEchoed() {
        WsClient client = api.connect(user, "chat");
        client.send(Map.of("req_type", 1, "timestamp", 1234567));
        JsonNode pong = client.next();
        assertThat(pong.get("resp_type").asInt()).isEqualTo(1);
        assertThat(pong.get("timestamp").asLong()).isEqualTo(1234567);
        assertThat(pong.get("server_time").asLong()).isPositive();

        client.send(Map.of("req_type", 8, "req_no", "1700000000000"));
        JsonNode beat = client.next();
        assertThat(beat.get("resp_type").asInt()).isEqualTo(8);
        assertThat(beat.get("req_no").asString()).isEqualTo("1700000000000");
        assertThat(beat.get("server_time").asLong()).isPositive();
        client.close();
    }
}
