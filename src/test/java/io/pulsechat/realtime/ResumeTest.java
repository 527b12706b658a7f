package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.error;
import static io.pulsechat.realtime.Wire.message;
import static io.pulsechat.realtime.Wire.texts;
import static io.pulsechat.realtime.Wire.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resume ({@code req_type} 6): after a disconnect, exactly the missed messages, from the database, marked
 * {@code "replay": true}, ascending, at most 500, then {@code resp_type} 6 with {@code complete}.
 * (Same context as {@link OrderingTest}: high send rates, so many messages can be sent quickly.)
 */
@ChatServerTest(properties = {"chat.limits.sends-per-second=100000", "chat.limits.send-burst=100000"})
class ResumeTest extends ChatFixture {

    /** Sends n messages and returns them as delivered to the sender, by client_msg_id in send order. */
    Map<String, JsonNode> sendMany(WsClient sender, int n) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            String id = cmid();
            ids.add(id);
            sender.sendMessage(room, "missed " + i, id);
        }
        Map<String, JsonNode> delivered = new LinkedHashMap<>();
        int acks = 0;
        while (delivered.size() < n || acks < n) {
            JsonNode f = sender.await(type(2).or(type(4)).or(type(9)));
            assertThat(f.get("resp_type").asInt()).as("no error: %s", f).isNotEqualTo(9);
            if (!ids.contains(f.get("client_msg_id").asString())) {
                continue; // from before
            }
            if (f.get("resp_type").asInt() == 2) {
                delivered.put(f.get("client_msg_id").asString(), f);
            } else {
                acks++;
            }
        }
        assertThat(delivered.keySet()).containsExactlyElementsOf(ids);
        return delivered;
    }

    static JsonNode replayed(JsonNode live) {
        return ((ObjectNode) live.deepCopy()).put("replay", true);
    }

    @Test
    void resumeReplaysExactlyTheMissedMessagesThenCompletes() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b = connectAndJoin(bob, "superchat");
        String seenId = cmid();
        b.sendMessage(room, "seen before the disconnect", seenId);
        long lastSeen = a.await(message(seenId)).get("id").asLong();
        a.close();

        Map<String, JsonNode> missed = sendMany(b, 30);

        WsClient again = connectAndJoin(alice, "superchat");
        again.send(Map.of("req_type", 6, "room", room, "after", lastSeen));
        List<JsonNode> frames = texts(again.until(type(6)));
        JsonNode done = frames.get(frames.size() - 1);
        assertThat(done.get("room").asString()).isEqualTo(room);
        assertThat(done.get("complete").asBoolean()).isTrue();
        List<JsonNode> replays = frames.stream().filter(type(2)).toList();
        assertThat(replays).containsExactlyElementsOf(missed.values().stream().map(ResumeTest::replayed).toList());
        assertThat(replays).allMatch(m -> m.get("replay").asBoolean());

        // nothing missed: just the resume answer
        again.send(Map.of("req_type", 6, "room", room, "after", replays.get(replays.size() - 1).get("id").asLong()));
        List<JsonNode> nothing = texts(again.until(type(6)));
        assertThat(nothing).noneMatch(type(2));
        assertThat(nothing.get(nothing.size() - 1).get("complete").asBoolean()).isTrue();

        // live messages after a resume are not marked as replayed
        String live = cmid();
        b.sendMessage(room, "live", live);
        assertThat(again.await(message(live)).has("replay")).isFalse();
    }

    @Test
    void moreThan500MissedGivesTheOldest500AndIncomplete() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b = connectAndJoin(bob, "chat");
        List<JsonNode> missed = new ArrayList<>(sendMany(b, 523).values());

        a.send(Map.of("req_type", 6, "room", room, "after", 0));
        List<JsonNode> frames = texts(a.until(type(6)));
        JsonNode done = frames.get(frames.size() - 1);
        assertThat(done.get("complete").asBoolean()).isFalse();
        List<JsonNode> replays = frames.stream().filter(type(2)).filter(m -> m.path("replay").asBoolean()).toList();
        assertThat(replays).hasSize(500);
        assertThat(replays).containsExactlyElementsOf(missed.subList(0, 500).stream().map(ResumeTest::replayed).toList());

        // the rest over REST, from the last replayed id
        long last = replays.get(499).get("id").asLong();
        var response = api.get("/api/rooms/" + room + "/messages?after=" + last + "&limit=200", alice);
        JsonNode page = TestApi.json(response);
        assertThat(page.get("has_more").asBoolean()).isFalse();
        assertThat(page.get("messages").valueStream().map(m -> m.get("client_msg_id").asString()).toList())
                .containsExactlyElementsOf(missed.subList(500, 523).stream().map(m -> m.get("client_msg_id").asString()).toList());

        // exactly 500 missed is complete
        long before500 = missed.get(22).get("id").asLong();
        a.send(Map.of("req_type", 6, "room", room, "after", before500));
        List<JsonNode> exact = texts(a.until(type(6)));
        assertThat(exact.stream().filter(type(2)).filter(m -> m.path("replay").asBoolean())).hasSize(500);
        assertThat(exact.get(exact.size() - 1).get("complete").asBoolean()).isTrue();
    }

    @Test
    void resumeNeedsMembershipAndAValidCursor() {
        WsClient a = connect(alice, "chat");
        a.send(Map.of("req_type", 6, "room", room, "after", 0));
        assertThat(a.await(error("not_member")).get("req_type").asInt()).isEqualTo(6);
        a.send(Map.of("req_type", 6, "room", "no-such-room-here", "after", 0));
        assertThat(a.await(error("no_such_room")).get("req_type").asInt()).isEqualTo(6);
        a.join(room);
        for (Object after : new Object[] {-1, "5", 1.5, new java.math.BigInteger("100000000000000000000000")}) {
            a.send(Map.of("req_type", 6, "room", room, "after", after));
            assertThat(a.await(error("bad_request").or(type(6))).get("resp_type").asInt()).as("after=%s", after).isEqualTo(9);
        }
        a.send(Map.of("req_type", 6, "room", room));
        assertThat(a.await(error("bad_request")).get("req_type").asInt()).isEqualTo(6);
        // and the connection is still fine
        String id = cmid();
        a.sendMessage(room, "still here", id);
        a.await(ack(id));
    }
}
