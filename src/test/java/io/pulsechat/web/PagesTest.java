package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;

/** The pages as a browser gets them: redirects, CSP, sign-up and login forms with CSRF, the session-based token. */
@ChatServerTest
class PagesTest {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.boot.info.BuildProperties build;

    HttpClient browser;

    @BeforeEach
    void newBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String html) {
        Matcher m = CSRF_INPUT.matcher(html);
        assertThat(m.find()).as("a _csrf field in the form").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    @Test
    void anonymousVisitorsGoToTheLoginPage() throws Exception {
        var chat = get("/");
        assertThat(chat.statusCode()).isEqualTo(302);
        assertThat(chat.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        var login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"").contains("name=\"password\"").contains("data-testid=\"login-submit\"");
    }

    @Test
    void pagesForbidInlineScript() throws Exception {
        var login = get("/login");
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(login.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        var script = get("/app/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    }

    @Test
    void signUpLogInAndGetATokenWithTheSession() throws Exception {
        String username = "page_" + System.nanoTime() % 1_000_000;
        var invalid = postForm("/signup", Map.of("_csrf", csrf(get("/signup").body()), "username", "No Good",
                "password", "password-1", "displayName", "Page User"));
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("lowercase letters");

        // signing up logs the new user in and opens the chat (issue 12)
        var signedUp = postForm("/signup", Map.of("_csrf", csrf(get("/signup").body()), "username", username,
                "password", "password-1", "displayName", "Page User"));
        assertThat(signedUp.statusCode()).isEqualTo(302);
        assertThat(URI.create(signedUp.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");

        var chat = get("/");
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.body()).contains("Page User");
        // the client's version (sent as version= on the socket) is the build's, not some library's
        assertThat(chat.body()).contains("data-version=\"" + build.getVersion() + "\"");
        Matcher meta = CSRF_META.matcher(chat.body());
        assertThat(meta.find()).isTrue();

        var withoutCsrf = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/token"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        TestApi.assertProblem(withoutCsrf, 403);

        var token = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/token"))
                .header("X-CSRF-TOKEN", meta.group(1)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(TestApi.json(token).get("token").asString()).isNotBlank();
    }

    @Test
    void loginReturnsToTheChatPageThatWasAskedFor() throws Exception {
        TestApi.User user = new TestApi(port).register();
        get("/"); // remembered (in a cookie) as the page to come back to
        var loggedIn = postForm("/login", Map.of("_csrf", csrf(get("/login").body()), "username", user.username(),
                "password", user.password()));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(URI.create(loggedIn.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
        assertThat(get("/").body()).contains(user.displayName());
    }

    @Test
    void wrongPasswordGoesBackToTheLoginPageWithAnError() throws Exception {
        var failed = postForm("/login", Map.of("_csrf", csrf(get("/login").body()), "username", "nobody_at_all", "password", "nope-nope"));
        assertThat(failed.statusCode()).isEqualTo(302);
        assertThat(failed.headers().firstValue("Location").orElseThrow()).contains("/login?error");
    }
}
