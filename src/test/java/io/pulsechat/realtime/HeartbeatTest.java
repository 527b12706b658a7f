package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.pulsechat.ChatServerTest;
import io.pulsechat.MutableClock;
import io.pulsechat.TestApi;
import io.pulsechat.TestClockConfig;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * The server's downstream heartbeat ({@code resp_type} 8 without {@code req_no}, after 25 s of silence towards a
 * client) and the heartbeat timeout (close 4000 after 90 s without hearing from it), docs/protocol.md sections 5 and 7.
 * Time is the application's clock, moved by the test; the keeper's rounds are run by hand.
 */
@ChatServerTest
@Import(TestClockConfig.class)
class HeartbeatTest extends OpenClients {

    @Autowired
    MutableClock clock;

    @Autowired
    SessionKeeper keeper;

    @Autowired
    SessionRegistry registry;

    TestApi api;
    TestApi.User user;
    long pings;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        user = api.register();
    }

    WsClient connect(String protocol) {
        WsClient client = api.connect(user, protocol);
        clients.add(client);
        return client;
    }

    /** Advances the clock and runs one keeper round. */
    void passes(Duration time) {
        clock.advance(time);
        keeper.tick();
    }

    /** The frames up to the answer of a fresh ping (so everything sent before it has arrived). */
    List<JsonNode> framesUntilPong(WsClient client) {
        long ts = ++pings;
        client.send(Map.of("req_type", 1, "timestamp", ts));
        return Wire.texts(client.until(Wire.pong(ts)));
    }

    static boolean serverHeartbeat(JsonNode frame) {
        return Wire.type(8).test(frame) && !frame.has("req_no");
    }

    @Test
    void anIdleClientGetsTheServersOwnHeartbeatAfter25SecondsOfSilence() {
        WsClient client = connect("chat");
        passes(Duration.ofSeconds(24));
        assertThat(framesUntilPong(client)).as("no heartbeat before 25 s").noneMatch(HeartbeatTest::serverHeartbeat);

        // the pong was the last frame sent: 25 s of silence from now
        passes(Duration.ofSeconds(25));
        JsonNode beat = client.await(Wire.type(8));
        assertThat(beat.has("req_no")).isFalse();
        assertThat(beat.get("server_time").asLong()).isEqualTo(clock.millis());
        // and it keeps coming while nothing else is sent
        passes(Duration.ofSeconds(25));
        assertThat(client.await(Wire.type(8)).get("server_time").asLong()).isEqualTo(clock.millis());
    }

    @Test
    void aClientThatSendsNothingIsClosedWith4000AndOnesThatSendStayOpen() {
        WsClient silent = connect("chat");
        WsClient beating = connect("superchat");
        WsClient pinging = connect("chat");

        // 100 s in steps of 20: one sends heartbeats, one pings, one nothing
        for (int n = 1; n <= 5; n++) {
            passes(Duration.ofSeconds(20));
            String reqNo = String.valueOf(n);
            beating.send(Map.of("req_type", 8, "req_no", reqNo));
            beating.await(f -> Wire.type(8).test(f) && reqNo.equals(f.path("req_no").asString()));
            framesUntilPong(pinging);
        }
        keeper.tick();
        WsClient.Close close = silent.awaitClose(Duration.ofSeconds(10));
        assertThat(close.code()).isEqualTo(4000);
        assertThat(close.reason()).isNotBlank();
        // the silent one did get heartbeats before it was closed: hearing from the server is not enough
        assertThat(Wire.texts(silent.drain())).anyMatch(HeartbeatTest::serverHeartbeat);
        framesUntilPong(beating);
        framesUntilPong(pinging);
        assertThat(beating.closedOrNull()).isNull();
        assertThat(pinging.closedOrNull()).isNull();
    }

    @Test
    void theTimeoutCountsFromTheLastFrameHeard() {
        WsClient client = connect("chat");
        framesUntilPong(client);
        ChatSession session = registry.get(client.sessionId());

        passes(Duration.ofSeconds(90).minusMillis(1));
        assertThat(session.ignoresInput()).as("still open 1 ms before the timeout").isFalse();
        passes(Duration.ofMillis(1));
        assertThat(session.ignoresInput()).as("closing at the timeout").isTrue();
        WsClient.Close close = client.awaitClose(Duration.ofSeconds(10));
        assertThat(close.code()).isEqualTo(4000);
        assertThat(close.reason()).isEqualTo("heartbeat timeout");
    }
}
