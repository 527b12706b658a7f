package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.error;
import static io.pulsechat.realtime.Wire.event;
import static io.pulsechat.realtime.Wire.message;
import static io.pulsechat.realtime.Wire.noneOf;
import static io.pulsechat.realtime.Wire.pong;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.pulsechat.ChatServerTest;
import io.pulsechat.MutableClock;
import io.pulsechat.TestClockConfig;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/** Typing ({@code req_type} 5, docs/protocol.md sections 4 and 5), with the application's clock moved by the test. */
@ChatServerTest
@Import(TestClockConfig.class)
class TypingTest extends ChatFixture {

    @Autowired
    MutableClock clock;

    long pings;

    void assertStillOpen(WsClient client) {
        long ts = ++pings;
        client.send(Map.of("req_type", 1, "timestamp", ts));
        client.await(pong(ts));
    }

    @Test
    void typingReachesTheOtherUsersAtMostOncePerTwoSeconds() {
        WsClient a = connectAndJoin(alice, "superchat");
        WsClient a2 = connectAndJoin(alice, "superchat");
        WsClient b = connectAndJoin(bob, "superchat");

        a.send(Map.of("req_type", 5, "room", room));
        JsonNode typing = b.await(event(room, "typing"));
        assertThat(typing.get("user").get("userid").asString()).isEqualTo(alice.userid());
        assertThat(typing.get("user").get("display_name").asString()).isEqualTo(alice.displayName());
        assertThat(typing.get("user").get("platform").asString()).isEqualTo("junit");

        // again at once, also from alice's other session: throttled per user and room
        a.send(Map.of("req_type", 5, "room", room));
        a2.send(Map.of("req_type", 5, "room", room));
        String sentinel = cmid();
        a2.sendMessage(room, "sentinel", sentinel);
        noneOf(b.until(message(sentinel)), event(room, "typing"), "bob's frames after repeated typing");
        noneOf(a.until(message(sentinel)), event(room, "typing"), "the typist's own frames");
        noneOf(a2.until(message(sentinel)), event(room, "typing"), "the typist's other session's frames");

        // the throttle lets the next one through 2 s after the first, not earlier
        clock.advance(Duration.ofMillis(1999));
        a.send(Map.of("req_type", 5, "room", room));
        String almost = cmid();
        a.sendMessage(room, "1999 ms later", almost);
        noneOf(b.until(message(almost)), event(room, "typing"), "bob's frames 1999 ms after the first typing");
        clock.advance(Duration.ofMillis(1));
        a.send(Map.of("req_type", 5, "room", room));
        assertThat(b.await(event(room, "typing")).get("user").get("userid").asString()).isEqualTo(alice.userid());
    }

    @Test
    void typingIsUnsupportedOnChatAndNeedsMembership() {
        WsClient chat = connectAndJoin(alice, "chat");
        chat.send(Map.of("req_type", 5, "room", room));
        JsonNode refused = chat.await(error("unsupported"));
        assertThat(refused.get("req_type").asInt()).isEqualTo(5);
        assertStillOpen(chat);

        WsClient superchat = connect(bob, "superchat");
        superchat.send(Map.of("req_type", 5, "room", room));
        assertThat(superchat.await(error("not_member")).get("req_type").asInt()).isEqualTo(5);
        assertStillOpen(superchat);
    }
}
