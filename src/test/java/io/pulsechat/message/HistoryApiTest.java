package io.pulsechat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import tools.jackson.databind.JsonNode;

/** docs/protocol.md section 2: history pages with before / after / limit. */
@ChatServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MessageStore store;

    TestApi api;
    TestApi.User user;
    String room;

    @BeforeAll
    void fillARoom() {
        api = new TestApi(port);
        user = api.register();
        room = "hist-" + (System.nanoTime() % 1_000_000);
        assertThat(api.post("/api/rooms", Map.of("id", room, "name", "History"), user).statusCode()).isEqualTo(201);
        for (int i = 1; i <= 120; i++) {
            store.store(new NewMessage(room, user.userid(), user.displayName(), "message " + i, "h" + room + i, null)).join();
        }
    }

    JsonNode page(String query) {
        var response = api.get("/api/rooms/" + room + "/messages" + query, user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApi.json(response);
    }

    static List<Long> ids(JsonNode page) {
        return page.get("messages").valueStream().map(m -> m.get("id").asLong()).toList();
    }

    @Test
    void noCursorGivesTheNewest50Ascending() {
        JsonNode page = page("");
        assertThat(ids(page)).hasSize(50).first().isEqualTo(71L);
        assertThat(ids(page)).last().isEqualTo(120L);
        assertThat(ids(page)).isSorted();
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode first = page.get("messages").get(0);
        assertThat(first.get("room").asString()).isEqualTo(room);
        assertThat(first.get("text").asString()).isEqualTo("message 71");
        assertThat(first.get("from").get("userid").asString()).isEqualTo(user.userid());
        assertThat(first.get("from").get("display_name").asString()).isEqualTo(user.displayName());
        assertThat(first.get("client_msg_id").asString()).isEqualTo("h" + room + 71);
        assertThat(first.get("ts").asLong()).isPositive();
        assertThat(first.has("attachment")).isFalse();
    }

    @Test
    void beforeGivesTheNewestPageOlderThanTheCursor() {
        JsonNode page = page("?before=71&limit=30");
        assertThat(ids(page)).containsExactlyElementsOf(range(41, 70));
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode oldest = page("?before=11&limit=30");
        assertThat(ids(oldest)).containsExactlyElementsOf(range(1, 10));
        assertThat(oldest.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void afterGivesTheOldestPageNewerThanTheCursor() {
        JsonNode page = page("?after=10&limit=20");
        assertThat(ids(page)).containsExactlyElementsOf(range(11, 30));
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode last = page("?after=100&limit=200");
        assertThat(ids(last)).containsExactlyElementsOf(range(101, 120));
        assertThat(last.get("has_more").asBoolean()).isFalse();
        assertThat(ids(page("?after=120"))).isEmpty();
    }

    @Test
    void limitBounds() {
        assertThat(ids(page("?limit=1"))).containsExactly(120L);
        assertThat(ids(page("?limit=200"))).hasSize(120);
        TestApi.assertProblem(api.get("/api/rooms/" + room + "/messages?limit=0", user), 400);
        TestApi.assertProblem(api.get("/api/rooms/" + room + "/messages?limit=201", user), 400);
        TestApi.assertProblem(api.get("/api/rooms/" + room + "/messages?limit=x", user), 400);
        TestApi.assertProblem(api.get("/api/rooms/" + room + "/messages?before=abc", user), 400);
        TestApi.assertProblem(api.get("/api/rooms/" + room + "/messages?after=-1", user), 400);
    }

    @Test
    void unknownRoomIs404AndAnonymousIs401() {
        TestApi.assertProblem(api.get("/api/rooms/no-such-room/messages", user), 404);
        TestApi.assertProblem(api.get("/api/rooms/" + room + "/messages", null), 401);
    }

    @Test
    void unknownAttachmentIs404() {
        TestApi.assertProblem(api.get("/api/attachments/987654321", user), 404);
    }

    static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }
}
