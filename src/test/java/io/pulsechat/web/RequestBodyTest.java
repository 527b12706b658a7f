package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7 sections 1 and 6, for REST: text that is not well-formed Unicode (a lone surrogate after unescaping) and
 * a field of the wrong JSON type are 400 problem+json, naming the field, and nothing is stored; checked where
 * bodies are decoded, for every string field. The WebSocket's own decoding (same application JsonMapper) is
 * unaffected.
 */
@ChatServerTest
class RequestBodyTest {

    /** The six characters {@code \ud800} of a JSON escape: valid UTF-8 on the wire, a lone surrogate once unescaped. */
    static final String LONE_HIGH = "\\ud800";
    static final String LONE_LOW = "\\udc00";

    @LocalServerPort
    int port;

    TestApi api;
    TestApi.User user;
    WsClient socket;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        user = api.register();
    }

    @AfterEach
    void closeSocket() {
        if (socket != null) {
            socket.closeQuietly();
        }
    }

    static String name() {
        return "u" + Long.toString(System.nanoTime(), 36);
    }

    void assertBadRequestNaming(java.net.http.HttpResponse<String> response, String field, String words) {
        TestApi.assertProblem(response, 400);
        assertThat(TestApi.json(response).get("detail").asString()).contains("'" + field + "'").contains(words);
    }

    @Test
    void aLoneSurrogateInARegistrationIs400AndNothingIsStored() {
        String username = name();
        String body = "{\"username\":\"" + username + "\",\"password\":\"a-good-password-7\",\"display_name\":\"x" + LONE_HIGH + "y\"}";
        assertBadRequestNaming(api.post("/api/users", body, null), "display_name", "not well-formed Unicode");
        String lowOnly = "{\"username\":\"" + username + "\",\"password\":\"a-good-password-7" + LONE_LOW + "\",\"display_name\":\"X\"}";
        assertBadRequestNaming(api.post("/api/users", lowOnly, null), "password", "not well-formed Unicode");
        String inName = "{\"username\":\"" + LONE_HIGH + "\",\"password\":\"a-good-password-7\",\"display_name\":\"X\"}";
        assertBadRequestNaming(api.post("/api/users", inName, null), "username", "not well-formed Unicode");
        // not stored: the username is still free
        assertThat(api.register(username, "Fine").username()).isEqualTo(username);
    }

    @Test
    void aLoneSurrogateInARoomIs400AndNoRoomIsMade() {
        String id = "r" + Long.toString(System.nanoTime(), 36);
        var inName = api.post("/api/rooms", "{\"id\":\"" + id + "\",\"name\":\"Team " + LONE_HIGH + "\"}", user);
        assertBadRequestNaming(inName, "name", "not well-formed Unicode");
        var inId = api.post("/api/rooms", "{\"id\":\"" + id + LONE_LOW + "\",\"name\":\"Team\"}", user);
        assertBadRequestNaming(inId, "id", "not well-formed Unicode");
        assertThat(api.get("/api/rooms", user).body()).doesNotContain(id);
        // a proper pair written as escapes is one emoji, and fine
        var pair = api.post("/api/rooms", "{\"id\":\"" + id + "\",\"name\":\"Team \\ud83d\\ude00\"}", user);
        assertThat(pair.statusCode()).isEqualTo(201);
        assertThat(TestApi.json(pair).get("name").asString()).isEqualTo("Team \uD83D\uDE00");
    }

    @Test
    void aFieldOfTheWrongJsonTypeIs400() {
        assertBadRequestNaming(api.post("/api/rooms", "{\"id\":123,\"name\":\"Numbers\"}", user), "id", "a JSON string is expected");
        assertBadRequestNaming(api.post("/api/rooms", "{\"id\":\"bools\",\"name\":true}", user), "name", "wrong type");
        assertBadRequestNaming(api.post("/api/rooms", "{\"id\":\"floats\",\"name\":1.5}", user), "name", "wrong type");
        assertBadRequestNaming(api.post("/api/rooms", "{\"id\":[\"x\"],\"name\":\"Array\"}", user), "id", "wrong type");
        assertBadRequestNaming(api.post("/api/users", "{\"username\":\"" + name() + "\",\"password\":12345678901,\"display_name\":\"N\"}", null),
                "password", "wrong type");
        assertThat(api.get("/api/rooms", user).body()).doesNotContain("\"123\"", "bools", "floats");
        TestApi.assertProblem(api.post("/api/rooms", "{\"id\":", user), 400);
        TestApi.assertProblem(api.post("/api/rooms", "[]", user), 400);
    }

    @Test
    void theDetailNeverQuotesTheInput() {
        var response = api.post("/api/rooms", "{\"id\":\"<script>" + LONE_HIGH + "\",\"name\":\"n\"}", user);
        TestApi.assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("script");
    }

    @Test
    void theSocketStillReadsFramesItsOwnWay() {
        // the socket decodes with readTree: a numeric req_no (taken as its digits) still works, as do emoji
        socket = api.connect(user, "superchat");
        socket.send(Map.of("req_type", 8, "req_no", 4711));
        JsonNode beat = socket.await(f -> f.path("resp_type").asInt() == 8 && f.has("req_no"));
        assertThat(beat.get("req_no").asString()).isEqualTo("4711");
        socket.join("lobby");
        socket.sendMessage("lobby", "emoji \uD83D\uDE00 fine", "cmid-" + System.nanoTime());
        JsonNode ack = socket.await(f -> f.path("resp_type").asInt() == 4);
        assertThat(ack.get("room").asString()).isEqualTo("lobby");
    }
}
