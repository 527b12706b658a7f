package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;

/**
 * Issue 7 section 6 and issue 12 "Getting in": API paths answer problem+json always, pages our own HTML error
 * page (translated, in the login page's look), never raw JSON, Tomcat's report or a stack trace; also for what
 * Tomcat refuses before the application (an encoded slash, a request line or headers that are too long).
 */
@ChatServerTest
class ErrorPagesTest {

    /** Controllers that fail, to see a 500 (nested in the test class: only this test's context has them). */
    @TestConfiguration
    @Import({FailingPage.class, FailingApi.class})
    static class Failing {
    }

    @Controller
    static class FailingPage {
        @GetMapping("/test-only/fail")
        String fail() {
            throw new IllegalStateException("internal detail 4711");
        }
    }

    @RestController
    static class FailingApi {
        @GetMapping("/api/test-only/fail")
        String fail() {
            throw new IllegalStateException("internal detail 4711");
        }
    }

    @LocalServerPort
    int port;

    TestApi api;
    TestApi.User user;
    PageClient browser;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        user = api.register();
        browser = new PageClient(port);
    }

    static void assertOurPage(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.body())
                .contains("data-testid=\"error-page\"", "data-status=\"" + status + "\"", "/app/styles.css", "auth-card")
                .doesNotContain("Exception", "\tat ", "HTTP Status", "Tomcat", "internal detail", "\"detail\"");
    }

    @Test
    void aDirectRequestForTheErrorPathIsAnHtml404NotA500() {
        assertOurPage(browser.get("/error"), 404);
        var asJson = browser.send(HttpRequest.newBuilder(URI.create(browser.base + "/error")).header("Accept", "application/json"));
        assertOurPage(asJson, 404);
        browser.login(user);
        assertOurPage(browser.get("/error"), 404);
    }

    @Test
    void anUnknownUrlWhileLoggedInIsOurTranslatedHtml404() {
        browser.login(user);
        var english = browser.get("/no/such/page");
        assertOurPage(english, 404);
        assertThat(english.body()).contains("Page not found", "data-testid=\"error-home\"");

        var chinese = browser.language("zh-CN").get("/no-such-page.txt");
        assertOurPage(chinese, 404);
        assertThat(chinese.body()).contains("页面不存在", "返回聊天");
    }

    @Test
    void unknownApiPathsStayProblemJson() {
        TestApi.assertProblem(api.get("/api/no/such/thing", user), 404);
        TestApi.assertProblem(api.request("GET", "/api/no/such/thing", null, Map.of("Authorization", TestApi.basic(user),
                "Accept", "text/html")), 404);
        TestApi.assertProblem(api.request("PUT", "/api/rooms", "{}", Map.of("Authorization", TestApi.basic(user))), 405);
    }

    @Test
    void anEncodedSlashIsOur400OnPagesAndProblemJsonOnTheApi() {
        assertOurPage(browser.get("/app/a%2Fb"), 400);
        assertOurPage(browser.get("/x%2fy"), 400);
        var apiAnswer = api.get("/api/rooms/a%2Fb/messages", user);
        TestApi.assertProblem(apiAnswer, 400);
        TestApi.assertProblem(api.get("/actuator/a%2fb", user), 400);
    }

    @Test
    void aTenKilobyteQueryReachesTheApplication() {
        String query = "?q=" + "a".repeat(10 * 1024);
        var rooms = api.get("/api/rooms" + query, user);
        assertThat(rooms.statusCode()).isEqualTo(200);
        TestApi.assertProblem(api.get("/api/rooms" + query, null), 401);
        var login = browser.get("/login" + query);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("data-testid=\"login-submit\"");
    }

    @Test
    void whatTomcatRefusesBeforeTheApplicationStillGetsOurAnswers() {
        // a request line over the limit: Tomcat knows no path, so the page answer (ours)
        assertOurPage(browser.get("/login?q=" + "a".repeat(40 * 1024)), 400);
        // headers over the limit: the path is known
        String big = "b".repeat(20 * 1024);
        TestApi.assertProblem(api.request("GET", "/api/me", null, Map.of("X-Big", big)), 400);
        var page = browser.send(HttpRequest.newBuilder(URI.create(browser.base + "/login")).header("X-Big", big));
        assertOurPage(page, 400);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aFailingPageIsOurHtml500AndAFailingApiCallAProblem500() {
        browser.login(user);
        var page = browser.get("/test-only/fail");
        assertOurPage(page, 500);
        assertThat(page.body()).contains("Something went wrong");
        var apiAnswer = api.get("/api/test-only/fail", user);
        TestApi.assertProblem(apiAnswer, 500);
        assertThat(apiAnswer.body()).doesNotContain("internal detail");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsOurHtml403() {
        browser.login(user);
        var refused = browser.postForm("/signup", Map.of("username", "x"));
        assertOurPage(refused, 403);
        assertThat(refused.body()).contains("Access denied");
    }
}
