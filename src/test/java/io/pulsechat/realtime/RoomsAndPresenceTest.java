package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.error;
import static io.pulsechat.realtime.Wire.event;
import static io.pulsechat.realtime.Wire.message;
import static io.pulsechat.realtime.Wire.noneOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulsechat.ChatServerTest;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * Join and leave ({@code req_type} 3 and 4) and per-user presence (docs/protocol.md sections 4 and 5): {@code joined}
 * goes out for a user's first session in a room, {@code left} when their last one leaves or disconnects.
 * Absence of an event is checked against a sentinel: a message sent afterwards by a session whose frames
 * are processed in order, so any event the server would have sent arrives before it.
 */
@ChatServerTest
class RoomsAndPresenceTest extends ChatFixture {

    @Autowired
    SessionRegistry registry;

    /** Sends a message as a sentinel and returns every frame the observer got up to it. */
    List<Object> framesBeforeSentinel(WsClient sender, WsClient observer) {
        String id = cmid();
        sender.sendMessage(room, "sentinel", id);
        return observer.until(message(id));
    }

    void awaitGone(WsClient client) {
        String id = client.sessionId();
        Wire.eventually(Duration.ofSeconds(10), "session " + id + " removed",
                () -> registry.all().stream().noneMatch(s -> s.id().equals(id)));
    }

    @Test
    void joinAnswersJoinedWithTheOnlineListAndAnnouncesTheUserToOthers() {
        WsClient a = connect(alice, "chat");
        JsonNode first = a.join(room);
        assertThat(first.get("user").get("userid").asString()).isEqualTo(alice.userid());
        assertThat(first.get("user").get("display_name").asString()).isEqualTo(alice.displayName());
        assertThat(first.get("user").get("platform").asString()).isEqualTo("junit");
        assertThat(first.get("online")).hasSize(1);
        assertThat(first.get("online").get(0).get("userid").asString()).isEqualTo(alice.userid());

        WsClient b = connect(bob, "superchat");
        JsonNode second = b.join(room);
        assertThat(second.get("user").get("userid").asString()).isEqualTo(bob.userid());
        assertThat(second.get("online").valueStream().map(u -> u.get("userid").asString()))
                .containsExactlyInAnyOrder(alice.userid(), bob.userid());
        second.get("online").forEach(u -> {
            assertThat(u.get("display_name").asString()).isNotBlank();
            assertThat(u.get("platform").asString()).isEqualTo("junit");
        });

        JsonNode announced = a.await(event(room, "joined", bob.userid()));
        assertThat(announced.get("user").get("display_name").asString()).isEqualTo(bob.displayName());
        assertThat(announced.get("user").get("platform").asString()).isEqualTo("junit");
        assertThat(announced.has("online")).as("only the joiner gets the online list").isFalse();
        // the joiner is not told about itself a second time
        noneOf(framesBeforeSentinel(a, b), event(room, "joined"), "bob's frames after his join");
    }

    @Test
    void aSecondSessionOfTheSameUserIsNotAnnounced() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b1 = connectAndJoin(bob, "chat");
        a.await(event(room, "joined", bob.userid()));

        WsClient b2 = connect(bob, "superchat");
        JsonNode answer = b2.join(room);
        assertThat(answer.get("online").valueStream().map(u -> u.get("userid").asString()))
                .as("one entry per user, however many sessions").containsExactlyInAnyOrder(alice.userid(), bob.userid());

        String sentinel = cmid();
        b2.sendMessage(room, "sentinel", sentinel);
        noneOf(a.until(message(sentinel)), event(room, "joined"), "alice's frames after bob's second join");
        noneOf(b1.until(message(sentinel)), event(room, "joined"), "bob's first session's frames");

        // joining again in the same session answers again and announces nothing
        assertThat(b2.join(room).get("online")).hasSize(2);
        noneOf(framesBeforeSentinel(b2, a), event(room, "joined"), "alice's frames after a repeated join");
    }

    @Test
    void leftGoesOutOnlyWhenTheUsersLastSessionLeaves() {
        WsClient a = connectAndJoin(alice, "chat");
        WsClient b1 = connectAndJoin(bob, "chat");
        WsClient b2 = connectAndJoin(bob, "chat");

        b1.send(Map.of("req_type", 4, "room", room));
        JsonNode left = b1.await(event(room, "left"));
        assertThat(left.get("user").get("userid").asString()).isEqualTo(bob.userid());
        noneOf(framesBeforeSentinel(b2, a), event(room, "left"), "alice's frames after bob's first session left");

        // out of the room: no more messages for b1, and sending there is not_member
        b1.sendMessage(room, "not a member any more", cmid());
        assertThat(b1.await(error("not_member")).get("req_type").asInt()).isEqualTo(2);

        b2.send(Map.of("req_type", 4, "room", room));
        b2.await(event(room, "left", bob.userid()));
        JsonNode announced = a.await(event(room, "left", bob.userid()));
        assertThat(announced.get("user").get("display_name").asString()).isEqualTo(bob.displayName());

        // the room's online list no longer has bob
        WsClient c = connect(api.register(), "chat");
        assertThat(c.join(room).get("online").valueStream().map(u -> u.get("userid").asString()))
                .doesNotContain(bob.userid()).contains(alice.userid());
    }

    @Test
    void disconnectingCountsAsLeavingEveryRoom() {
        String other = api.createRoom(alice);
        WsClient a = connectAndJoin(alice, "chat");
        a.join(other);
        WsClient b1 = connectAndJoin(bob, "chat");
        b1.join(other);
        WsClient b2 = connectAndJoin(bob, "chat");

        b1.close();
        awaitGone(b1);
        // bob is still in `room` through b2, but gone from `other`
        a.await(event(other, "left", bob.userid()));
        noneOf(framesBeforeSentinel(b2, a), event(room, "left"), "alice's frames after bob's first session closed");

        b2.close();
        awaitGone(b2);
        a.await(event(room, "left", bob.userid()));
    }

    @Test
    void joiningAnUnknownRoomIsNoSuchRoom() {
        WsClient a = connect(alice, "chat");
        a.send(Map.of("req_type", 3, "room", "no-such-room-here"));
        JsonNode refused = a.await(error("no_such_room"));
        assertThat(refused.get("req_type").asInt()).isEqualTo(3);
        a.send(Map.of("req_type", 4, "room", "no-such-room-here"));
        assertThat(a.await(error("no_such_room")).get("req_type").asInt()).isEqualTo(4);
        a.send(Map.of("req_type", 3));
        assertThat(a.await(error("bad_request")).get("req_type").asInt()).isEqualTo(3);
        // still open and usable
        assertThat(a.join(room).get("online")).hasSize(1);
    }

    @Test
    void leavingARoomNotJoinedIsNotMember() {
        WsClient a = connect(alice, "chat");
        a.send(Map.of("req_type", 4, "room", room));
        JsonNode refused = a.await(error("not_member"));
        assertThat(refused.get("req_type").asInt()).isEqualTo(4);
        assertThat(refused.get("message").asString()).isNotBlank();
        assertThat(a.join(room).get("online")).hasSize(1);
    }
}
