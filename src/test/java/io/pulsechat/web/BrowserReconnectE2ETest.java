package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 and docs/protocol.md section 8, end to end in headless Chromium: the server stops, the client shows the
 * loading banner during its 5 automatic attempts, then asks with the reconnect dialog; the server comes back on
 * the same port (same database: the login session survives); confirm reconnects without a new login, shows what
 * was sent meanwhile exactly once and delivers the message typed while offline exactly once. Cancel stays
 * offline with a retry button. The seed's Chinese texts show in the Chinese UI, their translation in English
 * (issue 12), where the dialog also says when the server is reachable again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // independent tests; the order only keeps the screenshots alike
class BrowserReconnectE2ETest {

    static final String TOAST_TEXT = "正在重新连接，请稍候...";
    static final String DIALOG_TEXT = "连接已断开，是否重新连接？";

    @TempDir
    static Path dataDirectory;

    E2EServer server;
    Browser a;
    WsClient bSocket;

    @BeforeAll
    void startServer() {
        Browser.requireChromium();
        server = new E2EServer(dataDirectory).start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void serverUp() {
        server.start();
    }

    @AfterEach
    void quitBrowser() {
        if (bSocket != null) {
            bSocket.closeQuietly();
            bSocket = null;
        }
        if (a != null) {
            a.close();
            a = null;
        }
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    @Order(1)
    void serverRestartToastThenDialogThenConfirmReconnectsWithoutLoginAndLosesNothing() {
        TestApi api = server.api();
        TestApi.User userA = api.register("alice_" + suffix(), "Alice");
        TestApi.User userB = api.register("bob_" + suffix(), "Bob");
        a = new Browser("A", "zh-CN").login(server.base(), userA); // the seed's texts are the Chinese UI's
        String before = "Before the restart " + suffix();
        a.send(before);
        long idOfBefore = a.awaitDelivered(before);
        // B writes two messages A sees now; while A is away B will edit one, delete the other and react to A's
        WsClient early = server.api().connect(userB, "chat");
        early.join("lobby");
        String toEdit = "Meeting at 3 " + suffix();
        String toDelete = "Wrong room, sorry " + suffix();
        early.sendMessage("lobby", toEdit, "b-edit-" + suffix());
        long idToEdit = early.awaitType(4).get("id").asLong();
        early.sendMessage("lobby", toDelete, "b-delete-" + suffix());
        long idToDelete = early.awaitType(4).get("id").asLong();
        early.closeQuietly();
        a.awaitDelivered(toEdit);
        a.awaitDelivered(toDelete);
        a.recordTimeline(); // also marks this page: it is still the same page (no reload, no login) at the end

        // the server stops (graceful: 1001 to every session, then the port closes)
        CompletableFuture<Void> stopped = server.stopAsync();
        a.until("conn-state leaving OPEN", d -> !"OPEN".equals(a.connState()) ? true : null);

        // typed while offline: shown as pending (no server id yet)
        String offline = "Typed while offline " + suffix();
        a.send(offline);
        List<Map<String, Object>> pending = a.messagesWithText(offline);
        assertThat(pending).as("the offline message shows once, pending (no server id)").hasSize(1);
        assertThat(pending.get(0).get("id")).isNull();

        // the loading toast during the automatic attempts
        WebElement toast = a.byTestId("toast");
        a.until("the toast visible with " + TOAST_TEXT, d -> toast.isDisplayed() && toast.getText().contains(TOAST_TEXT) ? true : null);
        assertThat(toast.getTagName()).isEqualTo("dialog");
        // the toast does not take the keyboard focus: what the user types still goes into the composer
        assertThat(a.js("return document.activeElement && document.activeElement.getAttribute('data-testid')"))
                .as("focus while the toast shows").isEqualTo("composer");
        System.out.println("screenshot: " + a.screenshot("reconnect-toast.png"));
        stopped.join();

        // after the 5th failed attempt: no toast, the dialog asks
        WebElement dialog = a.byTestId("reconnect-dialog");
        a.until("the reconnect dialog open with " + DIALOG_TEXT,
                d -> isOpen(dialog) && dialog.isDisplayed() && dialog.getText().contains(DIALOG_TEXT) ? true : null);
        assertThat(dialog.getTagName()).isEqualTo("dialog");
        assertThat(isOpen(toast)).as("the toast is cleared when the dialog asks").isFalse();
        assertThat(toast.isDisplayed()).isFalse();
        assertThat(a.connState()).isEqualTo("CLOSED");
        System.out.println("screenshot: " + a.screenshot("reconnect-dialog.png"));

        List<Map<String, Object>> timeline = a.timeline();
        assertThat(tokenRequestsBefore(timeline, "reconnect-dialog", "open"))
                .as("automatic attempts (token requests) before the dialog; timeline %s", timeline)
                .isEqualTo(E2EServer.RECONNECT_ATTEMPTS);
        assertThat(index(timeline, "toast", "open")).as("the toast showed before the dialog; timeline %s", timeline)
                .isNotNegative().isLessThan(index(timeline, "reconnect-dialog", "open"));

        // the server comes back on the same port with the same database; B sends meanwhile
        server.start();
        assertThat(server.running()).isTrue();
        bSocket = server.api().connect(userB, "chat");
        bSocket.join("lobby");
        String fromB = "Sent while Alice was away " + suffix();
        bSocket.send(Map.of("req_type", 2, "room", "lobby", "text", fromB, "client_msg_id", "b-" + suffix()));
        long idOfB = bSocket.awaitType(4).get("id").asLong();
        String edited = "Meeting at 4, not 3 " + suffix();
        bSocket.send(Map.of("req_type", 9, "room", "lobby", "id", idToEdit, "text", edited));
        bSocket.send(Map.of("req_type", 10, "room", "lobby", "id", idToDelete));
        bSocket.send(Map.of("req_type", 11, "room", "lobby", "id", idOfBefore, "emoji", "👍", "add", true));
        bSocket.await(f -> f.path("resp_type").asInt() == 10 && f.path("id").asLong() == idOfBefore);

        // nothing happened on its own: the dialog still asks, no further attempt, the message still pending
        assertThat(isOpen(dialog)).as("the dialog waits for an answer").isTrue();
        assertThat(tokenRequestsAfter(a.timeline(), "reconnect-dialog", "open")).as("attempts after the dialog opened").isZero();
        assertThat(a.messagesWithText(offline)).singleElement()
                .satisfies(row -> assertThat(row.get("id")).as("still pending: no server id").isNull());

        a.byTestId("reconnect-confirm").click();
        a.until("the dialog closed after confirm", d -> !isOpen(dialog) ? true : null);
        a.awaitOpen();
        assertThat(a.path()).as("still on the chat page: no new login").isEqualTo("/");
        assertThat(a.js("return window.__e2e !== undefined")).as("the same page, not reloaded").isEqualTo(true);

        assertThat(a.awaitDelivered(fromB)).isEqualTo(idOfB);
        long idOfOffline = a.awaitDelivered(offline);
        assertThat(idOfOffline).isGreaterThan(idOfB);
        // the resume answer arrives, and the history catch-up had its chance to show a duplicate
        a.until("the resume of lobby answered (resp_type 6)", d -> Boolean.TRUE.equals(a.js("""
                return Array.from(document.querySelectorAll('[data-testid="frames"] [data-testid="frame"]'))
                  .some(r => r.getAttribute('data-dir') === 'received' && r.textContent.includes('"resp_type":6'));""")) ? true : null);
        settle();

        assertThat(a.messagesWithText(fromB)).as("B's message exactly once in A").hasSize(1);
        assertThat(a.messagesWithText(offline)).as("the offline message exactly once in A").singleElement()
                .satisfies(row -> {
                    assertThat(row.get("id")).isEqualTo(String.valueOf(idOfOffline));
                });
        assertThat(a.messagesWithText(before)).as("the message from before the restart exactly once").hasSize(1);

        // what changed while A was away shows: resumed by revision (section 11), not only by id
        a.until("the edit made while away", d -> edited.equals(a.messageText(idToEdit)) ? true : null);
        assertThat(a.messageRow(idToEdit).findElements(org.openqa.selenium.By.cssSelector("[data-testid='message-edited']"))).hasSize(1);
        a.until("the delete made while away", d -> "true".equals(a.messageRow(idToDelete).getDomAttribute("data-deleted")) ? true : null);
        a.until("the reaction made while away", d -> a.messageRow(idOfBefore).findElements(
                org.openqa.selenium.By.cssSelector("[data-testid='reaction'][data-emoji='👍']")).size() == 1 ? true : null);
        assertThat(a.js("""
                return Array.from(document.querySelectorAll('[data-testid="frames"] [data-testid="frame"]'))
                  .some(r => r.getAttribute('data-dir') === 'sent' && r.textContent.includes('"req_type":6')
                    && r.textContent.includes('"since_rev"'));""")).as("the resume went out by since_rev").isEqualTo(true);
        assertThat(a.byTestId("toast").isDisplayed()).isFalse();
        assertThat(a.byTestId("reconnect-button").isDisplayed()).isFalse();

        JsonNode history = TestApi.json(server.api().get("/api/rooms/lobby/messages?limit=200", userB));
        List<String> texts = history.get("messages").valueStream().map(m -> m.get("text").asString()).toList();
        assertThat(texts).as("history over REST").filteredOn(offline::equals).hasSize(1);
        assertThat(texts).filteredOn(fromB::equals).hasSize(1);
        List<Object> atB = bSocket.drain();
        assertThat(atB).as("B got A's offline message once").filteredOn(f -> f instanceof JsonNode n
                && n.path("resp_type").asInt() == 2 && offline.equals(n.path("text").asString())).hasSize(1);
    }

    @Test
    @Order(2)
    void cancelStaysOfflineWithARetryButton() {
        TestApi.User userA = server.api().register("carol_" + suffix(), "Carol");
        a = new Browser("A").login(server.base(), userA);
        a.recordTimeline();

        server.stop();
        WebElement dialog = a.byTestId("reconnect-dialog");
        a.until("the reconnect dialog open", d -> isOpen(dialog) && dialog.isDisplayed() ? true : null);
        a.byTestId("reconnect-cancel").click();
        a.until("the dialog closed after cancel", d -> !isOpen(dialog) ? true : null);
        WebElement retry = a.byTestId("reconnect-button");
        a.until("the reconnect-button visible", d -> retry.isDisplayed() ? true : null);
        assertThat(a.byTestId("toast").isDisplayed()).isFalse();
        // issue 12: the offline banner neither covers nor pushes away the message typed meanwhile
        String typedOffline = "Typed after stay offline " + suffix();
        a.byTestId("composer").click(); // back in the message box after the dialog (ChromeDriver's keys alone get lost here)
        a.send(typedOffline);
        a.until("the pending message fully in view below the offline banner", d -> inView(a, typedOffline) ? true : null);
        assertThat(a.connState()).isEqualTo("CLOSED");
        System.out.println("screenshot: " + a.screenshot("offline-after-cancel.png"));

        // the server is back, but cancel means offline: no attempt on its own (6 reconnect delays of quiet)
        server.start();
        sleep(E2EServer.RECONNECT_DELAY.multipliedBy(6));
        assertThat(a.connState()).as("still offline after cancel").isEqualTo("CLOSED");
        assertThat(tokenRequestsAfter(a.timeline(), "reconnect-dialog", "closed")).as("attempts after cancel").isZero();
        assertThat(retry.isDisplayed()).isTrue();

        retry.click();
        a.awaitOpen();
        a.until("the reconnect-button hidden once connected", d -> !retry.isDisplayed() ? true : null);
        assertThat(a.path()).isEqualTo("/");
        String text = "Back again " + suffix();
        a.send(text);
        a.awaitDelivered(text);
    }

    @Test
    @Order(3)
    void englishBannerDoesNotCoverTheMessagesAndTheDialogSaysWhenTheServerIsBack() {
        TestApi.User userA = server.api().register("erin_" + suffix(), "Erin");
        a = new Browser("A").login(server.base(), userA);
        for (int i = 0; i < 30; i++) {
            a.send("filler " + i); // enough rows to scroll: the newest must stay in view under the banner
        }
        a.awaitDelivered("filler 29");
        a.recordTimeline();

        assertThat(inView(a, "filler 29")).as("the newest message in view before the banner").isTrue();
        // two frames after the banner opens (layout, then resize observers done), is the newest message wholly visible?
        a.js("""
                const toast = document.querySelector('[data-testid="toast"]');
                new MutationObserver(() => {
                  if (!toast.open || window.__bannerCheck !== undefined) return;
                  requestAnimationFrame(() => requestAnimationFrame(() => {
                    const rows = document.querySelectorAll('[data-testid="messages"] [data-testid="message"]');
                    const r = rows[rows.length - 1].getBoundingClientRect();
                    const s = document.getElementById('message-scroller').getBoundingClientRect();
                    window.__bannerCheck = r.top >= s.top - 0.5 && r.bottom <= s.bottom + 0.5;
                  }));
                }).observe(toast, {attributes: true, attributeFilter: ['open']});""");
        server.stop();
        WebElement toast = a.byTestId("toast");
        a.until("the English reconnecting banner", d -> toast.isDisplayed()
                && toast.getText().contains("Reconnecting, please wait...") ? true : null);
        Object check = a.until("the check after the banner opened",
                d -> a.js("return window.__bannerCheck === undefined ? null : String(window.__bannerCheck);"));
        assertThat(check).as("the newest message stays wholly in view when the banner takes its place").isEqualTo("true");
        String pending = "Pending under the banner " + suffix();
        a.send(pending);
        assertThat(toast.getText()).as("the English UI does not lead with Chinese").doesNotContain(TOAST_TEXT);
        assertThat(a.js("""
                const banner = document.querySelector('[data-testid="toast"]').getBoundingClientRect();
                const list = document.getElementById('message-scroller').getBoundingClientRect();
                return banner.bottom <= list.top + 0.5;""")).as("the banner sits above the message list, not over it").isEqualTo(true);
        assertThat(inView(a, pending)).as("the pending message stays in view while the banner shows").isTrue();
        assertThat(a.js("return document.activeElement && document.activeElement.getAttribute('data-testid')"))
                .as("focus while the banner shows").isEqualTo("composer");
        System.out.println("screenshot: " + a.screenshot("reconnect-banner-en.png"));

        WebElement dialog = a.byTestId("reconnect-dialog");
        WebElement reachable = a.byTestId("reconnect-reachable");
        a.until("the reconnect dialog", d -> isOpen(dialog) && dialog.isDisplayed() ? true : null);
        assertThat(dialog.getText()).contains("The connection was lost. Reconnect?").doesNotContain(DIALOG_TEXT);
        assertThat(a.js("return document.activeElement.getAttribute('data-testid')")).as("focus when the dialog opens")
                .isEqualTo("reconnect-confirm");
        assertThat(reachable.isDisplayed()).as("no hint while the server is down").isFalse();

        server.start();
        // the dialog checks /actuator/health when it opens and then every 15 s: the hint comes within one interval
        a.until("the server-reachable hint", Duration.ofSeconds(40), d -> reachable.isDisplayed() ? true : null);
        assertThat(reachable.getText()).isEqualTo("The server is reachable again.");
        assertThat(isOpen(dialog)).as("still the user's choice: the dialog stays").isTrue();
        assertThat(a.connState()).as("no reconnect on its own").isEqualTo("CLOSED");
        assertThat(tokenRequestsAfter(a.timeline(), "reconnect-dialog", "open")).as("attempts after the dialog opened").isZero();
        assertThat(a.js("return document.activeElement.getAttribute('data-testid')")).as("focus with the hint")
                .isEqualTo("reconnect-confirm");
        System.out.println("screenshot: " + a.screenshot("reconnect-reachable-en.png"));

        new org.openqa.selenium.interactions.Actions(a.driver).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        a.until("the dialog closed by Enter on the focused confirm", d -> !isOpen(dialog) ? true : null);
        a.awaitOpen();
        a.awaitDelivered(pending);
    }

    /** The message row with that text lies wholly inside the visible part of the message list. */
    static boolean inView(Browser browser, String text) {
        return Boolean.TRUE.equals(browser.js("""
                const row = Array.from(document.querySelectorAll('[data-testid="messages"] [data-testid="message"]'))
                  .find(li => li.querySelector('[data-testid="message-text"]')?.textContent === arguments[0]); // a tombstone has none
                if (!row) return false;
                const r = row.getBoundingClientRect();
                const s = document.getElementById('message-scroller').getBoundingClientRect();
                return r.top >= s.top - 0.5 && r.bottom <= s.bottom + 0.5;""", text));
    }

    // ----- helpers -----

    static boolean isOpen(WebElement dialog) {
        return dialog.getDomProperty("open") != null && Boolean.parseBoolean(dialog.getDomProperty("open"));
    }

    static int index(List<Map<String, Object>> timeline, String what, String detail) {
        for (int i = 0; i < timeline.size(); i++) {
            if (what.equals(timeline.get(i).get("what")) && detail.equals(timeline.get(i).get("detail"))) {
                return i;
            }
        }
        return -1;
    }

    /** Token requests (one per connection attempt) before the first event of that kind. */
    static long tokenRequestsBefore(List<Map<String, Object>> timeline, String what, String detail) {
        int end = index(timeline, what, detail);
        assertThat(end).as("%s %s in the timeline %s", what, detail, timeline).isNotNegative();
        return timeline.subList(0, end).stream().filter(BrowserReconnectE2ETest::isTokenRequest).count();
    }

    /** Token requests after the first event of that kind. */
    static long tokenRequestsAfter(List<Map<String, Object>> timeline, String what, String detail) {
        int start = index(timeline, what, detail);
        assertThat(start).as("%s %s in the timeline %s", what, detail, timeline).isNotNegative();
        return timeline.subList(start, timeline.size()).stream().filter(BrowserReconnectE2ETest::isTokenRequest).count();
    }

    static boolean isTokenRequest(Map<String, Object> event) {
        return "token".equals(event.get("what")) && "request".equals(event.get("detail"));
    }

    /** A short quiet period: a duplicate (resume plus history catch-up) would show up within it. */
    static void settle() {
        sleep(Duration.ofMillis(1500));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
