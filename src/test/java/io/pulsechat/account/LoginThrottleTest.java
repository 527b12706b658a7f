package io.pulsechat.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
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
 * Issue 7 section 3: 5 failed logins within 5 minutes for a username, or 50 for a client address, lock further
 * attempts (a correct password too) for 30 s, doubling with each further lockout; a success resets the username.
 * For HTTP Basic on the REST API and the actuator (429 problem+json with Retry-After) and for the form login (the
 * login page with a translated message). Defaults as shipped (the test profile raises the per-address limit for
 * the other tests, all of which come from 127.0.0.1); time comes from a {@link MutableClock}.
 */
@ChatServerTest(properties = "chat.auth.login-failures-per-address=50")
class LoginThrottleTest {

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

    TestApi api;
    TestApi.User user;

    @BeforeEach
    void setUp() {
        clock.advance(Duration.ofDays(2)); // every lock of an earlier test is over and forgotten
        api = new TestApi(port);
        user = api.register();
    }

    static TestApi.User withPassword(TestApi.User user, String password) {
        return new TestApi.User(user.userid(), user.username(), password, user.displayName());
    }

    HttpResponse<String> me(TestApi.User as) {
        return api.get("/api/me", as);
    }

    void failBasic(TestApi.User as, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(me(withPassword(as, "wrong-password-" + i)).statusCode()).isEqualTo(401);
        }
    }

    static void assertThrottled(HttpResponse<String> response, long retryAfter) {
        TestApi.assertProblem(response, 429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue(Long.toString(retryAfter));
        assertThat(TestApi.json(response).get("code").asString()).isEqualTo("login_throttled");
        assertThat(response.body()).doesNotContain("userid");
    }

    @Test
    void fiveFailuresLockTheUsernameEvenForTheRightPassword() {
        failBasic(user, 5);
        assertThrottled(me(user), 30);
        assertThrottled(api.post("/api/auth/token", null, user), 30);
        // another user from the same address is not affected
        assertThat(me(api.register()).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(29));
        assertThrottled(me(user), 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(me(user).statusCode()).isEqualTo(200);

        // the success reset the count and the doubling: 4 failures are fine, the 5th locks for 30 s again
        failBasic(user, 4);
        assertThat(me(user).statusCode()).isEqualTo(200);
        failBasic(user, 5);
        assertThrottled(me(user), 30);
    }

    @Test
    void eachFurtherLockoutDoubles() {
        failBasic(user, 5);
        assertThrottled(me(user), 30);
        clock.advance(Duration.ofSeconds(30));
        failBasic(user, 5);
        assertThrottled(me(user), 60);
        clock.advance(Duration.ofSeconds(60));
        failBasic(user, 5);
        assertThrottled(me(user), 120);
        clock.advance(Duration.ofSeconds(119));
        assertThrottled(me(user), 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(me(user).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyFailuresWithinTheWindowCount() {
        failBasic(user, 4);
        clock.advance(Duration.ofMinutes(5).plusMillis(1));
        failBasic(user, 4); // 8 failures, but never 5 within 5 minutes
        assertThat(me(user).statusCode()).isEqualTo(200);
    }

    @Test
    void theActuatorsBasicLoginIsThrottledToo() {
        for (int i = 0; i < 5; i++) {
            TestApi.assertProblem(api.get("/actuator/prometheus", withPassword(user, "wrong-" + i)), 401);
        }
        assertThrottled(api.get("/actuator/prometheus", user), 30);
        assertThrottled(me(user), 30); // one count per node, whichever way the password came
    }

    @Test
    void fiftyFailuresFromOneAddressLockEveryUsernameFromIt() {
        for (int i = 0; i < 50; i++) {
            var stranger = new TestApi.User("-", "nobody_" + i + "_" + System.nanoTime() % 10_000, "wrong-password", "-");
            assertThat(me(stranger).statusCode()).isEqualTo(401);
        }
        assertThrottled(me(user), 30);
        assertThrottled(me(api.register()), 30);
        clock.advance(Duration.ofSeconds(30));
        assertThat(me(user).statusCode()).isEqualTo(200);
    }

    @Test
    void theFormLoginShowsATranslatedMessageWhileLocked() {
        var browser = new PageClient(port);
        for (int i = 0; i < 5; i++) {
            var failed = browser.submit("/login", "/login", Map.of("username", user.username(), "password", "wrong-" + i));
            assertThat(failed.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        }
        var locked = browser.submit("/login", "/login", Map.of("username", user.username(), "password", user.password()));
        assertThat(locked.statusCode()).isEqualTo(302);
        String location = locked.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/login?throttled=30");
        String path = URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery();

        var english = browser.get(path);
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("data-testid=\"login-throttled\"", "Wait 30 seconds");
        assertThat(browser.language("zh-CN").get(path).body()).contains("请等待 30 秒");
        assertThat(browser.get("/").statusCode()).as("not logged in").isEqualTo(302);
        // a made-up wait in the link is ignored
        assertThat(browser.get("/login?throttled=forever").body()).doesNotContain("login-throttled");
        assertThat(browser.get("/login?throttled=99999999").body()).doesNotContain("login-throttled");

        clock.advance(Duration.ofSeconds(30));
        browser.language("en").login(user);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }
}
