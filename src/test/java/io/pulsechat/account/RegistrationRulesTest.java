package io.pulsechat.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.web.PageClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7 section 6 and issue 12 "Getting in": passwords are not the username and not one of the 10,000 most
 * common; lengths count code points (a 64-emoji display name is fine, 65 not; passwords 8..128); every broken rule
 * is reported at once. {@code POST /api/users} and the sign-up page give the same answers.
 */
@ChatServerTest
class RegistrationRulesTest {

    static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 units

    @LocalServerPort
    int port;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    static String unique() {
        return "r" + Long.toString(System.nanoTime(), 36);
    }

    HttpResponse<String> register(String username, String password, String displayName) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("display_name", displayName);
        return api.post("/api/users", body, null);
    }

    /** The {field: code} pairs of a 400, in order. */
    static List<String> fieldErrors(HttpResponse<String> response) {
        TestApi.assertProblem(response, 400);
        List<String> errors = new ArrayList<>();
        for (JsonNode error : TestApi.json(response).get("errors")) {
            errors.add(error.get("field").asString() + ":" + error.get("code").asString());
        }
        return errors;
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        for (String common : List.of("baseball", "qwertyuiop", "iloveyou", "PASSWORD1", "Football1")) {
            var refused = register(unique(), common, "Someone");
            assertThat(fieldErrors(refused)).as(common).containsExactly("password:common");
            assertThat(TestApi.json(refused).get("detail").asString()).contains("most common");
        }
    }

    @Test
    void theUsernameIsNoPassword() {
        String username = unique() + "_x";
        assertThat(fieldErrors(register(username, username, "Someone"))).containsExactly("password:username");
        assertThat(fieldErrors(register(username, username.toUpperCase(), "Someone"))).containsExactly("password:username");
    }

    @Test
    void lengthsCountCodePoints() {
        var emojiName = register(unique(), "a-good-password-7", EMOJI.repeat(64));
        assertThat(emojiName.statusCode()).as(emojiName.body()).isEqualTo(201);
        assertThat(TestApi.json(emojiName).get("display_name").asString()).isEqualTo(EMOJI.repeat(64));
        assertThat(fieldErrors(register(unique(), "a-good-password-7", EMOJI.repeat(65)))).containsExactly("display_name:length");

        String longest = EMOJI.repeat(128); // 128 code points, 512 UTF-8 bytes
        String username = unique();
        assertThat(register(username, longest, "Emoji").statusCode()).isEqualTo(201);
        var user = new TestApi.User("-", username, longest, "Emoji");
        assertThat(api.get("/api/me", user).statusCode()).as("Basic with the 128-emoji password").isEqualTo(200);
        assertThat(fieldErrors(register(unique(), EMOJI.repeat(129), "Emoji"))).containsExactly("password:length");
        assertThat(register(unique(), EMOJI.repeat(8), "Emoji").statusCode()).isEqualTo(201);
        assertThat(fieldErrors(register(unique(), EMOJI.repeat(7), "Emoji"))).containsExactly("password:length");
    }

    @Test
    void everyBrokenRuleIsReportedAtOnceEachOnce() {
        assertThat(fieldErrors(register("No Good", "short", "")))
                .containsExactly("username:pattern", "password:length", "display_name:blank");
        assertThat(fieldErrors(register(null, null, null)))
                .containsExactly("username:missing", "password:missing", "display_name:missing");
        assertThat(fieldErrors(register("ok_name_" + System.nanoTime() % 1000, "baseball", "   ")))
                .containsExactly("password:common", "display_name:blank");
    }

    @Test
    void theSignUpPageGivesTheSameAnswersAllAtOnce() {
        var browser = new PageClient(port);
        var all = browser.submit("/signup", "/signup", Map.of("username", "No Good", "password", "short", "displayName", ""));
        assertThat(all.statusCode()).isEqualTo(200);
        String page = all.body();
        assertThat(page).contains("data-testid=\"signup-error-username\"", "data-testid=\"signup-error-password\"",
                "data-testid=\"signup-error-displayName\"");
        // each error once, and not repeated by the hint below it
        assertThat(count(page, "lowercase letters, digits and _")).isEqualTo(1);
        assertThat(count(page, "8 to 128 characters")).isEqualTo(1);
        assertThat(page).doesNotContain("username-hint", "password-hint", "displayName-hint");

        var common = browser.language("zh-CN").submit("/signup", "/signup",
                Map.of("username", unique(), "password", "iloveyou", "displayName", "Page"));
        assertThat(common.body()).contains("data-testid=\"signup-error-password\"", "最常见的密码");
        String username = unique() + "_p";
        var same = browser.language("en").submit("/signup", "/signup",
                Map.of("username", username, "password", username, "displayName", "Page"));
        assertThat(same.body()).contains("must not be your username");

        var emoji = browser.submit("/signup", "/signup", Map.of("username", unique(), "password", "a-good-password-7",
                "displayName", EMOJI.repeat(64)));
        assertThat(emoji.statusCode()).isEqualTo(302);
        assertThat(URI.create(emoji.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
