package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.error;
import static io.pulsechat.realtime.Wire.message;
import static io.pulsechat.realtime.Wire.noneOf;
import static io.pulsechat.realtime.Wire.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.pulsechat.ChatServerTest;
import io.pulsechat.MutableClock;
import io.pulsechat.TestClockConfig;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * docs/protocol.md section 11 over the socket: edit (9), delete (10), react (11), read (12), replies, the room revision,
 * message updates (resp_type 10) to every subscribed session, and resume by {@code since_rev}; section 12's
 * mentions and notifications.
 */
@ChatServerTest
@Import(TestClockConfig.class)
class MessageChangesTest extends ChatFixture {

    @Autowired
    MutableClock clock;

    static Predicate<JsonNode> update(long id) {
        return f -> f.path("resp_type").asInt() == 10 && f.path("id").asLong() == id;
    }

    static Map<String, Object> frame(Object... pairs) {
        Map<String, Object> frame = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            frame.put((String) pairs[i], pairs[i + 1]);
        }
        return frame;
    }

    /** Sends a message and returns it as delivered to the sender. */
    JsonNode post(WsClient client, String text) {
        String id = cmid();
        client.sendMessage(room, text, id);
        return client.awaitEach(ack(id), message(id)).get(1);
    }

    @Test
    void anEditReachesEverySubscribedSessionWithANewRevision() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b = connectAndJoin(bob, "superchat");
        JsonNode original = post(a, "first words");
        long id = original.get("id").asLong();
        assertThat(original.get("rev").asLong()).isPositive();
        assertThat(original.has("edited_at")).isFalse();
        assertThat(original.get("reactions").isEmpty()).isTrue();
        b.await(message(original.get("client_msg_id").asString()));

        a.send(frame("req_type", 9, "room", room, "id", id, "text", "better words"));
        JsonNode mine = a.await(update(id));
        JsonNode theirs = b.await(update(id));
        assertThat(theirs).isEqualTo(mine);
        assertThat(mine.get("text").asString()).isEqualTo("better words");
        assertThat(mine.get("edited_at").asLong()).isPositive();
        assertThat(mine.get("rev").asLong()).isGreaterThan(original.get("rev").asLong());
        assertThat(mine.get("id").asLong()).isEqualTo(id);
        assertThat(mine.get("from").get("userid").asString()).isEqualTo(alice.userid());

        JsonNode stored = api.history(room, alice).get(0);
        assertThat(stored.get("text").asString()).isEqualTo("better words");
        assertThat(stored.get("rev").asLong()).isEqualTo(mine.get("rev").asLong());
        assertThat(stored.get("edited_at").asLong()).isEqualTo(mine.get("edited_at").asLong());
    }

    @Test
    void onlyTheAuthorEditsAndUnknownOrDeletedMessagesAreNotFound() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b = connectAndJoin(bob, "chat");
        long id = post(a, "alice's").get("id").asLong();

        b.send(frame("req_type", 9, "room", room, "id", id, "text", "bob was here"));
        JsonNode forbidden = b.await(error("forbidden"));
        assertThat(forbidden.get("req_type").asInt()).isEqualTo(9);
        b.send(frame("req_type", 9, "room", room, "id", id + 1000, "text", "nothing"));
        assertThat(b.await(type(9)).get("code").asString()).isEqualTo("not_found");
        b.send(frame("req_type", 10, "room", room, "id", id));
        assertThat(b.await(type(9)).get("code").asString()).isEqualTo("forbidden");

        a.send(frame("req_type", 10, "room", room, "id", id));
        JsonNode tombstone = a.await(update(id));
        assertThat(tombstone.get("deleted").asBoolean()).isTrue();
        assertThat(tombstone.get("text").asString()).isEmpty();
        a.send(frame("req_type", 9, "room", room, "id", id, "text", "too late"));
        assertThat(a.await(type(9)).get("code").asString()).isEqualTo("not_found");
        a.send(frame("req_type", 10, "room", room, "id", id));
        assertThat(a.await(type(9)).get("code").asString()).isEqualTo("not_found");
        assertThat(api.history(room, alice).get(0).get("text").asString()).isEmpty();
    }

    @Test
    void deletingAMessageWithAnAttachmentDeletesItsBytes() {
        WsClient a = connectAndJoin(alice, "superchat");
        String id = cmid();
        a.sendBinary(AttachmentTest.frame(AttachmentTest.header(room, "f.txt", "text/plain", id), new byte[] {1, 2, 3}));
        JsonNode stored = a.await(message(id));
        String url = stored.get("attachment").get("url").asString();
        assertThat(api.get(url, bob).statusCode()).isEqualTo(200);

        a.send(frame("req_type", 10, "room", room, "id", stored.get("id").asLong()));
        JsonNode tombstone = a.await(update(stored.get("id").asLong()));
        assertThat(tombstone.has("attachment")).isFalse();
        TestApi.assertProblem(api.get(url, bob), 404);
    }

    @Test
    void reactionsAreCountedPerEmojiAndUser() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b = connectAndJoin(bob, "chat");
        long id = post(a, "react to me").get("id").asLong();

        b.send(frame("req_type", 11, "room", room, "id", id, "emoji", "👍", "add", true));
        JsonNode one = a.await(update(id));
        assertThat(one.get("reactions")).hasSize(1);
        assertThat(one.get("reactions").get(0).get("emoji").asString()).isEqualTo("👍");
        assertThat(one.get("reactions").get(0).get("count").asInt()).isEqualTo(1);
        assertThat(one.get("reactions").get(0).get("userids").get(0).asString()).isEqualTo(bob.userid());

        a.send(frame("req_type", 11, "room", room, "id", id, "emoji", "👍", "add", true));
        JsonNode two = b.await(f -> update(id).test(f) && f.get("reactions").get(0).get("count").asInt() == 2);
        assertThat(two.get("rev").asLong()).isGreaterThan(one.get("rev").asLong());

        // giving it again changes nothing; removing it does
        a.send(frame("req_type", 11, "room", room, "id", id, "emoji", "👍", "add", true));
        a.send(frame("req_type", 11, "room", room, "id", id, "emoji", "👍", "add", false));
        JsonNode removed = b.await(f -> update(id).test(f) && f.get("reactions").get(0).get("count").asInt() == 1);
        assertThat(removed.get("rev").asLong()).isEqualTo(two.get("rev").asLong() + 1);

        // at most 20 distinct emoji (a fresh rate-limit burst for the 20 requests)
        clock.advance(java.time.Duration.ofSeconds(5));
        for (int i = 1; i < 20; i++) {
            a.send(frame("req_type", 11, "room", room, "id", id, "emoji", "e" + i, "add", true));
        }
        a.send(frame("req_type", 11, "room", room, "id", id, "emoji", "one-too-many", "add", true));
        JsonNode refused = a.await(error("bad_request"));
        assertThat(refused.get("req_type").asInt()).isEqualTo(11);
        assertThat(api.history(room, alice).get(0).get("reactions")).hasSize(20);
    }

    @Test
    void aReadMarkerMovesForwardAndReachesTheUsersOtherSessionsOnly() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient a2 = connectAndJoin(alice, "chat");
        long first = post(a, "one").get("id").asLong();
        long second = post(a, "two").get("id").asLong();

        a.send(frame("req_type", 12, "room", room, "id", second));
        JsonNode marker = a2.await(type(13));
        assertThat(marker.get("room").asString()).isEqualTo(room);
        assertThat(marker.get("last_read").asLong()).isEqualTo(second);
        // never back, never beyond the newest message
        a.send(frame("req_type", 12, "room", room, "id", first));
        a.send(frame("req_type", 12, "room", room, "id", second + 100));
        String sentinel = cmid();
        a.sendMessage(room, "sentinel", sentinel);
        noneOf(a.until(message(sentinel)), type(13), "the reader's own session");
        List<JsonNode> later = Wire.texts(a2.until(message(sentinel)));
        assertThat(later).noneMatch(type(13));
    }

    @Test
    void repliesQuoteTheStartOfTheOriginalAndShowWhenItIsDeleted() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b = connectAndJoin(bob, "chat");
        String longText = "q".repeat(150) + "😀".repeat(100);
        long original = post(a, longText).get("id").asLong();

        String id = cmid();
        b.send(frame("req_type", 2, "room", room, "text", "an answer", "client_msg_id", id, "reply_to", original));
        JsonNode reply = b.await(message(id));
        assertThat(reply.get("reply_to").get("id").asLong()).isEqualTo(original);
        assertThat(reply.get("reply_to").get("from").get("userid").asString()).isEqualTo(alice.userid());
        assertThat(reply.get("reply_to").get("text").asString()).isEqualTo("q".repeat(150) + "😀".repeat(50));

        String nowhere = cmid();
        b.send(frame("req_type", 2, "room", room, "text", "to nothing", "client_msg_id", nowhere, "reply_to", original + 99));
        JsonNode refused = b.await(type(9));
        assertThat(refused.get("code").asString()).isEqualTo("not_found");
        assertThat(refused.get("client_msg_id").asString()).isEqualTo(nowhere);

        a.send(frame("req_type", 10, "room", room, "id", original));
        a.await(update(original));
        JsonNode later = api.history(room, bob).stream().filter(m -> m.get("client_msg_id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(later.get("reply_to").get("deleted").asBoolean()).isTrue();
        assertThat(later.get("reply_to").has("text")).isFalse();
    }

    @Test
    void resumeBySinceRevBringsEditsDeletesAndReactionsMadeWhileAway() {
        WsClient a = connectAndJoin(alice, "chat");
        long one = post(a, "one").get("id").asLong();
        long two = post(a, "two").get("id").asLong();
        JsonNode three = post(a, "three");
        long seen = three.get("rev").asLong();

        // bob is away while these happen
        a.send(frame("req_type", 9, "room", room, "id", one, "text", "one, edited"));
        a.await(update(one));
        a.send(frame("req_type", 10, "room", room, "id", two));
        a.await(update(two));
        a.send(frame("req_type", 11, "room", room, "id", three.get("id").asLong(), "emoji", "🎉", "add", true));
        a.await(update(three.get("id").asLong()));
        JsonNode four = post(a, "four");

        WsClient b = connectAndJoin(bob, "chat");
        b.send(frame("req_type", 6, "room", room, "since_rev", seen));
        List<JsonNode> replayed = Wire.texts(b.until(type(6))).stream().filter(type(2)).toList();
        assertThat(replayed).extracting(m -> m.get("id").asLong())
                .containsExactly(one, two, three.get("id").asLong(), four.get("id").asLong());
        assertThat(replayed).allMatch(m -> m.get("replay").asBoolean());
        assertThat(replayed).extracting(m -> m.get("rev").asLong()).isSorted();
        assertThat(replayed.get(0).get("text").asString()).isEqualTo("one, edited");
        assertThat(replayed.get(1).get("deleted").asBoolean()).isTrue();
        assertThat(replayed.get(2).get("reactions").get(0).get("emoji").asString()).isEqualTo("🎉");
    }

    @Test
    void resumeDoneCarriesTheRoomsRevision() {
        WsClient a = connectAndJoin(alice, "chat");
        JsonNode last = post(a, "x");
        a.send(frame("req_type", 6, "room", room, "since_rev", 0));
        JsonNode done = a.await(type(6));
        assertThat(done.get("rev").asLong()).isEqualTo(last.get("rev").asLong());
        assertThat(done.get("complete").asBoolean()).isTrue();
    }

    @Test
    void restHistoryPagesBySinceRev() {
        WsClient a = connectAndJoin(alice, "chat");
        long one = post(a, "1").get("id").asLong();
        post(a, "2");
        JsonNode three = post(a, "3");
        a.send(frame("req_type", 9, "room", room, "id", one, "text", "1 again"));
        a.await(update(one));
        var page = TestApi.json(api.get("/api/rooms/" + room + "/messages?since_rev=" + three.get("rev").asLong() + "&limit=1", alice));
        assertThat(page.get("messages")).hasSize(1);
        assertThat(page.get("messages").get(0).get("text").asString()).isEqualTo("1 again");
        assertThat(page.get("has_more").asBoolean()).isFalse();
        var all = TestApi.json(api.get("/api/rooms/" + room + "/messages?since_rev=0&limit=2", alice));
        assertThat(all.get("has_more").asBoolean()).isTrue();
        assertThat(all.get("messages").get(0).get("rev").asLong()).isLessThan(all.get("messages").get(1).get("rev").asLong());
        TestApi.assertProblem(api.get("/api/rooms/" + room + "/messages?since_rev=0&after=1", alice), 400);
        TestApi.assertProblem(api.get("/api/rooms/" + room + "/messages?since_rev=-1", alice), 400);
    }

    @Test
    void aMentionNotifiesTheMentionedUsersSessionsThatAreNotInTheRoom() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient bobHere = connectAndJoin(bob, "chat");
        WsClient bobElsewhere = connect(bob, "chat");
        TestApi.User carol = api.register();
        WsClient carolElsewhere = connect(carol, "chat");

        String id = cmid();
        a.sendMessage(room, "hey @" + bob.username() + ", see this (@nobody_here, mail@" + carol.username() + ")", id);
        JsonNode sent = a.await(message(id));
        assertThat(sent.get("mentions")).extracting(JsonNode::asString).containsExactly(bob.userid());

        JsonNode notify = bobElsewhere.await(type(11));
        assertThat(notify.get("room").asString()).isEqualTo(room);
        assertThat(notify.get("message").get("id").asLong()).isEqualTo(sent.get("id").asLong());
        assertThat(notify.get("message").get("text").asString()).isEqualTo(sent.get("text").asString());
        noneOf(bobHere.until(message(id)), type(11), "a session subscribed to the room already has the message");
        String sentinel = cmid();
        a.sendMessage(room, "@" + carol.username() + " now you", sentinel);
        assertThat(carolElsewhere.await(type(11)).get("message").get("client_msg_id").asString()).isEqualTo(sentinel);
    }
}
