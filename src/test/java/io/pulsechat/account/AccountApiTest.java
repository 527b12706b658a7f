package io.pulsechat.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;

import static io.pulsechat.TestApi.assertProblem;
import tools.jackson.databind.JsonNode;

/** docs/protocol.md section 1: registration, tokens, /api/me, and problem+json errors. */
@ChatServerTest
class AccountApiTest {

    @LocalServerPort
    int port;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    HttpResponse<String> register(String username, String password, String displayName) {
        var body = new java.util.HashMap<String, Object>();
        body.put("username", username);
        body.put("password", password);
        body.put("display_name", displayName);
        return api.post("/api/users", body, null);
    }

    @Test
    void registrationAnswers201WithTheUser() {
        var response = register("carol_" + System.nanoTime() % 100000, "correct-horse-9", "Carol");
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode user = TestApi.json(response);
        assertThat(user.get("userid").asString()).isNotBlank();
        assertThat(user.get("username").asString()).startsWith("carol_");
        assertThat(user.get("display_name").asString()).isEqualTo("Carol");
        assertThat(user.has("password")).isFalse();
        assertThat(response.body()).doesNotContain("password");
    }

    @Test
    void invalidRegistrationsAre400() {
        assertProblem(register("ab", "correct-horse-9", "X"), 400);
        assertProblem(register("Upper", "correct-horse-9", "X"), 400);
        assertProblem(register("a".repeat(33), "correct-horse-9", "X"), 400);
        assertProblem(register("valid_name1", "short", "X"), 400);
        assertProblem(register("valid_name2", "p".repeat(129), "X"), 400);
        assertProblem(register("valid_name3", "correct-horse-9", ""), 400);
        assertProblem(register("valid_name4", "correct-horse-9", "   "), 400);
        assertProblem(register("valid_name5", "correct-horse-9", "d".repeat(65)), 400);
        assertProblem(register(null, "correct-horse-9", "X"), 400);
        assertProblem(api.post("/api/users", "{not json", null), 400);
        assertThat(register("valid_name6", "p".repeat(128), "d".repeat(64)).statusCode()).isEqualTo(201);
    }

    @Test
    void takenUsernameIs409() {
        TestApi.User user = api.register();
        var taken = register(user.username(), "correct-horse-9", "Again");
        assertProblem(taken, 409);
        assertThat(TestApi.json(taken).get("code").asString()).isEqualTo("username_taken");
    }

    @Test
    void tokenForBasicCredentials() {
        TestApi.User user = api.register();
        long before = System.currentTimeMillis();
        var response = api.post("/api/auth/token", null, user);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode token = TestApi.json(response);
        assertThat(token.get("userid").asString()).isEqualTo(user.userid());
        assertThat(token.get("token").asString()).contains(".");
        // default lifetime 5 minutes
        assertThat(token.get("expires_at").asLong()).isBetween(before + 290_000, before + 310_000);
    }

    @Test
    void badCredentialsAre401() {
        TestApi.User user = api.register();
        var wrong = new TestApi.User(user.userid(), user.username(), "wrong-password", "x");
        assertProblem(api.post("/api/auth/token", null, wrong), 401);
        assertProblem(api.post("/api/auth/token", null, null), 401);
        var nobody = new TestApi.User("x", "nobody_here", "whatever1", "x");
        assertProblem(api.post("/api/auth/token", null, nobody), 401);
    }

    @Test
    void meWithBasicOrBearer() {
        TestApi.User user = api.register();
        JsonNode basic = TestApi.json(api.get("/api/me", user));
        assertThat(basic.get("userid").asString()).isEqualTo(user.userid());
        assertThat(basic.get("username").asString()).isEqualTo(user.username());
        assertThat(basic.get("display_name").asString()).isEqualTo(user.displayName());

        String token = api.token(user);
        var bearer = api.request("GET", "/api/me", null, Map.of("Authorization", "Bearer " + token));
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(bearer).get("userid").asString()).isEqualTo(user.userid());
    }

    @Test
    void meWithoutOrWithBadCredentialsIs401() {
        assertProblem(api.get("/api/me", null), 401);
        assertProblem(api.request("GET", "/api/me", null, Map.of("Authorization", "Bearer not.a.token")), 401);
    }

    @Test
    void unknownApiPathIsAProblem404() {
        TestApi.User user = api.register();
        assertProblem(api.get("/api/nothing-here", user), 404);
    }
}
