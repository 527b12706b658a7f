package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/**
 * Issues 12 and 11: every view of the browser client, in English and Chinese, light and dark, on a desktop and a
 * phone (390 x 844), has no critical or serious axe-core violation. Each view is also saved as a screenshot under
 * target/e2e-screenshots/views/ to be looked at. The views: login, sign-up, chat (with formatting, a reply, an edit,
 * a tombstone, reactions and a mention), frames panel, create-room dialog, lightbox, reconnect banner and dialog,
 * the message toolbar, emoji picker, profile card, room menu, search with results, room browser, direct-message
 * picker, reply and edit bars, @ suggestions, a question dialog, a direct room and a private room, and on a phone
 * the rooms drawer, the members drawer and the opened status bar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserViewsE2ETest {

    @TempDir
    static Path dataDirectory;

    E2EServer server;
    TestApi.User alice;
    TestApi.User bob;
    String direct;
    String privateRoom;
    String release;
    TestApi.User chen;

    @BeforeAll
    void startServerWithAConversation() {
        Browser.requireChromium();
        server = new E2EServer(dataDirectory).start();
        TestApi api = server.api();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alice = api.register("alice_" + suffix, "Alice Martin"); // the first account: an admin
        bob = api.register("bob_" + suffix, "王小明");
        WsClient b = api.connect(bob, "superchat");
        try {
            b.join("lobby");
            String[] texts = {"Good morning! The release notes are at https://example.com/notes", "大家早上好，今天下午三点开会。",
                "Could someone review the reconnect banner? It no longer covers the messages.", "好的，我来看看。",
                "Deploy checklist: **tests green**, then `./mvnw verify` and tag it\n> remember the changelog",
                "@" + alice.username() + " can you check the banner on a phone?", "This one was a typo"};
            long[] ids = new long[texts.length];
            for (int i = 0; i < texts.length; i++) {
                b.sendMessage("lobby", texts[i], "seed-" + suffix + "-" + i);
                ids[i] = b.awaitType(4).get("id").asLong();
            }
            b.send(Map.of("req_type", 2, "room", "lobby", "text", "On it, after lunch", "client_msg_id", "seed-" + suffix + "-r",
                    "reply_to", ids[2]));
            b.awaitType(4);
            b.send(Map.of("req_type", 11, "room", "lobby", "id", ids[0], "emoji", "👍", "add", true));
            b.send(Map.of("req_type", 11, "room", "lobby", "id", ids[0], "emoji", "🎉", "add", true));
            b.send(Map.of("req_type", 9, "room", "lobby", "id", ids[3], "text", "好的，我下午来看看。"));
            b.send(Map.of("req_type", 10, "room", "lobby", "id", ids[6]));
            b.await(f -> f.path("resp_type").asInt() == 10 && f.path("deleted").asBoolean());
            b.sendBinary(attachmentFrame("lobby", "whiteboard.png", "seed-" + suffix + "-img", png()));
            b.awaitType(4);

            direct = TestApi.json(api.post("/api/direct", Map.of("userid", alice.userid()), bob)).get("id").asString();
            b.join(direct);
            b.sendMessage(direct, "Hi Alice, do you have a minute for the **release**?", "seed-" + suffix + "-dm");
            b.awaitType(4);
            privateRoom = api.createRoom(alice, "private");
            api.call("PATCH", "/api/rooms/" + privateRoom, Map.of("name", "设计团队", "topic", "Mockups and reviews"), alice);
            api.post("/api/rooms/" + privateRoom + "/members", Map.of("userid", bob.userid()), alice);
            b.join(privateRoom);
            b.sendMessage(privateRoom, "新的设计稿已经上传。", "seed-" + suffix + "-p");
            b.awaitType(4);
        } finally {
            b.closeQuietly();
        }
        seedRelease(api, suffix);
    }

    /** A conversation for the README's picture: three people, formatting, a reply, reactions, a mention, an edit. */
    private void seedRelease(TestApi api, String suffix) {
        chen = api.register("chen_" + suffix, "Chen Jing");
        release = "release-" + suffix;
        api.post("/api/rooms", Map.of("id", release, "name", "Release 2.0", "topic", "Ship on Friday · checklist pinned in the wiki"), alice);
        for (String room : List.of("design", "support", "random")) {
            api.post("/api/rooms", Map.of("id", room + "-" + suffix, "name", Character.toUpperCase(room.charAt(0)) + room.substring(1)), alice);
        }
        WsClient b = api.connect(bob, "chat");
        WsClient c = api.connect(chen, "chat");
        try {
            b.join(release);
            c.join(release);
            long first = say(c, release, "Release candidate is up on staging: https://staging.example.com — please try **search** and **reactions**", suffix + "-1");
            say(b, release, "Search works for me, Chinese too: 「设计团队」 finds the room's messages", suffix + "-2");
            long question = say(c, release, "Does anyone know if `chat.admins` needs a restart?", suffix + "-3");
            b.send(Map.of("req_type", 2, "room", release, "text", "No restart needed, it is read at startup only once... I mean: yes, restart it",
                    "client_msg_id", "rel-" + suffix + "-4", "reply_to", question));
            long reply = b.awaitType(4).get("id").asLong();
            b.send(Map.of("req_type", 9, "room", release, "id", reply, "text", "Yes: it is read at startup, so restart the node"));
            say(c, release, "@" + alice.username() + " can you write the release notes?\n> Highlights: direct messages, replies, search", suffix + "-5");
            for (WsClient who : List.of(b, c)) {
                who.send(Map.of("req_type", 11, "room", release, "id", first, "emoji", "🎉", "add", true));
            }
            b.send(Map.of("req_type", 11, "room", release, "id", first, "emoji", "🚀", "add", true));
            c.send(Map.of("req_type", 11, "room", release, "id", reply, "emoji", "👍", "add", true));
            c.await(f -> f.path("resp_type").asInt() == 10 && f.path("id").asLong() == reply && f.path("reactions").size() == 1);
        } finally {
            b.closeQuietly();
            c.closeQuietly();
        }
    }

    private static long say(WsClient client, String room, String text, String id) {
        client.sendMessage(room, text, "rel-" + id);
        return client.awaitType(4).get("id").asLong();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en-US", "zh-CN"})
    void everyViewHasNoCriticalOrSeriousAxeViolation(String language) {
        List<String> failures = new ArrayList<>();
        try (Browser browser = new Browser("views-" + language, language)) {
            browser.login(server.base(), alice);
            for (String scheme : List.of("light", "dark")) {
                browser.colorScheme(scheme);
                for (String device : List.of("desktop", "phone")) {
                    if (device.equals("phone")) {
                        browser.phone();
                    } else {
                        browser.desktop();
                    }
                    String prefix = language + "-" + scheme + "-" + device + "-";
                    visitAll(browser, prefix, device.equals("phone"), failures);
                }
            }
        }
        System.out.println("axe-core " + Browser.axeVersion + ": " + failures.size() + " critical or serious violations");
        assertThat(failures).as("critical or serious violations found by axe-core " + Browser.axeVersion).isEmpty();
    }

    private void visitAll(Browser b, String prefix, boolean phone, List<String> failures) {
        b.driver.get(server.base() + "/login");
        check(b, prefix + "login", failures);
        b.driver.get(server.base() + "/signup");
        check(b, prefix + "signup", failures);

        b.driver.get(server.base() + "/#lobby");
        b.awaitOpen();
        b.until("the image message loaded", d -> Boolean.TRUE.equals(b.js("""
                const img = document.querySelector('[data-testid="attachment-image"]');
                return !!img && img.complete && img.naturalWidth > 0;""")) ? true : null);
        check(b, prefix + "chat", failures);

        b.byTestId("frames-toggle").click();
        b.until("the frames panel", d -> b.byTestId("frames").isDisplayed() ? true : null);
        check(b, prefix + "frames", failures);
        b.byTestId("frames-toggle").click();

        if (phone) {
            b.driver.findElement(org.openqa.selenium.By.id("rooms-toggle")).click();
            b.until("the rooms drawer open", d -> Boolean.TRUE.equals(b.js(
                    "return document.body.classList.contains('rooms-open');")) ? true : null);
            pause(300); // the drawer slides in
            check(b, prefix + "rooms-drawer", failures);
        }
        b.byTestId("room-create").click();
        b.until("the create-room dialog", d -> Boolean.TRUE.equals(b.js(
                "return document.getElementById('room-create-dialog').open;")) ? true : null);
        b.byTestId("room-create-name").sendKeys("设计团队");
        check(b, prefix + "create-room", failures);
        b.byTestId("room-create-name").sendKeys(Keys.ESCAPE);
        if (phone) {
            b.js("document.getElementById('drawer-scrim').click();");
        }

        b.byTestId("attachment-open").click();
        b.until("the lightbox open", d -> Boolean.TRUE.equals(b.js(
                "return document.querySelector('[data-testid=\"lightbox\"]').open;")) ? true : null);
        check(b, prefix + "lightbox", failures);
        new Actions(b.driver).sendKeys(Keys.ESCAPE).perform();

        // the reconnect views as the client shows them (their behaviour is BrowserReconnectE2ETest's)
        b.js("document.querySelector('[data-testid=\"toast\"]').show();");
        check(b, prefix + "reconnect-banner", failures);
        b.js("document.querySelector('[data-testid=\"toast\"]').close();");
        b.js("""
                document.querySelector('[data-testid="reconnect-reachable"]').hidden = false;
                document.querySelector('[data-testid="reconnect-dialog"]').showModal();""");
        check(b, prefix + "reconnect-dialog", failures);
        b.js("document.querySelector('[data-testid=\"reconnect-dialog\"]').close();");
        b.js("document.getElementById('offline-banner').hidden = false;");
        check(b, prefix + "offline-banner", failures);
        b.js("document.getElementById('offline-banner').hidden = true;");

        if (prefix.startsWith("en-US-light-desktop")) {
            docsShots(b);
        }
        if (phone) {
            b.byTestId("status-toggle").click();
            check(b, prefix + "status-open", failures);
            b.byTestId("status-toggle").click();
            b.js("localStorage.removeItem('pulse-chat.status-bar');"); // the next views show each device's default
        }
        visitVersion2(b, prefix, phone, failures);
    }

    /** The views of issue 11, in the lobby (seeded with a reply, an edit, a tombstone, reactions and a mention). */
    private void visitVersion2(Browser b, String prefix, boolean phone, List<String> failures) {
        Actions keys = new Actions(b.driver);
        // the message toolbar, on the reply (a message of someone else: react and reply; Alice is an admin: delete)
        WebElement row = b.until("the reply", d -> d.findElements(By.cssSelector("[data-testid='message']")).stream()
                .filter(e -> !e.findElements(By.cssSelector("[data-testid='reply-quote']")).isEmpty()).findFirst().orElse(null));
        b.js("arguments[0].scrollIntoView({block: 'center'});", row);
        b.hover(row);
        b.until("the toolbar", d -> !row.findElements(By.cssSelector("[data-testid='message-actions']")).isEmpty() ? true : null);
        check(b, prefix + "message-actions", failures);
        row.findElement(By.cssSelector("[data-testid='action-react']")).click();
        b.until("the emoji picker", d -> b.byTestId("emoji-picker").isDisplayed() ? true : null);
        check(b, prefix + "emoji-picker", failures);
        keys.sendKeys(Keys.ESCAPE).perform();

        row.findElement(By.cssSelector("[data-testid='action-reply']")).click();
        b.byTestId("composer").sendKeys("@" + bob.username().substring(0, 3));
        b.until("the @ suggestions", d -> b.byTestId("mention-suggestions").isDisplayed() ? true : null);
        check(b, prefix + "reply-and-mention", failures);
        b.byTestId("composer").sendKeys(Keys.ESCAPE); // closes the suggestions
        b.byTestId("composer").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, Keys.ESCAPE); // ends the reply
        b.byTestId("composer").sendKeys(Keys.ESCAPE);

        WebElement author = b.driver.findElements(By.cssSelector("[data-testid='message-author']")).get(0);
        author.click();
        b.until("the profile card", d -> b.byTestId("profile-card").isDisplayed() ? true : null);
        check(b, prefix + "profile-card", failures);
        b.byTestId("profile-ban").click();
        b.until("the question", d -> b.byTestId("action-dialog").isDisplayed() ? true : null);
        check(b, prefix + "ban-question", failures);
        b.byTestId("action-cancel").click();

        b.byTestId("room-menu").click();
        b.until("the room menu", d -> b.byTestId("room-menu-list").isDisplayed() ? true : null);
        check(b, prefix + "room-menu", failures);
        keys.sendKeys(Keys.ESCAPE).perform();

        b.byTestId("search-open").click();
        b.byTestId("search-input").sendKeys("banner");
        b.until("search results", d -> !d.findElements(By.cssSelector("[data-testid='search-result']")).isEmpty() ? true : null);
        check(b, prefix + "search", failures);
        keys.sendKeys(Keys.ESCAPE).perform();

        if (phone) {
            b.driver.findElement(By.id("rooms-toggle")).click();
            pause(300);
        }
        b.byTestId("room-browse").click();
        b.until("the public rooms", d -> !d.findElements(By.cssSelector("[data-testid='room-browser-item']")).isEmpty() ? true : null);
        check(b, prefix + "room-browser", failures);
        b.byTestId("room-browser-close").click(); // on a phone the rooms drawer is still open
        b.byTestId("dm-new").click();
        b.byTestId("user-picker-search").sendKeys(bob.username().substring(0, 3));
        b.until("people found", d -> !d.findElements(By.cssSelector("[data-testid='user-picker-result']")).isEmpty() ? true : null);
        check(b, prefix + "dm-picker", failures);
        keys.sendKeys(Keys.ESCAPE).perform();
        if (phone) {
            b.js("document.getElementById('drawer-scrim').click();");
        }

        b.openRoomByLink(server.base(), direct);
        b.until("the direct message", d -> b.messages().size() == 1 ? true : null);
        check(b, prefix + "direct-message", failures);
        b.byTestId("composer").sendKeys(Keys.ARROW_UP); // nothing of Alice's to edit here: stays empty
        b.openRoomByLink(server.base(), privateRoom);
        b.until("the private room's message", d -> b.messages().size() == 1 ? true : null);
        if (phone) {
            b.driver.findElement(By.id("presence-toggle")).click();
            b.until("the members drawer", d -> Boolean.TRUE.equals(b.js("return document.body.classList.contains('presence-open');")) ? true : null);
            pause(300);
            check(b, prefix + "members-drawer", failures);
            b.js("document.getElementById('drawer-scrim').click();");
        } else {
            check(b, prefix + "private-room", failures);
        }
        b.driver.get(server.base() + "/#lobby"); // the next language or scheme starts in the lobby
    }

    /** The pictures for the README (under target/e2e-screenshots/docs/; the best go to frontend/docs/ by hand). */
    private void docsShots(Browser b) {
        TestApi api = server.api(); // Bob shows as online, on his phone, while the pictures are taken
        WsClient online = api.open(api.wsUrl(bob.userid(), api.token(bob), "version=2.0&platform=ios"), Map.of(), "superchat");
        try {
            online.join(release);
            b.openRoomByLink(server.base(), release);
            b.until("the release conversation", d -> b.messages().size() == 5 ? true : null);
            b.until("Bob online", d -> b.byTestId("presence").getText().contains("王小明") ? true : null);
            new Actions(b.driver).moveToElement(b.byTestId("composer")).perform(); // no toolbar in the picture
            pause(300);
            b.screenshot("docs/conversation.png");
            b.byTestId("search-open").click();
            b.byTestId("search-input").sendKeys("search");
            b.until("search results", d -> d.findElements(By.cssSelector("[data-testid='search-result']")).size() >= 2 ? true : null);
            pause(200);
            b.screenshot("docs/search.png");
            new Actions(b.driver).sendKeys(Keys.ESCAPE).perform();
        } finally {
            online.closeQuietly();
        }
        b.driver.get(server.base() + "/#lobby");
        b.awaitOpen();
    }

    private static void check(Browser b, String view, List<String> failures) {
        pause(150); // animations (0.16 s) end before the screenshot and the contrast check
        b.screenshot("views/" + view + ".png");
        for (String violation : b.axeViolations()) {
            failures.add(view + ": " + violation);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf8, 0xfa, 0xfc));
        g.fillRect(0, 0, 320, 180);
        g.setColor(new Color(0x4f, 0x46, 0xe5));
        g.fillRoundRect(24, 24, 120, 60, 12, 12);
        g.setColor(new Color(0x0f, 0x76, 0x6e));
        g.fillRoundRect(176, 96, 120, 60, 12, 12);
        g.setColor(new Color(0x5d, 0x63, 0x75));
        g.drawLine(144, 54, 176, 126);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docs/protocol.md section 6: 4-byte big-endian header length, the JSON header, the bytes. */
    static byte[] attachmentFrame(String room, String name, String clientMsgId, byte[] bytes) {
        byte[] header = TestApi.JSON.writeValueAsString(Map.of("room", room, "name", name, "type", "image/png",
                "client_msg_id", clientMsgId)).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + header.length + bytes.length).putInt(header.length).put(header).put(bytes).array();
    }
}
