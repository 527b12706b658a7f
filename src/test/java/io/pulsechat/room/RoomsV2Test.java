package io.pulsechat.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * docs/protocol.md sections 9 and 10: room kinds and membership, the caller's fields, public listing, changes with their room
 * events (resp_type 12), members, leaving and removing, direct rooms, the user directory; and that a private room is
 * invisible to a non-member everywhere: REST, socket, attachments, search, mentions.
 */
@ChatServerTest
class RoomsV2Test {

    @LocalServerPort
    int port;

    TestApi api;
    TestApi.User owner;
    TestApi.User member;
    TestApi.User outsider;
    final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void cast() {
        api = new TestApi(port);
        owner = api.register();
        member = api.register();
        outsider = api.register();
    }

    @AfterEach
    void close() {
        clients.forEach(WsClient::closeQuietly);
    }

    WsClient connect(TestApi.User user) {
        WsClient client = api.connect(user, "superchat");
        clients.add(client);
        return client;
    }

    static Predicate<JsonNode> change(String event, String room) {
        return f -> f.path("resp_type").asInt() == 12 && event.equals(f.path("event").asString())
                && room.equals(f.path("room").path("id").asString());
    }

    JsonNode roomOf(TestApi.User user, String id) {
        return TestApi.json(api.get("/api/rooms", user)).valueStream().filter(r -> r.get("id").asString().equals(id)).findFirst()
                .orElse(null);
    }

    @Test
    void myRoomsCarryTheRoomAndMyFields() {
        String id = api.createRoom(owner, "public");
        JsonNode room = roomOf(owner, id);
        assertThat(room.get("kind").asString()).isEqualTo("public");
        assertThat(room.get("topic").asString()).isEmpty();
        assertThat(room.get("created_by").asString()).isEqualTo(owner.userid());
        assertThat(room.get("member_count").asInt()).isEqualTo(1);
        assertThat(room.get("member").asBoolean()).isTrue();
        assertThat(room.get("last_read").asLong()).isZero();
        assertThat(room.get("unread").asLong()).isZero();
        assertThat(room.get("mentions").asLong()).isZero();
        assertThat(roomOf(member, id)).as("not a member yet").isNull();
        assertThat(roomOf(member, "lobby")).as("lobby always").isNotNull();

        // unread and mentions: messages by others after my read marker
        WsClient m = connect(member);
        m.join(id);
        WsClient o = connect(owner);
        o.join(id);
        m.sendMessage(id, "hello", "u1");
        m.sendMessage(id, "hi @" + owner.username(), "u2");
        m.await(f -> f.path("resp_type").asInt() == 4 && "u2".equals(f.path("client_msg_id").asString()));
        JsonNode mine = roomOf(owner, id);
        assertThat(mine.get("unread").asLong()).isEqualTo(2);
        assertThat(mine.get("mentions").asLong()).isEqualTo(1);
        assertThat(mine.get("member_count").asInt()).isEqualTo(2);
        long newest = o.await(f -> f.path("resp_type").asInt() == 2 && "u2".equals(f.path("client_msg_id").asString())).get("id").asLong();
        o.send(Map.of("req_type", 12, "room", id, "id", newest));
        o.send(Map.of("req_type", 1, "timestamp", 77)); // answered after the read is handled: frames of a session are in order
        o.await(f -> f.path("resp_type").asInt() == 1 && f.path("timestamp").asLong() == 77);
        assertThat(roomOf(owner, id).get("unread").asLong()).isZero();
        assertThat(roomOf(owner, id).get("last_read").asLong()).isEqualTo(newest);
        assertThat(roomOf(owner, id).get("mentions").asLong()).isZero();
    }

    @Test
    void publicRoomsAreListedAndSearchable() {
        String prefix = "zz" + System.nanoTime() % 100000;
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/rooms", Map.of("id", prefix + "-" + i, "name", "Garden " + i), owner).statusCode()).isEqualTo(201);
        }
        api.post("/api/rooms", Map.of("id", prefix + "-secret", "name", "Garden secret", "kind", "private"), owner);
        JsonNode page = TestApi.json(api.get("/api/rooms/public?q=" + prefix + "&limit=2", outsider));
        assertThat(page.get("rooms").valueStream().map(r -> r.get("id").asString())).containsExactly(prefix + "-0", prefix + "-1");
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode next = TestApi.json(api.get("/api/rooms/public?q=" + prefix + "&after=" + prefix + "-1", outsider));
        assertThat(next.get("rooms").valueStream().map(r -> r.get("id").asString())).containsExactly(prefix + "-2");
        assertThat(TestApi.json(api.get("/api/rooms/public?q=GARDEN%20SEC", outsider)).get("rooms")).isEmpty();
        TestApi.assertProblem(api.get("/api/rooms/public?limit=101", outsider), 400);
    }

    @Test
    void aPrivateRoomDoesNotExistForNonMembers() {
        String id = api.createRoom(owner, "private");
        WsClient o = connect(owner);
        o.join(id);
        o.sendMessage(id, "secret plans with @" + outsider.username(), "p1");
        JsonNode sent = o.await(f -> f.path("resp_type").asInt() == 2 && "p1".equals(f.path("client_msg_id").asString()));
        assertThat(sent.get("mentions")).as("a non-member cannot be mentioned").isEmpty();
        o.sendBinary(io.pulsechat.realtime.AttachmentFrames.frame(id, "plan.txt", "p2", new byte[] {1}));
        String attachment = o.await(f -> f.path("resp_type").asInt() == 2 && "p2".equals(f.path("client_msg_id").asString()))
                .get("attachment").get("url").asString();

        for (String path : List.of("/api/rooms/" + id + "/messages", "/api/rooms/" + id + "/members", "/api/rooms/" + id,
                "/api/search?q=secret&room=" + id, attachment)) {
            TestApi.assertProblem(api.get(path, outsider), 404);
        }
        TestApi.assertProblem(api.call("PUT", "/api/rooms/" + id + "/members/me", null, outsider), 404);
        TestApi.assertProblem(api.call("PATCH", "/api/rooms/" + id, Map.of("topic", "x"), outsider), 404);
        assertThat(TestApi.json(api.get("/api/search?q=secret", outsider)).get("messages")).isEmpty();
        assertThat(roomOf(outsider, id)).isNull();
        assertThat(TestApi.json(api.get("/api/rooms/public?q=" + id, outsider)).get("rooms")).isEmpty();
        WsClient out = connect(outsider);
        out.send(Map.of("req_type", 3, "room", id));
        assertThat(out.await(f -> f.path("resp_type").asInt() == 9).get("code").asString()).isEqualTo("no_such_room");
        assertThat(out.drain()).noneMatch(f -> f instanceof JsonNode j && j.path("resp_type").asInt() == 11);
        // members see it all
        assertThat(api.get(attachment, owner).statusCode()).isEqualTo(200);
        assertThat(TestApi.json(api.get("/api/search?q=secret", owner)).get("messages")).hasSize(1);
    }

    @Test
    void aMemberAddsSomeoneToAPrivateRoomAndTheOwnerRemovesThem() {
        String id = api.createRoom(owner, "private");
        WsClient m = connect(member);
        var added = api.post("/api/rooms/" + id + "/members", Map.of("userid", member.userid()), owner);
        assertThat(added.statusCode()).isEqualTo(201);
        JsonNode event = m.await(change("added", id));
        assertThat(event.get("room").get("kind").asString()).isEqualTo("private");
        TestApi.assertProblem(api.post("/api/rooms/" + id + "/members", Map.of("userid", member.userid()), owner), 409);
        TestApi.assertProblem(api.post("/api/rooms/" + id + "/members", Map.of("userid", "nobody"), member), 404);
        m.join(id);
        JsonNode members = TestApi.json(api.get("/api/rooms/" + id + "/members", member));
        assertThat(members.get("members").valueStream().map(u -> u.get("role").asString())).containsExactlyInAnyOrder("owner", "member");
        assertThat(members.get("members").valueStream().filter(u -> u.get("userid").asString().equals(member.userid()))
                .findFirst().orElseThrow().get("online").asBoolean()).isTrue();

        TestApi.assertProblem(api.call("DELETE", "/api/rooms/" + id + "/members/" + owner.userid(), null, member), 403);
        assertThat(api.call("DELETE", "/api/rooms/" + id + "/members/" + member.userid(), null, owner).statusCode()).isEqualTo(204);
        m.await(change("removed", id));
        m.sendMessage(id, "still here?", "gone");
        assertThat(m.await(f -> f.path("resp_type").asInt() == 9).get("code").asString()).isEqualTo("no_such_room");

        String open = api.createRoom(owner, "public");
        TestApi.assertProblem(api.post("/api/rooms/" + open + "/members", Map.of("userid", member.userid()), owner), 409);
    }

    @Test
    void joiningAndLeaving() {
        String id = api.createRoom(owner, "public");
        JsonNode joined = TestApi.json(api.call("PUT", "/api/rooms/" + id + "/members/me", null, member));
        assertThat(joined.get("member").asBoolean()).isTrue();
        WsClient m = connect(member);
        m.join(id);
        assertThat(api.call("DELETE", "/api/rooms/" + id + "/members/me", null, member).statusCode()).isEqualTo(204);
        m.await(change("removed", id));
        m.sendMessage(id, "after leaving", "left-1");
        assertThat(m.await(f -> f.path("resp_type").asInt() == 9).get("code").asString()).isEqualTo("not_member");
        assertThat(roomOf(member, id)).isNull();
        TestApi.assertProblem(api.call("DELETE", "/api/rooms/lobby/members/me", null, member), 409);
    }

    @Test
    void theOwnerChangesAndDeletesARoomAndMembersHearOfIt() {
        String id = api.createRoom(owner, "public");
        api.call("PUT", "/api/rooms/" + id + "/members/me", null, member);
        WsClient m = connect(member);
        m.join(id);
        TestApi.assertProblem(api.call("PATCH", "/api/rooms/" + id, Map.of("topic", "mine now"), member), 403);
        JsonNode updated = TestApi.json(api.call("PATCH", "/api/rooms/" + id, Map.of("name", "Renamed", "topic", "Plans"), owner));
        assertThat(updated.get("name").asString()).isEqualTo("Renamed");
        assertThat(updated.get("topic").asString()).isEqualTo("Plans");
        assertThat(m.await(change("updated", id)).get("room").get("topic").asString()).isEqualTo("Plans");
        TestApi.assertProblem(api.call("PATCH", "/api/rooms/" + id, Map.of("topic", "t".repeat(251)), owner), 400);

        m.sendMessage(id, "soon gone", "doomed");
        TestApi.assertProblem(api.call("DELETE", "/api/rooms/" + id, null, member), 403);
        assertThat(api.call("DELETE", "/api/rooms/" + id, null, owner).statusCode()).isEqualTo(204);
        assertThat(m.await(change("deleted", id)).get("room").get("id").asString()).isEqualTo(id);
        TestApi.assertProblem(api.get("/api/rooms/" + id + "/messages", owner), 404);
        TestApi.assertProblem(api.call("DELETE", "/api/rooms/lobby", null, owner), 409);
    }

    @Test
    void aPublicRoomIsAnnouncedToEveryConnectedUser() {
        WsClient o = connect(outsider);
        String id = api.createRoom(owner, "public");
        assertThat(o.await(change("created", id)).get("room").get("kind").asString()).isEqualTo("public");
        String hidden = api.createRoom(owner, "private");
        String later = api.createRoom(owner, "public");
        List<Object> frames = o.until(change("created", later));
        assertThat(io.pulsechat.realtime.AttachmentFrames.texts(frames)).noneMatch(change("created", hidden));
    }

    @Test
    void aDirectRoomIsTheSameWhoeverAsksAndNotifiesTheOtherUser() {
        WsClient elsewhere = connect(member);
        var first = api.post("/api/direct", Map.of("userid", member.userid()), owner);
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode room = TestApi.json(first);
        String id = room.get("id").asString();
        assertThat(id).matches("dm-[0-9a-f]{24}");
        assertThat(room.get("kind").asString()).isEqualTo("direct");
        assertThat(room.get("name").asString()).isEmpty();
        assertThat(room.get("peer").get("userid").asString()).isEqualTo(member.userid());
        assertThat(elsewhere.await(change("added", id))).isNotNull();
        var again = api.post("/api/direct", Map.of("userid", owner.userid()), member);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(again).get("id").asString()).isEqualTo(id);
        assertThat(TestApi.json(again).get("peer").get("userid").asString()).isEqualTo(owner.userid());
        TestApi.assertProblem(api.post("/api/direct", Map.of("userid", "nobody-at-all"), owner), 404);
        TestApi.assertProblem(api.get("/api/rooms/" + id + "/messages", outsider), 404);
        TestApi.assertProblem(api.call("DELETE", "/api/rooms/" + id + "/members/me", null, owner), 409);

        WsClient o = connect(owner);
        o.join(id);
        o.sendMessage(id, "just between us", "dm-1");
        JsonNode notify = elsewhere.await(f -> f.path("resp_type").asInt() == 11);
        assertThat(notify.get("room").asString()).isEqualTo(id);
        assertThat(notify.get("message").get("text").asString()).isEqualTo("just between us");
        assertThat(roomOf(member, id).get("unread").asLong()).isEqualTo(1);

        var self = api.post("/api/direct", Map.of("userid", owner.userid()), owner);
        assertThat(self.statusCode()).isEqualTo(201);
        assertThat(TestApi.json(self).get("peer").get("userid").asString()).isEqualTo(owner.userid());
    }

    @Test
    void theDirectoryFindsUsersByNamePrefix() {
        TestApi.User zed = api.register("zed_" + System.nanoTime() % 100000, "Zébulon Quux");
        List<String> found = TestApi.json(api.get("/api/users?q=" + zed.username().substring(0, 6), owner)).valueStream()
                .map(u -> u.get("userid").asString()).toList();
        assertThat(found).contains(zed.userid());
        assertThat(TestApi.json(api.get("/api/users?q=z%C3%A9bulon", owner)).valueStream().map(u -> u.get("username").asString()))
                .contains(zed.username());
        assertThat(TestApi.json(api.get("/api/users?limit=1", owner))).hasSize(1);
        TestApi.assertProblem(api.get("/api/users?limit=21", owner), 400);
    }
}
