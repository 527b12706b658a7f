package io.pulsechat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import tools.jackson.databind.JsonNode;

/** docs/protocol.md section 13: every word, case-insensitive, Chinese by substring, newest first, paged, deleted left out. */
@ChatServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MessageStore store;

    TestApi api;
    TestApi.User user;
    String room;
    String other;

    @BeforeAll
    void fill() {
        api = new TestApi(port);
        user = api.register();
        room = api.createRoom(user);
        other = api.createRoom(user);
        say(room, "The Quick brown fox");
        say(room, "a slow brown dog");
        say(room, "我们明天开设计评审会议");
        say(other, "QUICK thinking, brown paper");
        say(room, "100% sure_thing");
        long deleted = say(room, "quick brown but deleted");
        store.delete(room, deleted, user.userid(), false).join();
    }

    long say(String where, String text) {
        return store.store(new NewMessage(where, user.userid(), user.displayName(), text, "s-" + System.nanoTime(), null)).join()
                .message().id();
    }

    JsonNode search(String query) {
        var response = api.get(query, user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApi.json(response);
    }

    static List<String> texts(JsonNode results) {
        return results.get("messages").valueStream().map(m -> m.get("text").asString()).toList();
    }

    @Test
    void everyWordCaseInsensitiveNewestFirstDeletedLeftOut() {
        assertThat(texts(search("/api/search?q=quick%20BROWN"))).containsExactly("QUICK thinking, brown paper", "The Quick brown fox");
        assertThat(texts(search("/api/search?q=brown&room=" + room))).containsExactly("a slow brown dog", "The Quick brown fox");
        assertThat(texts(search("/api/search?q=%E8%AE%BE%E8%AE%A1"))).containsExactly("我们明天开设计评审会议"); // 设计
        assertThat(texts(search("/api/search?q=%25%20_"))).containsExactly("100% sure_thing"); // LIKE wildcards are plain text
        assertThat(texts(search("/api/search?q=nothing-like-this"))).isEmpty();
    }

    @Test
    void pagesWithinARoomByIdAndAcrossRoomsByTimestamp() {
        JsonNode first = search("/api/search?q=brown&room=" + room + "&limit=1");
        assertThat(texts(first)).containsExactly("a slow brown dog");
        assertThat(first.get("has_more").asBoolean()).isTrue();
        JsonNode second = search("/api/search?q=brown&room=" + room + "&limit=1&before=" + first.get("next_before").asLong());
        assertThat(texts(second)).containsExactly("The Quick brown fox");
        assertThat(second.get("has_more").asBoolean()).isFalse();

        JsonNode across = search("/api/search?q=brown&limit=2");
        assertThat(across.get("paging").asString()).isEqualTo("ts");
        assertThat(across.get("next_before").asLong()).isEqualTo(across.get("messages").get(1).get("ts").asLong());
    }

    @Test
    void privateRoomsOnlyForTheirMembers() {
        TestApi.User outsider = api.register();
        String secret = api.createRoom(user, "private");
        say(secret, "secret zebra plans 斑马");
        say(room, "public zebra 斑马");
        assertThat(texts(search("/api/search?q=zebra"))).containsExactly("public zebra 斑马", "secret zebra plans 斑马");
        var asOutsider = api.get("/api/search?q=%E6%96%91%E9%A9%AC", outsider); // 斑马
        assertThat(texts(TestApi.json(asOutsider))).containsExactly("public zebra 斑马");
        assertThat(texts(TestApi.json(api.get("/api/search?q=zebra", outsider)))).containsExactly("public zebra 斑马");
    }

    @Test
    void wordsOfOneAndTwoCharactersAndSeveralWords() {
        assertThat(texts(search("/api/search?q=%E5%AE%A1&room=" + room))).containsExactly("我们明天开设计评审会议"); // 审
        assertThat(texts(search("/api/search?q=%E6%98%8E%E5%A4%A9%20%E8%AF%84%E5%AE%A1"))).containsExactly("我们明天开设计评审会议"); // 明天 评审
        assertThat(texts(search("/api/search?q=ow%20QU&room=" + room))).containsExactly("The Quick brown fox");
        assertThat(texts(search("/api/search?q=%E5%A4%A9%E5%BC%80%E8%AE%BE"))).containsExactly("我们明天开设计评审会议"); // 天开设, across words
    }

    @Test
    void badQueriesAre400AndUnknownRooms404() {
        for (String bad : List.of("/api/search", "/api/search?q=", "/api/search?q=%20%20", "/api/search?q=" + "x".repeat(201),
                "/api/search?q=x&limit=0", "/api/search?q=x&limit=51", "/api/search?q=x&before=-1")) {
            TestApi.assertProblem(api.get(bad, user), 400);
        }
        TestApi.assertProblem(api.get("/api/search?q=x&room=no-such-room", user), 404);
        TestApi.assertProblem(api.get("/api/search?q=x", null), 401);
    }

    @Test
    void tooLongOnlyInCodePoints() {
        String twoHundredEmoji = java.net.URLEncoder.encode("😀".repeat(200), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(search("/api/search?q=" + twoHundredEmoji + "&room=" + room).get("messages")).isEmpty();
    }
}
