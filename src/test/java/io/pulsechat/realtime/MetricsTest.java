package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/**
 * Micrometer metrics in the Prometheus scrape (issue: open sessions by protocol and platform, messages stored,
 * frames delivered, errors by code), which is for operators only (issue 7 section 6: {@code chat.ops.users},
 * {@code chat.admins}, or the scrape credential); health is public.
 */
@ChatServerTest(properties = {"chat.ops.users=ops_metrics", "chat.admins=admin_metrics",
        "chat.ops.scrape-username=prometheus-scraper", "chat.ops.scrape-password=" + MetricsTest.SCRAPE_PASSWORD})
class MetricsTest extends OpenClients {

    static final String SCRAPE_PASSWORD = "scrape-secret-0123456789";
    static final TestApi.User SCRAPER = new TestApi.User("-", "prometheus-scraper", SCRAPE_PASSWORD, "-");

    /** The user with that fixed name (registered on first use; the context, and so the database, is this class's). */
    static TestApi.User named(TestApi api, String username) {
        var created = api.post("/api/users", Map.of("username", username, "password", "ops-password-9", "display_name", username), null);
        assertThat(created.statusCode()).isIn(201, 409);
        var user = new TestApi.User("-", username, "ops-password-9", username);
        return new TestApi.User(TestApi.json(api.get("/api/me", user)).get("userid").asString(), username, "ops-password-9", username);
    }

    static double value(String scrape, String metricWithLabels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metricWithLabels) + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    static double sum(String scrape, String metric) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }

    @Test
    void trafficShowsInThePrometheusScrape() {
        TestApi api = new TestApi(port);
        TestApi.User alice = api.register();
        TestApi.User operator = named(api, "ops_metrics");
        String room = api.createRoom(alice);
        String before = api.get("/actuator/prometheus", operator).body();

        WsClient a = api.connect(alice, "superchat");
        WsClient b = api.connect(api.register(), "chat");
        clients.add(a);
        clients.add(b);
        a.join(room);
        b.join(room);
        for (int i = 0; i < 3; i++) {
            String id = cmid();
            a.sendMessage(room, "counted " + i, id);
            a.await(ack(id));
        }
        a.sendText("not json");
        a.await(Wire.error("bad_json"));
        b.send(Map.of("req_type", 5, "room", room));
        b.await(Wire.error("unsupported"));

        var response = api.get("/actuator/prometheus", operator);
        assertThat(response.statusCode()).isEqualTo(200);
        String scrape = response.body();
        assertThat(scrape).contains("chat_messages_stored", "chat_frames_delivered", "chat_errors");
        assertThat(sum(scrape, "chat_messages_stored_total") - sum(before, "chat_messages_stored_total")).isGreaterThanOrEqualTo(3);
        assertThat(sum(scrape, "chat_frames_delivered_total") - sum(before, "chat_frames_delivered_total")).isGreaterThanOrEqualTo(6);
        assertThat(value(scrape, "chat_errors_total{code=\"bad_json\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "chat_errors_total{code=\"unsupported\"}")).isGreaterThanOrEqualTo(1);

        // open sessions by protocol and platform (recounted by the heartbeat ticker, at most a second late)
        Wire.eventually(Duration.ofSeconds(5), "sessions gauge with the junit platform", () -> {
            String now = api.get("/actuator/prometheus", operator).body();
            return value(now, "chat_sessions_open{platform=\"junit\",protocol=\"superchat\"}") >= 1
                    && value(now, "chat_sessions_open{platform=\"junit\",protocol=\"chat\"}") >= 1;
        });
    }

    @Test
    void metricsAreForOperatorsOnlyAndHealthIsPublic() {
        TestApi api = new TestApi(port);
        for (String endpoint : new String[] {"/actuator/prometheus", "/actuator/metrics"}) {
            var anonymous = api.get(endpoint, null);
            TestApi.assertProblem(anonymous, 401);
            assertThat(anonymous.body()).doesNotContain("chat_");

            var ordinary = api.get(endpoint, api.register());
            TestApi.assertProblem(ordinary, 403);
            assertThat(ordinary.body()).doesNotContain("chat_", "jvm");

            assertThat(api.get(endpoint, named(api, "ops_metrics")).statusCode()).as("chat.ops.users").isEqualTo(200);
            assertThat(api.get(endpoint, named(api, "admin_metrics")).statusCode()).as("chat.admins").isEqualTo(200);
            assertThat(api.get(endpoint, SCRAPER).statusCode()).as("the scrape credential").isEqualTo(200);
            var wrongSecret = new TestApi.User("-", SCRAPER.username(), "not-the-scrape-secret", "-");
            TestApi.assertProblem(api.get(endpoint, wrongSecret), 401);
        }
        assertThat(api.get("/actuator/prometheus", SCRAPER).body()).contains("chat_messages_stored");
        // the scrape credential is no chat account
        TestApi.assertProblem(api.get("/api/me", SCRAPER), 401);
        TestApi.assertProblem(api.post("/api/auth/token", null, SCRAPER), 401);

        var health = api.get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(health).get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }
}
