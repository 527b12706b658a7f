package io.pulsechat.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.pulsechat.ChatServerTest;
import io.pulsechat.MutableClock;
import io.pulsechat.TestApi;
import io.pulsechat.web.PageClient;

/**
 * Issue 7 section 2: {@code POST /api/auth/token} refuses a bearer token (so a leaked token cannot renew itself), and
 * logging out revokes every token issued before it, for the WebSocket handshake and the REST API alike, with
 * millisecond precision (JWT's {@code iat} has whole seconds). Time comes from a {@link MutableClock}.
 */
@ChatServerTest
class TokenRevocationTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    Accounts accounts;

    TestApi api;
    TestApi.User user;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        user = api.register();
    }

    int handshake(String token) {
        return api.handshakeStatus(api.wsUrl(user.userid(), token, null), Map.of(), "chat");
    }

    int bearerMe(String token) {
        return api.request("GET", "/api/me", null, Map.of("Authorization", "Bearer " + token)).statusCode();
    }

    @Test
    void theTokenEndpointRefusesABearerToken() {
        String token = api.token(user);
        var renewed = api.request("POST", "/api/auth/token", null, Map.of("Authorization", "Bearer " + token));
        TestApi.assertProblem(renewed, 401);
        assertThat(TestApi.json(renewed).get("detail").asString()).contains("HTTP Basic or the login session");
        assertThat(renewed.body()).doesNotContain("\"token\"");
        // the token itself still works where bearer tokens belong
        assertThat(bearerMe(token)).isEqualTo(200);
        // Basic still gets one
        assertThat(api.post("/api/auth/token", null, user).statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenEndpointRefusesABearerTokenAlsoNextToALoginSession() {
        var browser = new PageClient(port).login(user);
        String csrf = browser.chatPageCsrf();
        var withSession = browser.api("POST", "/api/auth/token", null, csrf);
        assertThat(withSession.statusCode()).isEqualTo(200);
        var plusBearer = browser.api("POST", "/api/auth/token", null, csrf, Map.of("Authorization", "Bearer " + api.token(user)));
        TestApi.assertProblem(plusBearer, 401);
    }

    @Test
    void loggingOutRevokesTokensIssuedBeforeItToTheMillisecond() {
        long second = (clock.millis() / 1000 + 1) * 1000;
        clock.set(second + 100);
        String before = api.token(user);
        String otherUsers = api.token(api.register());
        clock.advance(Duration.ofMillis(200));

        var logout = new PageClient(port).login(user).logout();
        assertThat(logout.statusCode()).isEqualTo(302);

        clock.advance(Duration.ofMillis(100)); // still the same second as the first token
        String after = api.token(user);

        assertThat(handshake(before)).as("handshake, token from before the logout").isEqualTo(401);
        assertThat(bearerMe(before)).as("bearer, token from before the logout").isEqualTo(401);
        TestApi.assertProblem(api.request("GET", "/api/rooms", null, Map.of("Authorization", "Bearer " + before)), 401);
        assertThat(handshake(after)).as("handshake, token from after the logout").isEqualTo(101);
        assertThat(bearerMe(after)).as("bearer, token from after the logout").isEqualTo(200);
        assertThat(bearerMe(otherUsers)).as("someone else's token").isEqualTo(200);
    }

    @Test
    void revokingIsOneCallForLaterUsesToo() {
        // what a ban or a password change will call
        String token = api.token(user);
        clock.advance(Duration.ofMillis(1));
        accounts.revokeTokens(user.userid());
        assertThat(handshake(token)).isEqualTo(401);
        assertThat(bearerMe(token)).isEqualTo(401);
        // Basic still works and gives a good token
        clock.advance(Duration.ofMillis(1));
        String fresh = api.token(user);
        assertThat(handshake(fresh)).isEqualTo(101);
    }

    @Test
    void aTokenIssuedInTheSameMillisecondAsTheRevocationIsRevoked() {
        String token = api.token(user);
        accounts.revokeTokens(user.userid());
        assertThat(bearerMe(token)).isEqualTo(401);
    }
}
