package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.message;
import static io.pulsechat.realtime.Wire.noneOf;
import static io.pulsechat.realtime.Wire.pong;
import static io.pulsechat.realtime.Wire.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.pulsechat.ChatServerTest;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * Send ({@code req_type} 2) with ack and delivery, validation errors and idempotent resend: docs/protocol.md sections 4
 * and 5.
 */
@ChatServerTest
class SendTest extends ChatFixture {

    long pings;

    /** A ping answered proves the connection is open and every earlier frame of it was handled. */
    void assertStillOpen(WsClient client) {
        long ts = ++pings;
        client.send(Map.of("req_type", 1, "timestamp", ts));
        client.await(pong(ts));
    }

    @Test
    void senderGetsAnAckAndEverySessionInTheRoomTheMessage() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b1 = connectAndJoin(bob, "superchat");
        WsClient b2 = connectAndJoin(bob, "chat");
        String elsewhere = api.createRoom(alice);
        WsClient outsider = connect(api.register(), "chat");
        outsider.join(elsewhere);
        a.join(elsewhere);

        String id = cmid();
        long before = System.currentTimeMillis();
        a.sendMessage(room, "héllo wörld ✓", id);
        List<JsonNode> answers = a.awaitEach(ack(id), message(id));
        long after = System.currentTimeMillis();
        JsonNode ack = answers.get(0);
        JsonNode own = answers.get(1);
        assertThat(ack.get("client_msg_id").asString()).isEqualTo(id);

        assertThat(ack.get("id").asLong()).isPositive();
        assertThat(ack.get("ts").asLong()).isBetween(before - 1000, after + 1000);
        assertThat(own.get("id").asLong()).isEqualTo(ack.get("id").asLong());
        assertThat(own.get("ts").asLong()).isEqualTo(ack.get("ts").asLong());
        assertThat(own.get("room").asString()).isEqualTo(room);
        assertThat(own.get("text").asString()).isEqualTo("héllo wörld ✓");
        assertThat(own.get("client_msg_id").asString()).isEqualTo(id);
        assertThat(own.get("from").get("userid").asString()).isEqualTo(alice.userid());
        assertThat(own.get("from").get("display_name").asString()).isEqualTo(alice.displayName());
        assertThat(own.has("attachment")).isFalse();
        assertThat(own.has("replay")).isFalse();

        for (WsClient receiver : List.of(b1, b2)) {
            JsonNode got = receiver.await(message(id));
            assertThat(got).isEqualTo(own);
        }
        // the outsider is in another room: nothing before a message there
        String there = cmid();
        a.sendMessage(elsewhere, "elsewhere", there);
        noneOf(outsider.until(message(there)), message(id), "frames of a session in another room");

        // REST history has the same message object
        List<JsonNode> history = api.history(room, bob);
        assertThat(history).hasSize(1);
        JsonNode stored = history.get(0);
        for (String field : List.of("id", "room", "from", "text", "ts", "client_msg_id")) {
            assertThat(stored.get(field)).as(field).isEqualTo(own.get(field));
        }
        assertThat(stored.has("attachment")).isFalse();
    }

    @Test
    void idsStrictlyIncreaseAndTheLongestTextIsAccepted() {
        WsClient a = connectAndJoin(alice, "chat");
        long last = 0;
        // 4000 characters, counted as code points: ASCII, 3-byte UTF-8, and characters outside the BMP
        for (String text : List.of("x".repeat(4000), "中".repeat(4000), "😀".repeat(4000), "a")) {
            String id = cmid();
            a.sendMessage(room, text, id);
            List<JsonNode> answers = a.awaitEach(ack(id).or(Wire.type(9)), message(id).or(Wire.type(9)));
            assertThat(answers).as("answers to %s...", text.substring(0, Math.min(2, text.length()))).noneMatch(Wire.type(9));
            assertThat(answers.get(0).get("id").asLong()).isGreaterThan(last);
            last = answers.get(0).get("id").asLong();
            assertThat(answers.get(1).get("text").asString()).isEqualTo(text);
        }
        // the longest client_msg_id, also counted in code points
        String longestId = "🔑".repeat(64);
        a.sendMessage(room, "with the longest id", longestId);
        assertThat(a.awaitEach(ack(longestId).or(Wire.type(9)), message(longestId).or(Wire.type(9))))
                .noneMatch(Wire.type(9));
        assertStillOpen(a);
        assertThat(api.history(room, alice)).extracting(m -> m.get("text").asString().length())
                .containsExactly(4000, 4000, 8000, 1, 19);
        assertThat(api.history(room, alice).get(4).get("client_msg_id").asString()).isEqualTo(longestId);
    }

    @Test
    void invalidSendsAreRefusedWithTheirIdsEchoedAndNothingIsStored() {
        WsClient a = connectAndJoin(alice, "chat");
        String unjoined = api.createRoom(alice);

        record Case(String what, Map<String, Object> frame, String code, boolean echoesId) {
        }
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("empty text", send(room, "", "c-empty"), "bad_request", true));
        cases.add(new Case("blank text", send(room, "  \t\n ", "c-blank"), "bad_request", true));
        cases.add(new Case("4001 characters", send(room, "y".repeat(4001), "c-long"), "bad_request", true));
        cases.add(new Case("4001 code points", send(room, "😀".repeat(4001), "c-long-astral"), "bad_request", true));
        Map<String, Object> noText = send(room, "x", "c-no-text");
        noText.remove("text");
        cases.add(new Case("missing text", noText, "bad_request", true));
        Map<String, Object> numericText = send(room, "x", "c-numeric-text");
        numericText.put("text", 42);
        cases.add(new Case("text not a string", numericText, "bad_request", true));
        Map<String, Object> noId = send(room, "x", "x");
        noId.remove("client_msg_id");
        cases.add(new Case("missing client_msg_id", noId, "bad_request", false));
        cases.add(new Case("empty client_msg_id", send(room, "x", ""), "bad_request", false));
        cases.add(new Case("65-character client_msg_id", send(room, "x", "i".repeat(65)), "bad_request", true));
        Map<String, Object> numericId = send(room, "x", "x");
        numericId.put("client_msg_id", 123);
        cases.add(new Case("client_msg_id not a string", numericId, "bad_request", false));
        Map<String, Object> noRoom = send(room, "x", "c-no-room");
        noRoom.remove("room");
        cases.add(new Case("missing room", noRoom, "bad_request", true));
        cases.add(new Case("room not joined", send(unjoined, "x", "c-not-member"), "not_member", true));
        cases.add(new Case("unknown room", send("no-such-room-here", "x", "c-no-room-here"), "no_such_room", true));

        for (Case c : cases) {
            a.send(c.frame());
            JsonNode answer = a.await(Wire.type(9).or(Wire.type(4)).or(Wire.type(2)));
            assertThat(answer.get("resp_type").asInt()).as(c.what()).isEqualTo(9);
            assertThat(answer.get("code").asString()).as(c.what()).isEqualTo(c.code());
            assertThat(answer.get("message").asString()).as(c.what()).isNotBlank();
            assertThat(answer.get("req_type").asInt()).as(c.what() + ": req_type echoed").isEqualTo(2);
            if (c.echoesId()) {
                assertThat(answer.get("client_msg_id").asString()).as(c.what() + ": client_msg_id echoed")
                        .isEqualTo(c.frame().get("client_msg_id"));
            }
            assertStillOpen(a);
        }
        assertThat(api.history(room, alice)).isEmpty();
        assertThat(api.history(unjoined, alice)).isEmpty();
    }

    static Map<String, Object> send(String room, String text, String clientMsgId) {
        Map<String, Object> frame = new HashMap<>();
        frame.put("req_type", 2);
        frame.put("room", room);
        frame.put("text", text);
        frame.put("client_msg_id", clientMsgId);
        return frame;
    }

    @Test
    void framesThatAreNotRequestsAreRefusedAndTheConnectionStaysOpen() {
        WsClient a = connect(alice, "superchat");
        Consumer<String> expect = code -> {
            JsonNode answer = a.await(Wire.type(9));
            assertThat(answer.get("code").asString()).isEqualTo(code);
            assertThat(answer.get("message").asString()).isNotBlank();
            assertStillOpen(a);
        };
        a.sendText("this is not json");
        expect.accept("bad_json");
        a.sendText("{\"req_type\": 2, \"room\": ");
        expect.accept("bad_json");
        a.sendText("[{\"req_type\": 1, \"timestamp\": 1}]");
        expect.accept("bad_json");
        a.sendText("\"a string\"");
        expect.accept("bad_json");
        a.sendText("null");
        expect.accept("bad_json");
        a.sendText("{}");
        expect.accept("bad_request");
        a.sendText("{\"req_type\": \"2\"}");
        expect.accept("bad_request");

        for (long unknown : new long[] {0, 7, 13, 42, -2, 4_294_967_298L}) {
            a.send(Map.of("req_type", unknown, "room", room, "timestamp", 5));
            JsonNode answer = a.await(Wire.type(9).or(Wire.type(1)));
            assertThat(answer.get("code").asString()).as("req_type %d", unknown).isEqualTo("unknown_type");
            assertThat(answer.get("req_type").asLong()).as("req_type echoed").isEqualTo(unknown);
            assertStillOpen(a);
        }
    }

    @Test
    void resendingTheSameClientMsgIdStoresNothingNewAndAnswersTheOriginalAck() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b = connectAndJoin(bob, "chat");

        String id = cmid();
        a.sendMessage(room, "first", id);
        JsonNode original = a.await(ack(id));
        b.await(message(id));

        a.sendMessage(room, "second text, same id", id);
        JsonNode again = a.await(ack(id));
        assertThat(again).isEqualTo(original);

        // after a reconnect too (the case it exists for)
        a.closeQuietly();
        WsClient a2 = connectAndJoin(alice, "superchat");
        a2.sendMessage(room, "third", id);
        assertThat(a2.await(ack(id))).isEqualTo(original);

        // twice back to back, likely in one group commit: one message, one id
        String twice = cmid();
        a2.sendMessage(room, "twice", twice);
        a2.sendMessage(room, "twice", twice);
        JsonNode firstAck = a2.await(ack(twice));
        JsonNode secondAck = a2.await(ack(twice));
        assertThat(secondAck).isEqualTo(firstAck);

        // nobody was delivered a duplicate
        String sentinel = cmid();
        a2.sendMessage(room, "sentinel", sentinel);
        List<JsonNode> seen = texts(b.until(message(sentinel)));
        assertThat(seen).noneMatch(message(id));
        assertThat(seen).filteredOn(message(twice)).hasSize(1);

        List<JsonNode> history = api.history(room, alice);
        assertThat(history).extracting(m -> m.get("client_msg_id").asString()).containsExactly(id, twice, sentinel);
        assertThat(history.get(0).get("text").asString()).isEqualTo("first");
        assertThat(history.get(0).get("id").asLong()).isEqualTo(original.get("id").asLong());

        // the same client_msg_id from another user is that user's own message
        b.sendMessage(room, "bob's", id);
        JsonNode bobs = b.await(ack(id));
        assertThat(bobs.get("id").asLong()).isNotEqualTo(original.get("id").asLong());
        assertThat(api.history(room, alice)).hasSize(4);
    }
}
