package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import io.pulsechat.account.LoggedOut;
import tools.jackson.databind.JsonNode;

/** Logout closes that user's sockets with 4401 (docs/protocol.md section 7), and nobody else's. */
@ChatServerTest
class LogoutTest extends ChatFixture {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*?value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*?name=\"_csrf\"");

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void aLoggedOutEventClosesEverySessionOfThatUserWith4401() {
        WsClient a1 = connect(alice, "chat");
        WsClient a2 = connect(alice, "superchat");
        WsClient b = connect(bob, "chat");
        events.publishEvent(new LoggedOut(alice.userid()));
        assertThat(a1.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(4401);
        assertThat(a2.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(4401);
        b.send(Map.of("req_type", 1, "timestamp", 7));
        b.await(Wire.pong(7));
        assertThat(b.closedOrNull()).isNull();
    }

    /** A browser: cookies kept, redirects not followed. */
    final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(api.base() + path)).header("Accept", "text/html").GET());
        }

        HttpResponse<String> postForm(String path, Map<String, String> form) {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(api.base() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** The _csrf hidden input of the login page, or null when the page does not render. */
        String csrfFromLoginPage() {
            HttpResponse<String> page = get("/login");
            if (page.statusCode() != 200) {
                return null;
            }
            Matcher m = CSRF.matcher(page.body());
            return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
        }
    }

    @Test
    void loggingOutOfTheBrowserClosesThatUsersSocketsWith4401() {
        Browser browser = new Browser();
        String csrf = browser.csrfFromLoginPage();
        assertThat(csrf).as("GET /login renders a login form with a _csrf input").isNotNull();

        HttpResponse<String> login = browser.postForm("/login", Map.of("username", alice.username(), "password", alice.password(), "_csrf", csrf));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

        // the login changed the session and its CSRF token: take a fresh one, then a connection token with it
        String fresh = browser.csrfFromLoginPage();
        assertThat(fresh).isNotNull();
        HttpResponse<String> issued = browser.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/auth/token"))
                .header("X-CSRF-TOKEN", fresh).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(issued.statusCode()).isEqualTo(200);
        JsonNode token = TestApi.JSON.readTree(issued.body());
        assertThat(token.get("userid").asString()).isEqualTo(alice.userid());

        WsClient socket = api.open(api.wsUrl(alice.userid(), token.get("token").asString(), "platform=micro-web"), Map.of(), "superchat", "chat");
        clients.add(socket);
        assertThat(socket.next().get("resp_type").asInt()).isEqualTo(5);
        WsClient other = connect(bob, "chat");

        HttpResponse<String> logout = browser.postForm("/logout", Map.of("_csrf", fresh));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(socket.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(4401);
        other.send(Map.of("req_type", 1, "timestamp", 8));
        other.await(Wire.pong(8));

        // the browser session is gone too
        HttpResponse<String> after = browser.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/auth/token"))
                .header("X-CSRF-TOKEN", fresh).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(after.statusCode()).isIn(401, 403);
    }
}
