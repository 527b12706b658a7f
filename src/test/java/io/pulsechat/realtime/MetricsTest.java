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
 * frames delivered, errors by code), which needs authentication; health is public.
 */
@ChatServerTest
class MetricsTest extends OpenClients {

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
        String room = api.createRoom(alice);
        String before = api.get("/actuator/prometheus", alice).body();

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

        var response = api.get("/actuator/prometheus", alice);
        assertThat(response.statusCode()).isEqualTo(200);
        String scrape = response.body();
        assertThat(scrape).contains("chat_messages_stored", "chat_frames_delivered", "chat_errors");
        assertThat(sum(scrape, "chat_messages_stored_total") - sum(before, "chat_messages_stored_total")).isGreaterThanOrEqualTo(3);
        assertThat(sum(scrape, "chat_frames_delivered_total") - sum(before, "chat_frames_delivered_total")).isGreaterThanOrEqualTo(6);
        assertThat(value(scrape, "chat_errors_total{code=\"bad_json\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "chat_errors_total{code=\"unsupported\"}")).isGreaterThanOrEqualTo(1);

        // open sessions by protocol and platform (recounted by the heartbeat ticker, at most a second late)
        Wire.eventually(Duration.ofSeconds(5), "sessions gauge with the junit platform", () -> {
            String now = api.get("/actuator/prometheus", alice).body();
            return value(now, "chat_sessions_open{platform=\"junit\",protocol=\"superchat\"}") >= 1
                    && value(now, "chat_sessions_open{platform=\"junit\",protocol=\"chat\"}") >= 1;
        });
    }

    @Test
    void theScrapeNeedsAuthenticationAndHealthIsPublic() {
        TestApi api = new TestApi(port);
        var anonymous = api.get("/actuator/prometheus", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(anonymous.body()).doesNotContain("chat_");
        var health = api.get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(health).get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }
}
