package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/** Predicates over server frames (docs/protocol.md section 5) and small waiting helpers shared by the messaging tests. */
final class Wire {

    private Wire() {
    }

    static String cmid() {
        return UUID.randomUUID().toString();
    }

    static Predicate<JsonNode> type(int respType) {
        return f -> f.path("resp_type").asInt() == respType;
    }

    static Predicate<JsonNode> ack(String clientMsgId) {
        return f -> f.path("resp_type").asInt() == 4 && clientMsgId.equals(f.path("client_msg_id").asString());
    }

    static Predicate<JsonNode> message(String clientMsgId) {
        return f -> f.path("resp_type").asInt() == 2 && clientMsgId.equals(f.path("client_msg_id").asString());
    }

    static Predicate<JsonNode> error(String code) {
        return f -> f.path("resp_type").asInt() == 9 && code.equals(f.path("code").asString());
    }

    static Predicate<JsonNode> event(String room, String event) {
        return f -> f.path("resp_type").asInt() == 3 && room.equals(f.path("room").asString())
                && event.equals(f.path("event").asString());
    }

    static Predicate<JsonNode> event(String room, String event, String userid) {
        return event(room, event).and(f -> userid.equals(f.path("user").path("userid").asString()));
    }

    static Predicate<JsonNode> pong(long timestamp) {
        return f -> f.path("resp_type").asInt() == 1 && f.path("timestamp").asLong() == timestamp;
    }

    /** The text frames among frames (binary ones dropped). */
    static List<JsonNode> texts(List<Object> frames) {
        return frames.stream().filter(JsonNode.class::isInstance).map(JsonNode.class::cast).toList();
    }

    /** Asserts that none of the frames matches. */
    static void noneOf(List<Object> frames, Predicate<JsonNode> unwanted, String what) {
        assertThat(texts(frames)).as(what).noneMatch(unwanted);
    }

    /** Polls (Awaitility) until the condition holds, failing after the wait: for state another thread changes. */
    static void eventually(Duration wait, String what, Supplier<Boolean> condition) {
        org.awaitility.Awaitility.await(what).atMost(wait).pollInterval(Duration.ofMillis(20)).until(condition::get);
    }
}
