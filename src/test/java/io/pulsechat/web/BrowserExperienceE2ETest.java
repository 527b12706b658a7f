package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/**
 * Issue 12 in headless Chromium against the real server: drafts per room across a reload, the lightbox, the
 * dark mode toggle remembered, a room named without Latin letters, the author header in a long run of
 * messages, and a text of 3,000 emoji (code points, not UTF-16 units).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserExperienceE2ETest {

    @TempDir
    static Path dataDirectory;

    E2EServer server;
    TestApi api;
    Browser a;

    @BeforeAll
    void startServer() {
        Browser.requireChromium();
        server = new E2EServer(dataDirectory).start();
        api = server.api();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void quitBrowser() {
        if (a != null) {
            assertThat(a.consoleLog()).as("the browser console").doesNotContain("SEVERE");
            a.close();
            a = null;
        }
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    String composerValue() {
        return a.byTestId("composer").getDomProperty("value");
    }

    void openRoom(String room) {
        a.byTestId("rooms").findElement(By.cssSelector("[data-testid='room'][data-room='" + room + "'] button")).click();
        a.until("room " + room + " open", d -> room.equals(a.byTestId("messages").getDomAttribute("data-room")) ? true : null);
    }

    @Test
    @Order(1)
    void draftsStayWithTheirRoomAcrossAReloadAndGoWhenSent() {
        TestApi.User user = api.register("dora_" + suffix(), "Dora");
        String room = api.createRoom(user);
        a = new Browser("A").login(server.base(), user);
        a.until("room " + room + " in the sidebar", d -> !a.byTestId("rooms")
                .findElements(By.cssSelector("[data-room='" + room + "']")).isEmpty() ? true : null);

        a.byTestId("composer").sendKeys("half a thought for the lobby");
        openRoom(room);
        assertThat(composerValue()).as("the lobby's draft does not follow into " + room).isEmpty();
        a.byTestId("composer").sendKeys("a draft in " + room);
        openRoom("lobby");
        assertThat(composerValue()).isEqualTo("half a thought for the lobby");

        a.driver.navigate().refresh();
        a.awaitOpen();
        a.until("the lobby's draft after the reload", d -> "half a thought for the lobby".equals(composerValue()) ? true : null);
        openRoom(room);
        assertThat(composerValue()).isEqualTo("a draft in " + room);

        a.byTestId("composer").sendKeys(Keys.ENTER);
        a.awaitDelivered("a draft in " + room);
        assertThat(composerValue()).isEmpty();
        a.driver.navigate().refresh();
        a.awaitOpen();
        openRoom(room);
        assertThat(composerValue()).as("a sent draft is gone").isEmpty();
        openRoom("lobby");
        assertThat(composerValue()).isEqualTo("half a thought for the lobby");
    }

    @Test
    @Order(2)
    void anImageOpensInALightboxThatEscapeClosesReturningTheFocus() {
        TestApi.User user = api.register("lena_" + suffix(), "Lena");
        TestApi.User other = api.register("omar_" + suffix(), "Omar");
        WsClient sender = api.connect(other, "superchat");
        String name = "chart-" + suffix() + ".png";
        try {
            sender.send(Map.of("req_type", 3, "room", "lobby"));
            sender.sendBinary(BrowserViewsE2ETest.attachmentFrame("lobby", name, "img-" + suffix(), BrowserViewsE2ETest.png()));
            sender.awaitType(4);
        } finally {
            sender.closeQuietly();
        }
        a = new Browser("A").login(server.base(), user);
        WebElement opener = a.until("the image " + name + " loaded", d -> a.driver.findElements(By.cssSelector(
                "[data-testid='attachment-open']")).stream().filter(e -> Boolean.TRUE.equals(a.js(
                "const img = arguments[0].querySelector('img'); return img.alt === arguments[1] && img.complete && img.naturalWidth > 0;",
                e, name))).findFirst().orElse(null));
        String tabsBefore = String.valueOf(a.driver.getWindowHandles().size());
        opener.click();

        WebElement lightbox = a.byTestId("lightbox");
        a.until("the lightbox open with the image", d -> Boolean.parseBoolean(lightbox.getDomProperty("open"))
                && lightbox.findElement(By.tagName("img")).getDomProperty("naturalWidth").equals("320") ? true : null);
        assertThat(String.valueOf(a.driver.getWindowHandles().size())).as("no new tab").isEqualTo(tabsBefore);
        assertThat(lightbox.getText()).contains(name);
        assertThat(a.js("return document.querySelector('[data-testid=\"lightbox\"]').contains(document.activeElement);"))
                .as("the focus is in the lightbox").isEqualTo(true);
        a.screenshot("lightbox.png");

        new Actions(a.driver).sendKeys(Keys.ESCAPE).perform();
        a.until("the lightbox closed by Escape", d -> !Boolean.parseBoolean(lightbox.getDomProperty("open")) ? true : null);
        assertThat(a.js("return document.activeElement === arguments[0];", opener)).as("the focus back on the image").isEqualTo(true);
    }

    @Test
    @Order(3)
    void darkModeFollowsTheSystemUntilToggledAndTheToggleIsRemembered() {
        TestApi.User user = api.register("dara_" + suffix(), "Dara");
        a = new Browser("A");
        a.colorScheme("dark");
        a.login(server.base(), user);
        assertThat(background()).as("the system says dark").isEqualTo("rgb(15, 17, 23)");
        assertThat(a.byTestId("theme-toggle").getDomAttribute("aria-pressed")).isEqualTo("true");

        a.byTestId("theme-toggle").click();
        assertThat(background()).as("toggled to light").isEqualTo("rgb(245, 246, 250)");
        assertThat(a.byTestId("theme-toggle").getDomAttribute("aria-pressed")).isEqualTo("false");
        a.driver.navigate().refresh();
        a.awaitOpen();
        assertThat(background()).as("light is remembered against the system's dark").isEqualTo("rgb(245, 246, 250)");

        a.colorScheme("light");
        a.byTestId("theme-toggle").click();
        a.driver.navigate().refresh();
        a.awaitOpen();
        assertThat(a.js("return document.documentElement.getAttribute('data-theme');")).isEqualTo("dark");
        assertThat(background()).as("dark is remembered against the system's light").isEqualTo("rgb(15, 17, 23)");
        a.screenshot("dark-mode.png");
    }

    private String background() {
        return String.valueOf(a.js("return getComputedStyle(document.body).backgroundColor;"));
    }

    @Test
    @Order(4)
    void aRoomNamedInChineseGetsAValidIdAndItsEmptyStateShowsTheName() {
        TestApi.User user = api.register("chen_" + suffix(), "陈");
        a = new Browser("A").login(server.base(), user);
        a.byTestId("room-create").click();
        WebElement error = a.driver.findElement(By.id("room-create-error"));
        a.byTestId("room-create-submit").click();
        a.until("the name error", d -> error.isDisplayed() ? true : null);

        String name = "设计团队"; // no Latin letter, no digit: the id cannot come from the name's letters
        a.byTestId("room-create-name").sendKeys(name);
        assertThat(error.isDisplayed()).as("the error goes once the name is filled in").isFalse();
        String id = a.byTestId("room-create-id").getDomProperty("value");
        assertThat(id).matches("room-[0-9a-z]{1,7}");
        a.byTestId("room-create-submit").click();

        a.until("room " + id + " open", d -> id.equals(a.byTestId("messages").getDomAttribute("data-room")) ? true : null);
        String status = a.until("the empty state", d -> {
            String text = a.driver.findElement(By.id("history-status")).getText();
            return text.isBlank() ? null : text;
        });
        assertThat(status).contains(name).doesNotContain(id);
        assertThat(a.driver.findElement(By.id("room-title")).getText()).isEqualTo(name);
        assertThat(a.driver.getTitle()).startsWith(name);
    }

    @Test
    @Order(5)
    void aLongRunOfMessagesRepeatsTheAuthorEveryTwentyMessages() {
        TestApi.User user = api.register("rhea_" + suffix(), "Rhea");
        TestApi.User talker = api.register("tom_" + suffix(), "Tom Talks");
        String room = api.createRoom(talker);
        // three sessions of 15 messages each stay under the send burst (20) of one session; acks keep the order
        List<WsClient> senders = List.of(api.connect(talker, "chat"), api.connect(talker, "chat"), api.connect(talker, "chat"));
        try {
            for (WsClient sender : senders) {
                sender.send(Map.of("req_type", 3, "room", room));
                sender.awaitType(3);
            }
            for (int i = 0; i < 45; i++) {
                WsClient sender = senders.get(i / 15);
                sender.sendMessage(room, "line " + i, "run-" + suffix() + "-" + i);
                sender.await(f -> f.path("resp_type").asInt() == 4 || f.path("resp_type").asInt() == 9);
            }
        } finally {
            senders.forEach(WsClient::closeQuietly);
        }
        a = new Browser("A").login(server.base(), user);
        a.driver.navigate().to(server.base() + "/#" + room);
        a.until("45 messages shown", d -> a.messages().size() == 45 ? true : null);
        @SuppressWarnings("unchecked")
        List<String> headed = (List<String>) a.js("""
                return Array.from(document.querySelectorAll('[data-testid="messages"] [data-testid="message"]'))
                  .filter(li => li.querySelector('[data-testid="message-author"]'))
                  .map(li => li.querySelector('[data-testid="message-text"]').textContent);""");
        assertThat(headed).as("a header on messages 1, 21 and 41").containsExactly("line 0", "line 20", "line 40");
    }

    @Test
    @Order(6)
    void threeThousandEmojiAreAcceptedAndFourThousandAndOneCodePointsAreNot() {
        TestApi.User user = api.register("emil_" + suffix(), "Emil");
        a = new Browser("A").login(server.base(), user);
        String emoji = "😀".repeat(3000);
        setComposer(emoji);
        assertThat(emoji.length()).as("UTF-16 units").isEqualTo(6000);
        assertThat(a.driver.findElement(By.id("composer-counter")).getDomAttribute("class")).doesNotContain("over");
        assertThat(a.byTestId("send").getDomAttribute("aria-disabled")).isEqualTo("false");
        setComposer("😀".repeat(3900));
        assertThat(a.driver.findElement(By.id("composer-counter")).getText()).as("counted in code points").isEqualTo("3900 / 4000");
        setComposer(emoji);
        a.byTestId("composer").sendKeys(Keys.ENTER);
        a.awaitDelivered(emoji);

        setComposer("x".repeat(4001));
        assertThat(a.driver.findElement(By.id("composer-counter")).getDomAttribute("class")).contains("over");
        assertThat(a.byTestId("send").getDomAttribute("aria-disabled")).isEqualTo("true");
        a.byTestId("composer").sendKeys(Keys.ENTER);
        assertThat(composerValue()).as("4,001 code points are not sent").hasSize(4001);
        assertThat(a.messages()).noneMatch(m -> String.valueOf(m.get("text")).length() == 4001);
    }

    // ChromeDriver types only characters of the Basic Multilingual Plane: emoji go in as an input event
    private void setComposer(String text) {
        a.js("""
                const box = document.querySelector('[data-testid="composer"]');
                box.focus();
                box.value = arguments[0];
                box.dispatchEvent(new Event('input', {bubbles: true}));""", text);
    }
}
