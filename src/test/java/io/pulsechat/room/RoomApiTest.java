package io.pulsechat.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import tools.jackson.databind.JsonNode;

/** docs/protocol.md section 2: rooms. */
@ChatServerTest
class RoomApiTest {

    @LocalServerPort
    int port;

    TestApi api;
    TestApi.User user;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        user = api.register();
    }

    @Test
    void lobbyAlwaysExists() {
        var response = api.get("/api/rooms", user);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode rooms = TestApi.json(response);
        assertThat(rooms.valueStream().map(r -> r.get("id").asString())).contains("lobby");
        JsonNode lobby = rooms.valueStream().filter(r -> r.get("id").asString().equals("lobby")).findFirst().orElseThrow();
        assertThat(lobby.get("name").asString()).isNotBlank();
        assertThat(lobby.get("created_at").asLong()).isPositive();
    }

    @Test
    void createListAndConflict() {
        String id = "room-" + (System.nanoTime() % 1_000_000);
        var created = api.post("/api/rooms", Map.of("id", id, "name", "Team room"), user);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode room = TestApi.json(created);
        assertThat(room.get("id").asString()).isEqualTo(id);
        assertThat(room.get("name").asString()).isEqualTo("Team room");
        assertThat(room.get("created_at").asLong()).isPositive();
        assertThat(api.get("/api/rooms", user).body()).contains("\"" + id + "\"");
        var again = api.post("/api/rooms", Map.of("id", id, "name", "Again"), user);
        TestApi.assertProblem(again, 409);
        assertThat(TestApi.json(again).get("code").asString()).isEqualTo("room_exists");
    }

    @Test
    void invalidRoomsAre400() {
        TestApi.assertProblem(api.post("/api/rooms", Map.of("id", "Upper", "name", "x"), user), 400);
        TestApi.assertProblem(api.post("/api/rooms", Map.of("id", "-starts-with-dash", "name", "x"), user), 400);
        TestApi.assertProblem(api.post("/api/rooms", Map.of("id", "a".repeat(33), "name", "x"), user), 400);
        TestApi.assertProblem(api.post("/api/rooms", Map.of("id", "fine-id", "name", ""), user), 400);
        TestApi.assertProblem(api.post("/api/rooms", Map.of("id", "fine-id2", "name", "n".repeat(65)), user), 400);
        TestApi.assertProblem(api.post("/api/rooms", Map.of("name", "no id"), user), 400);
        // both fields wrong: both reported
        var both = TestApi.json(api.post("/api/rooms", Map.of("id", "Bad Id", "name", " "), user));
        assertThat(both.get("errors").valueStream().map(e -> e.get("field").asString())).containsExactly("id", "name");
        // names count code points: 64 emoji are fine
        assertThat(api.post("/api/rooms", Map.of("id", "emoji-" + System.nanoTime() % 100000, "name", "\uD83D\uDE00".repeat(64)), user)
                .statusCode()).isEqualTo(201);
        assertThat(api.post("/api/rooms", Map.of("id", "x" + "a".repeat(31), "name", "n".repeat(64)), user).statusCode()).isEqualTo(201);
    }

    @Test
    void roomsNeedAuthentication() {
        TestApi.assertProblem(api.get("/api/rooms", null), 401);
        TestApi.assertProblem(api.post("/api/rooms", Map.of("id", "anon", "name", "x"), null), 401);
    }
}
