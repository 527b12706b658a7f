package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * The server's downstream heartbeat ({@code resp_type} 8 without {@code req_no}) and the heartbeat timeout
 * (close 4000), with the interval shortened to 500 ms and the timeout to 2 s (PROTOCOL sections 5 and 7).
 */
@ChatServerTest(properties = {"chat.heartbeat.server-interval=500ms", "chat.heartbeat.server-timeout=2s"})
class HeartbeatTest {

    @LocalServerPort
    int port;

    TestApi api;
    TestApi.User user;
    final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        user = api.register();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(WsClient::closeQuietly);
    }

    WsClient connect(String protocol) {
        WsClient client = api.connect(user, protocol);
        clients.add(client);
        return client;
    }

    @Test
    void anIdleClientGetsTheServersOwnHeartbeat() {
        WsClient client = connect("chat");
        long before = System.currentTimeMillis();
        JsonNode beat = client.await(Wire.type(8), Duration.ofSeconds(5));
        assertThat(beat.has("req_no")).isFalse();
        assertThat(beat.get("server_time").asLong()).isBetween(before - 60_000, before + 60_000);
        // and it keeps coming while nothing else is sent
        assertThat(client.await(Wire.type(8), Duration.ofSeconds(5)).has("req_no")).isFalse();
    }

    @Test
    void aClientThatSendsNothingIsClosedWith4000AndOneThatSendsStaysOpen() throws InterruptedException {
        WsClient silent = connect("chat");
        WsClient beating = connect("superchat");
        WsClient pinging = connect("chat");
        long connected = System.nanoTime();

        // 5 s, two and a half timeouts: one sends heartbeats, one pings, one nothing
        int n = 0;
        while (System.nanoTime() - connected < Duration.ofSeconds(5).toNanos()) {
            n++;
            beating.send(Map.of("req_type", 8, "req_no", String.valueOf(n)));
            pinging.send(Map.of("req_type", 1, "timestamp", n));
            Thread.sleep(400);
        }
        WsClient.Close close = silent.awaitClose(Duration.ofSeconds(5));
        assertThat(close.code()).isEqualTo(4000);
        assertThat(beating.closedOrNull()).isNull();
        assertThat(pinging.closedOrNull()).isNull();

        // the silent one did get heartbeats before it was closed: hearing from the server is not enough
        List<Object> silentFrames = silent.drain();
        assertThat(silentFrames).anyMatch(f -> f instanceof JsonNode j && Wire.type(8).test(j) && !j.has("req_no"));

        // the others answer normally
        List<Object> beats = beating.drain();
        assertThat(beats).anyMatch(f -> f instanceof JsonNode j && Wire.type(8).test(j) && j.path("req_no").asString().equals("1"));
        int last = n;
        beating.send(Map.of("req_type", 8, "req_no", "last"));
        beating.await(f -> Wire.type(8).test(f) && "last".equals(f.path("req_no").asString()));
        pinging.send(Map.of("req_type", 1, "timestamp", last + 1));
        pinging.await(Wire.pong(last + 1));
    }

    @Test
    void theTimeoutCountsFromTheLastFrameHeard() {
        WsClient client = connect("chat");
        client.send(Map.of("req_type", 1, "timestamp", 1));
        client.await(Wire.pong(1));
        long lastSent = System.nanoTime();
        WsClient.Close close = client.awaitClose(Duration.ofSeconds(10));
        long after = System.nanoTime() - lastSent;
        assertThat(close.code()).isEqualTo(4000);
        assertThat(close.reason()).isNotBlank();
        // not before the 2 s timeout (with the 100 ms check period as slack), and not much later
        assertThat(Duration.ofNanos(after)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(8));
    }
}
