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
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/**
 * Issue 12: every view of the browser client, in English and Chinese, light and dark, on a desktop and a phone
 * (390 x 844), has no critical or serious axe-core violation. Each view is also saved as a screenshot under
 * target/e2e-screenshots/views/ to be looked at. The views: login, sign-up, chat, frames panel, create-room
 * dialog, lightbox, reconnect banner and dialog, and on a phone the rooms drawer and the opened status bar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserViewsE2ETest {

    @TempDir
    static Path dataDirectory;

    E2EServer server;
    TestApi.User alice;
    TestApi.User bob;

    @BeforeAll
    void startServerWithAConversation() {
        Browser.requireChromium();
        server = new E2EServer(dataDirectory).start();
        TestApi api = server.api();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alice = api.register("alice_" + suffix, "Alice Martin");
        bob = api.register("bob_" + suffix, "王小明");
        WsClient b = api.connect(bob, "superchat");
        try {
            b.send(Map.of("req_type", 3, "room", "lobby"));
            String[] texts = {"Good morning! The release notes are at https://example.com/notes", "大家早上好，今天下午三点开会。",
                "Could someone review the reconnect banner? It no longer covers the messages.", "好的，我来看看。"};
            for (int i = 0; i < texts.length; i++) {
                b.sendMessage("lobby", texts[i], "seed-" + suffix + "-" + i);
                b.awaitType(4);
            }
            b.sendBinary(attachmentFrame("lobby", "whiteboard.png", "seed-" + suffix + "-img", png()));
            b.awaitType(4);
        } finally {
            b.closeQuietly();
        }
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

        b.driver.get(server.base() + "/");
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

        if (phone) {
            b.byTestId("status-toggle").click();
            check(b, prefix + "status-open", failures);
            b.byTestId("status-toggle").click();
            b.js("localStorage.removeItem('pulse-chat.status-bar');"); // the next views show each device's default
        }
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
