package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;

/**
 * Issue 7 section 5: anonymous requests create no stored session. 1,000 of them across {@code /api/**},
 * {@code /app/**}, {@code /actuator/**}, {@code /ws/chat}, {@code /login}, {@code /signup} and {@code /} (with and
 * without cookies, failed form logins and sign-ups included) leave the SPRING_SESSION table as it was; login, the
 * chat page's REST calls with CSRF and logout still work, and only a login makes a session.
 */
@ChatServerTest
class AnonymousSessionsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    long sessions() {
        return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
    }

    @Test
    void aThousandAnonymousRequestsStoreNoSession() {
        TestApi api = new TestApi(port);
        PageClient browser = new PageClient(port); // keeps its cookies, like a browser tab
        String ws = "ws://localhost:" + port + "/ws/chat?userid=x&token=not-a-token&version=test&platform=junit";
        List<IntConsumer> requests = List.of(
                i -> api.get("/api/me", null),
                i -> api.get("/api/rooms", null),
                i -> api.post("/api/rooms", Map.of("id", "anon" + i, "name", "x"), null),
                i -> api.post("/api/auth/token", null, null),
                i -> api.get("/api/no-such-thing/" + i, null),
                i -> api.get("/app/app.js", null),
                i -> api.get("/app/missing-" + i + ".js", null),
                i -> api.get("/actuator/prometheus", null),
                i -> api.get("/actuator/metrics", null),
                i -> api.get("/actuator/health", null),
                i -> api.get("/ws/chat", null),
                i -> browser.get("/login"),
                i -> api.request("GET", "/login", null, Map.of("Accept", "text/html")),
                i -> browser.get("/"),
                i -> api.request("GET", "/", null, Map.of("Accept", "text/html")),
                i -> browser.get("/signup"),
                i -> browser.get("/somewhere/" + i),
                i -> browser.get("/error"),
                i -> browser.send(HttpRequest.newBuilder(URI.create(browser.base + "/api/rooms")).header("Accept", "application/json")));
        long before = sessions();
        int sent = 0;
        for (int i = 0; sent < 950; i++) {
            requests.get(i % requests.size()).accept(i);
            sent++;
        }
        // the heavier ones: failed form logins and sign-ups (a password hash each), WebSocket handshakes
        for (int i = 0; i < 20; i++) {
            var failed = browser.submit("/login", "/login", Map.of("username", "nobody_" + i, "password", "wrong-password"));
            assertThat(failed.headers().firstValue("Location").orElse("")).endsWith("/login?error");
            var invalid = browser.submit("/signup", "/signup", Map.of("username", "No Good", "password", "x", "displayName", ""));
            assertThat(invalid.statusCode()).isEqualTo(200);
            assertThat(api.handshakeStatus(ws, Map.of(), "chat")).isEqualTo(401);
            sent += 5; // each submit is a GET and a POST
        }
        assertThat(sent).isEqualTo(1050);
        assertThat(sessions()).as("stored sessions after %d anonymous requests", sent).isEqualTo(before);
        assertThat(browser.hasCookie("SESSION")).isFalse();
    }

    @Test
    void aLoginStillMakesASessionAndTheChatPagesCallsStillWork() {
        TestApi api = new TestApi(port);
        TestApi.User user = api.register();
        long before = sessions();
        PageClient browser = new PageClient(port).login(user);
        assertThat(sessions()).isEqualTo(before + 1);
        String csrf = browser.chatPageCsrf();
        var room = browser.api("POST", "/api/rooms", "{\"id\":\"s" + System.nanoTime() % 1_000_000 + "\",\"name\":\"Session room\"}", csrf);
        assertThat(room.statusCode()).as(room.body()).isEqualTo(201);
        TestApi.assertProblem(browser.api("POST", "/api/auth/token", null, null), 403); // no CSRF header
        assertThat(browser.api("POST", "/api/auth/token", null, csrf).statusCode()).isEqualTo(200);
        assertThat(browser.logout().headers().firstValue("Location").orElse("")).endsWith("/login?logout");
        assertThat(sessions()).isEqualTo(before);
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }
}
