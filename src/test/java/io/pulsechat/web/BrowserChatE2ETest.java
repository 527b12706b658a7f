package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

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
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import io.pulsechat.TestApi;

/**
 * Issue 4, end to end in two headless Chromiums (users A and B) against the real server: chatting, HTML
 * staying text, the frames panel and an image upload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // independent tests; the order only keeps the screenshots alike
class BrowserChatE2ETest {

    @TempDir
    static Path dataDirectory;

    E2EServer server;
    TestApi api;
    TestApi.User userA;
    TestApi.User userB;
    Browser a;
    Browser b;

    @BeforeAll
    void startServerAndBrowsers() {
        Browser.requireChromium();
        server = new E2EServer(dataDirectory).start();
        api = server.api();
        userA = api.register("alice_" + suffix(), "Alice");
        userB = api.register("bob_" + suffix(), "Bob");
        a = new Browser("A");
        b = new Browser("B");
        a.login(server.base(), userA);
        b.login(server.base(), userB);
    }

    @AfterAll
    void stopAll() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** No script error, no CSP refusal, no failed request in either page. */
    @AfterEach
    void consolesStayClean() {
        for (Browser browser : new Browser[] {a, b}) {
            if (browser != null) {
                assertThat(browser.consoleLog()).as(browser.name + ": the browser console").doesNotContain("SEVERE");
            }
        }
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    @Order(1)
    void twoUsersChatEnterSendsAndShiftEnterIsANewLine() {
        for (Browser browser : List.of(a, b)) {
            assertThat(browser.byTestId("protocol").getText()).as(browser.name + ": protocol").isEqualTo("superchat");
            assertThat(browser.byTestId("rooms").findElements(By.cssSelector("[data-testid='room'][data-room='lobby']")))
                    .as(browser.name + ": the lobby in the rooms list").hasSize(1);
            assertThat(browser.byTestId("heartbeat").getText()).as(browser.name + ": heartbeat counters")
                    .contains("send_heart_time").contains("get_heart_time");
        }
        String fromA = "Hi Bob, lunch at noon? " + suffix();
        a.send(fromA);
        long idAtB = b.awaitDelivered(fromA);
        long idAtA = a.awaitDelivered(fromA);
        assertThat(idAtA).as("the same server id in both browsers").isEqualTo(idAtB);
        assertThat(a.byTestId("composer").getDomProperty("value")).as("the composer is empty after sending").isEmpty();

        String fromB = "Sure, see you there " + suffix();
        b.send(fromB);
        assertThat(a.awaitDelivered(fromB)).isGreaterThan(idAtA);
        b.awaitDelivered(fromB);

        // Shift+Enter: a new line in the composer, nothing sent; then Enter sends both lines as one message
        String first = "two lines, " + suffix();
        String second = "second line";
        WebElement composer = a.byTestId("composer");
        composer.sendKeys(first);
        composer.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
        composer.sendKeys(second);
        assertThat(composer.getDomProperty("value")).isEqualTo(first + "\n" + second);
        assertThat(a.messages()).extracting(m -> String.valueOf(m.get("text"))).noneMatch(t -> t.contains(first));
        composer.sendKeys(Keys.ENTER);
        b.awaitDelivered(first + "\n" + second);
        a.awaitDelivered(first + "\n" + second);
        assertThat(b.messages()).extracting(m -> String.valueOf(m.get("text")))
                .as("Shift+Enter sent nothing on its own").filteredOn(t -> t.contains(first)).hasSize(1);

        Path shot = b.screenshot("chat-page.png");
        System.out.println("screenshot: " + shot);
    }

    @Test
    @Order(2)
    void htmlInAMessageStaysText() {
        String html = "<b>bold</b><img src=x onerror=alert(1)> " + suffix();
        a.send(html);
        // the server keeps the text as it is; find the message's id there, then its row in both browsers
        long id = awaitStoredId(html);
        for (Browser browser : List.of(b, a)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = browser.until("the row of message " + id, d -> (Map<String, Object>) browser.js("""
                    const li = document.querySelector(`[data-testid="messages"] [data-testid="message"][data-id="${arguments[0]}"]`);
                    if (!li) return null;
                    const body = li.querySelector('[data-testid="message-text"]');
                    return {text: body ? body.textContent : null, elements: li.querySelectorAll('b, img').length,
                            bodyElements: body ? body.querySelectorAll('*').length : -1};""", id));
            assertThat(row.get("text")).as(browser.name + ": message-text").isEqualTo(html);
            assertThat(((Number) row.get("elements")).intValue()).as(browser.name + ": <b>/<img> inside the message").isZero();
            assertThat(((Number) row.get("bodyElements")).intValue()).as(browser.name + ": elements inside message-text").isZero();
            boolean alert;
            try {
                browser.driver.switchTo().alert();
                alert = true;
            } catch (NoAlertPresentException none) {
                alert = false;
            }
            assertThat(alert).as(browser.name + ": an alert() ran").isFalse();
        }
    }

    /** The id of the lobby message with exactly that text, from the REST history (waits for it). */
    private long awaitStoredId(String text) {
        return org.awaitility.Awaitility.await("message " + text + " stored").atMost(Browser.WAIT)
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                    var page = TestApi.json(api.get("/api/rooms/lobby/messages?limit=200", userB));
                    for (var message : page.get("messages")) {
                        if (text.equals(message.get("text").asString())) {
                            return message.get("id").asLong();
                        }
                    }
                    return null;
                }, java.util.Objects::nonNull);
    }

    @Test
    @Order(3)
    void framesPanelShowsSentAndReceivedFrames() {
        WebElement panel = a.byTestId("frames");
        if (panel.isDisplayed()) {
            a.byTestId("frames-toggle").click();
        }
        a.until("the frames panel hidden", d -> !a.byTestId("frames").isDisplayed());
        a.byTestId("frames-toggle").click();
        a.until("the frames panel shown after frames-toggle", d -> a.byTestId("frames").isDisplayed());

        String text = "frames " + suffix();
        a.send(text);
        a.awaitDelivered(text);
        a.until("a sent text frame (req_type 2) with the message", d -> frameRow("sent", "text", "\"req_type\":2", text));
        a.until("a received text frame (resp_type 2) with the message", d -> frameRow("received", "text", "\"resp_type\":2", text));
        a.until("a received text frame (resp_type 4, the ack)", d -> frameRow("received", "text", "\"resp_type\":4", ""));
        a.until("the received welcome (resp_type 5)", d -> frameRow("received", "text", "\"resp_type\":5", "\"session_id\""));
        // the client pings (req_type 1) when the welcome arrives and every 10 s; the pong is a heartbeat frame too
        a.until("a sent heartbeat frame (ping)", d -> frameRow("sent", "heartbeat", "\"req_type\":1", ""));
        a.until("a received heartbeat frame (pong)", d -> frameRow("received", "heartbeat", "\"resp_type\":1", ""));
        List<WebElement> rows = a.byTestId("frames").findElements(By.cssSelector("[data-testid='frame']"));
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getDomAttribute("data-dir")).isIn("sent", "received");
            assertThat(row.getDomAttribute("data-kind")).isIn("text", "binary", "heartbeat", "close", "error");
        });
        assertThat(rows).anySatisfy(row -> assertThat(row.isDisplayed()).isTrue());
        a.screenshot("frames-panel.png");

        a.byTestId("frames-toggle").click();
        a.until("the frames panel hidden again after frames-toggle", d -> !a.byTestId("frames").isDisplayed());
    }

    /** The Length column of the binary frame rows of that direction that are named "Binary Frame". */
    @SuppressWarnings("unchecked")
    private static List<Long> binaryFrameLengths(Browser browser, String dir) {
        List<Object> lengths = (List<Object>) browser.js("""
                return Array.from(document.querySelectorAll('[data-testid="frames"] [data-testid="frame"]'))
                  .filter(r => r.getAttribute('data-dir') === arguments[0] && r.getAttribute('data-kind') === 'binary'
                    && r.textContent.includes('Binary Frame'))
                  .map(r => Number(r.cells[1].textContent));""", dir);
        return lengths.stream().map(n -> ((Number) n).longValue()).toList();
    }

    /** True when a frame row of that direction and kind contains both strings. */
    private Boolean frameRow(String dir, String kind, String contains, String alsoContains) {
        Object found = a.js("""
                return Array.from(document.querySelectorAll('[data-testid="frames"] [data-testid="frame"]'))
                  .some(r => r.getAttribute('data-dir') === arguments[0] && r.getAttribute('data-kind') === arguments[1]
                    && r.textContent.includes(arguments[2]) && r.textContent.includes(arguments[3]));""",
                dir, kind, contains, alsoContains);
        return Boolean.TRUE.equals(found) ? true : null;
    }

    @Test
    @Order(4)
    void anImageUploadedByAShowsInB(@TempDir Path files) throws Exception {
        String fileName = "pixel-" + suffix() + ".png";
        Path png = files.resolve(fileName);
        BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x2f, 0x80, 0xed));
        g.fillRect(0, 0, 48, 32);
        g.setColor(Color.WHITE);
        g.fillOval(12, 4, 24, 24);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        long size = Files.size(png);

        // remember whether the progress bar was ever shown: it hides again 1.5 s after a small upload
        a.js("""
                const bar = document.querySelector('[data-testid="upload-progress"]');
                window.__uploadSeen = {shown: false};
                const check = () => { if (!bar.hidden && bar.offsetParent !== null) window.__uploadSeen.shown = true; };
                new MutationObserver(check).observe(bar, {attributes: true});
                new MutationObserver(check).observe(bar.parentElement, {attributes: true});""");
        a.byTestId("file-input").sendKeys(png.toString());

        a.until("upload-progress shown and done (value = max >= file size)", d -> Boolean.TRUE.equals(a.js("""
                const bar = document.querySelector('[data-testid="upload-progress"]');
                return window.__uploadSeen.shown && bar.max >= arguments[0] && bar.value === bar.max;""", size)) ? true : null);

        @SuppressWarnings("unchecked")
        Map<String, Object> img = b.until("B shows the image " + fileName + " loaded", d -> (Map<String, Object>) b.js("""
                const rows = Array.from(document.querySelectorAll('[data-testid="messages"] [data-testid="message"]'));
                const li = rows.find(li => li.textContent.includes(arguments[0]) && li.querySelector('img'));
                if (!li) return null;
                const img = li.querySelector('img');
                if (!img.complete || img.naturalWidth === 0) return null;
                return {src: img.getAttribute('src'), width: img.naturalWidth, height: img.naturalHeight,
                        id: li.getAttribute('data-id')};""", fileName));
        assertThat((String) img.get("src")).matches("^(blob:|/api/attachments/|" + server.base() + "/api/attachments/).*");
        assertThat(((Number) img.get("width")).intValue()).isEqualTo(48);
        assertThat(((Number) img.get("height")).intValue()).isEqualTo(32);
        assertThat((String) img.get("id")).as("the image message's data-id").matches("\\d+");
        b.screenshot("image-upload.png");
        // the frames panel lists the attachment as a binary frame by opcode name and length (sent in A, received in B)
        assertThat(binaryFrameLengths(a, "sent")).as("A: sent binary frames").anyMatch(length -> length > size);
        assertThat(binaryFrameLengths(b, "received")).as("B: received binary frames").anyMatch(length -> length > size);

        // from the history after a reload there is no inline frame: the image comes from its /api/attachments/ URL
        b.driver.navigate().refresh();
        b.awaitOpen();
        @SuppressWarnings("unchecked")
        Map<String, Object> fromHistory = b.until("B shows the image from the history after a reload", d -> (Map<String, Object>) b.js("""
                const li = document.querySelector(`[data-testid="messages"] [data-testid="message"][data-id="${arguments[0]}"]`);
                const img = li && li.querySelector('img');
                if (!img || !img.complete || img.naturalWidth === 0) return null;
                return {src: img.getAttribute('src'), width: img.naturalWidth};""", img.get("id")));
        assertThat((String) fromHistory.get("src")).matches("^(/api/attachments/|" + server.base() + "/api/attachments/).*");
        assertThat(((Number) fromHistory.get("width")).intValue()).isEqualTo(48);
    }
}
