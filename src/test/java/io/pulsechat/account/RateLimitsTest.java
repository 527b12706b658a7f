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
 * Issue 7 section 4: room creation per user ({@code chat.limits.rooms-per-hour}, 20) and registration per client
 * address ({@code chat.limits.registrations-per-hour}, 50) are rate limited: 429 problem+json with Retry-After, on
 * the sign-up page a translated message. Defaults as shipped; time from a {@link MutableClock}.
 */
@ChatServerTest(properties = "chat.limits.registrations-per-hour=50")
class RateLimitsTest {

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

    @BeforeEach
    void setUp() {
        clock.advance(Duration.ofHours(2)); // whatever an earlier test used up is back
        api = new TestApi(port);
    }

    static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void aUserCreatesAtMostTwentyRoomsAnHour() {
        TestApi.User user = api.register();
        for (int i = 0; i < 20; i++) {
            api.createRoom(user);
            clock.advance(Duration.ofMinutes(1));
        }
        // 20 rooms, one a minute from 0 to 19; now it is minute 20: the first leaves the hour in 40 minutes
        var refused = api.post("/api/rooms", Map.of("id", unique("r"), "name", "One too many"), user);
        TestApi.assertProblem(refused, 429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue(Long.toString(40 * 60));
        assertThat(TestApi.json(refused).get("code").asString()).isEqualTo("room_rate_limited");
        assertThat(TestApi.json(refused).get("retry_after").asLong()).isEqualTo(40 * 60);

        // someone else may still create rooms
        api.createRoom(api.register());
        // invalid requests are refused as such, and do not count
        TestApi.assertProblem(api.post("/api/rooms", Map.of("id", "Bad Id", "name", "x"), user), 400);

        clock.advance(Duration.ofMinutes(39));
        TestApi.assertProblem(api.post("/api/rooms", Map.of("id", unique("r"), "name", "Still too early"), user), 429);
        clock.advance(Duration.ofMinutes(1));
        api.createRoom(user);
    }

    @Test
    void anAddressRegistersAtMostFiftyUsersAnHour() {
        for (int i = 0; i < 50; i++) {
            api.register();
        }
        var refused = api.post("/api/users", Map.of("username", unique("u"), "password", "a-good-password-7", "display_name", "X"), null);
        TestApi.assertProblem(refused, 429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3600");
        assertThat(TestApi.json(refused).get("code").asString()).isEqualTo("registration_rate_limited");

        // the sign-up page gives the same answer, translated
        var page = new PageClient(port).language("zh-CN").submit("/signup", "/signup",
                Map.of("username", unique("p"), "password", "a-good-password-7", "displayName", "Page"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"signup-error-form\"", "注册的账号过多", "60 分钟");

        clock.advance(Duration.ofHours(1));
        api.register();
    }
}
