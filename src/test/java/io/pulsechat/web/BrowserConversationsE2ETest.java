package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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

import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/**
 * Issue 11 in the browser, end to end in headless Chromium against the real server: a direct message with its
 * badge, edits and deletes seen live by the other user, a reaction, a reply that jumps to its original, a mention
 * highlighted for the one mentioned, search that jumps to a message far up, and a private room that a third user
 * cannot see anywhere. Users A (Alice) and B (Bob) stay logged in for the class; each test uses its own room.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // independent tests; the order only keeps the screenshots alike
class BrowserConversationsE2ETest {

    @TempDir
    static Path dataDirectory;

    E2EServer server;
    TestApi api;
    TestApi.User alice;
    TestApi.User bob;
    Browser a;
    Browser b;
    Browser c;

    @BeforeAll
    void startServerAndBrowsers() {
        Browser.requireChromium();
        server = new E2EServer(dataDirectory).start();
        api = server.api();
        alice = api.register("alice_" + suffix(), "Alice Martin");
        bob = api.register("bob_" + suffix(), "Bob Stone");
        a = new Browser("A").login(server.base(), alice);
        b = new Browser("B").login(server.base(), bob);
    }

    @AfterAll
    void stopAll() {
        for (Browser browser : new Browser[] {a, b, c}) {
            if (browser != null) {
                browser.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    /** No script error, no CSP refusal, no failed request in any page. */
    @AfterEach
    void consolesStayClean() {
        for (Browser browser : new Browser[] {a, b, c}) {
            if (browser != null) {
                assertThat(browser.consoleLog()).as(browser.name + ": the browser console").doesNotContain("SEVERE");
            }
        }
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** A public room both browsers are in, open in both. */
    private String sharedRoom() {
        String room = api.createRoom(alice);
        a.openRoomByLink(server.base(), room);
        b.openRoomByLink(server.base(), room);
        return room;
    }

    @Test
    @Order(1)
    void aDirectMessageReachesTheOtherWithABadgeInTheDirectMessagesSection() {
        a.openRoomByLink(server.base(), "lobby");
        b.openRoomByLink(server.base(), "lobby");
        a.byTestId("dm-new").click();
        a.until("the people picker", d -> a.byTestId("user-picker").isDisplayed() ? true : null);
        a.byTestId("user-picker-search").sendKeys(bob.username());
        WebElement result = a.until("Bob in the picker", d -> a.driver.findElements(By.cssSelector("[data-testid='user-picker-result']"))
                .stream().filter(e -> bob.userid().equals(e.getDomAttribute("data-userid"))).findFirst().orElse(null));
        a.screenshot("v2/dm-picker.png");
        result.click();
        String dm = a.until("the direct room open", d -> {
            String room = a.byTestId("messages").getDomAttribute("data-room");
            return room != null && room.startsWith("dm-") ? room : null;
        });
        assertThat(a.driver.findElement(By.id("room-title")).getText()).isEqualTo("Bob Stone");
        WebElement row = a.byTestId("dms").findElement(By.cssSelector("[data-testid='room'][data-room='" + dm + "']"));
        assertThat(row.getText()).contains("Bob Stone");

        String text = "Are you free for a call? " + suffix();
        a.send(text);
        a.awaitDelivered(text);

        // B is in the lobby: the direct room appears by Alice's name, with an unread badge that stands out
        WebElement atB = b.until("the direct room in B's sidebar", d -> b.driver.findElements(
                By.cssSelector("[data-testid='dms'] [data-testid='room'][data-room='" + dm + "']")).stream().findFirst().orElse(null));
        b.until("Alice's name on it", d -> atB.getText().contains("Alice Martin") ? true : null);
        WebElement badge = atB.findElement(By.cssSelector("[data-testid='unread']"));
        b.until("the badge says 1", d -> badge.isDisplayed() && "1".equals(badge.getText()) ? true : null);
        assertThat(atB.getDomAttribute("class")).contains("has-mention");
        assertThat(String.valueOf(b.js("return document.title;"))).startsWith("(1)");
        b.screenshot("v2/dm-badge.png");

        atB.findElement(By.tagName("button")).click();
        b.awaitDelivered(text);
        b.until("the badge gone once read", d -> !badge.isDisplayed() ? true : null);
        assertThat(b.driver.findElement(By.id("room-title")).getText()).isEqualTo("Alice Martin");
    }

    @Test
    @Order(2)
    void editsAndDeletesAreSeenLiveByTheOtherUser() {
        sharedRoom();
        String original = "Lunch at 12? " + suffix();
        a.send(original);
        long id = a.awaitDelivered(original);
        b.awaitDelivered(original);

        // ↑ in the empty composer edits the last message; Enter saves
        WebElement composer = a.byTestId("composer");
        composer.sendKeys(Keys.ARROW_UP);
        a.until("the composer in edit mode", d -> "edit".equals(a.byTestId("composer-context").getDomAttribute("data-mode")) ? true : null);
        assertThat(composer.getDomProperty("value")).isEqualTo(original);
        composer.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        String edited = "Lunch at 12:30? " + suffix();
        composer.sendKeys(edited, Keys.ENTER);
        b.until("the edit at B", d -> edited.equals(b.messageText(id)) ? true : null);
        assertThat(b.messageRow(id).findElement(By.cssSelector("[data-testid='message-edited']")).getText()).isNotBlank();
        assertThat(a.byTestId("composer-context").isDisplayed()).as("edit mode ends").isFalse();
        b.screenshot("v2/edited.png");

        // Esc cancels an edit and gives back what was typed
        composer.sendKeys("a draft");
        a.messageAction(id, "edit").click();
        assertThat(composer.getDomProperty("value")).isEqualTo(edited);
        composer.sendKeys(Keys.ESCAPE);
        assertThat(composer.getDomProperty("value")).isEqualTo("a draft");
        composer.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);

        // delete from the hover toolbar, confirmed in the dialog
        a.messageAction(id, "delete").click();
        a.until("the confirmation", d -> a.byTestId("action-dialog").isDisplayed() ? true : null);
        a.screenshot("v2/delete-confirm.png");
        a.byTestId("action-confirm").click();
        for (Browser browser : List.of(b, a)) {
            browser.until("a tombstone at " + browser.name, d -> "true".equals(browser.messageRow(id).getDomAttribute("data-deleted")) ? true : null);
            WebElement row = browser.messageRow(id);
            assertThat(row.findElements(By.cssSelector("[data-testid='message-text']"))).as("no text left").isEmpty();
            assertThat(row.findElement(By.cssSelector("[data-testid='message-deleted']")).getText()).isNotBlank();
        }
        // B may not edit or delete Alice's messages: no such buttons
        String another = "Still here " + suffix();
        a.send(another);
        long other = b.awaitDelivered(another);
        b.hover(b.messageRow(other));
        assertThat(b.messageAction(other, "edit").isDisplayed()).isFalse();
        assertThat(b.messageAction(other, "delete").isDisplayed()).isFalse();
        assertThat(b.messageAction(other, "reply").isDisplayed()).isTrue();
    }

    @Test
    @Order(3)
    void aReactionShowsItsCountAndWhoReacted() {
        sharedRoom();
        String text = "Shipped the release " + suffix();
        a.send(text);
        long id = b.awaitDelivered(text);
        b.messageAction(id, "react").click();
        b.until("the emoji picker", d -> b.byTestId("emoji-picker").isDisplayed() ? true : null);
        b.screenshot("v2/emoji-picker.png");
        b.driver.findElement(By.cssSelector("[data-testid='emoji-option'][data-emoji='🎉']")).click();
        for (Browser browser : List.of(a, b)) {
            browser.until("🎉 1 at " + browser.name, d -> {
                List<WebElement> chips = browser.messageRow(id).findElements(By.cssSelector("[data-testid='reaction']"));
                return chips.size() == 1 && chips.get(0).getText().replace("\n", " ").equals("🎉 1") ? true : null;
            });
        }
        WebElement chipAtA = a.messageRow(id).findElement(By.cssSelector("[data-testid='reaction']"));
        assertThat(chipAtA.getDomAttribute("title")).contains("Bob Stone");
        assertThat(chipAtA.getDomAttribute("aria-pressed")).isEqualTo("false");
        chipAtA.click(); // Alice adds hers to the same emoji
        b.until("🎉 2 at B", d -> b.messageRow(id).findElement(By.cssSelector("[data-testid='reaction']")).getText()
                .replace("\n", " ").equals("🎉 2") ? true : null);
        a.until("Alice's chip pressed", d -> "true".equals(a.messageRow(id).findElement(By.cssSelector("[data-testid='reaction']"))
                .getDomAttribute("aria-pressed")) ? true : null);
        a.screenshot("v2/reactions.png");
        a.messageRow(id).findElement(By.cssSelector("[data-testid='reaction']")).click(); // and takes it back
        b.until("🎉 1 again at B", d -> b.messageRow(id).findElement(By.cssSelector("[data-testid='reaction']")).getText()
                .replace("\n", " ").equals("🎉 1") ? true : null);
    }

    @Test
    @Order(4)
    void aReplyQuotesItsOriginalAndClickingTheQuoteJumpsThere() {
        String room = sharedRoom();
        String question = "Who reviews the migration? " + suffix();
        a.send(question);
        long original = b.awaitDelivered(question);
        fill(bob, room, 30); // the original scrolls out of view
        b.until("the filler arrived", d -> b.messages().size() >= 31 ? true : null);

        b.messageAction(original, "reply").click();
        a.until("nothing yet at A", d -> true);
        assertThat(b.byTestId("composer-context").getDomAttribute("data-mode")).isEqualTo("reply");
        assertThat(b.byTestId("composer-context").getText()).contains("Alice Martin").contains("Who reviews");
        String answer = "I will, tomorrow " + suffix();
        b.send(answer);
        long reply = a.awaitDelivered(answer);
        WebElement quote = a.messageRow(reply).findElement(By.cssSelector("[data-testid='reply-quote']"));
        assertThat(quote.getText()).contains("Alice Martin").contains("Who reviews the migration?");
        assertThat(b.byTestId("composer-context").isDisplayed()).as("the reply bar goes once sent").isFalse();
        a.screenshot("v2/reply.png");
        assertThat(a.inView(original)).as("the original is out of view before the jump").isFalse();
        quote.click();
        a.until("the original in view and marked", d -> a.inView(original)
                && a.messageRow(original).getDomAttribute("class").contains("is-highlighted") ? true : null);
    }

    @Test
    @Order(5)
    void aMentionIsCompletedAndHighlightedForTheOneMentioned() {
        String room = sharedRoom();
        WebElement composer = b.byTestId("composer");
        composer.sendKeys("Thanks @" + alice.username().substring(0, 4));
        String offered = b.until("Alice offered", d -> b.driver.findElements(By.cssSelector("[data-testid='mention-option']")).stream()
                .filter(e -> alice.username().equals(e.getDomAttribute("data-username"))).map(WebElement::getText).findFirst().orElse(null));
        b.screenshot("v2/mention-completion.png");
        assertThat(offered).contains("Alice Martin");
        composer.sendKeys(Keys.TAB);
        String tail = "for the review " + suffix();
        assertThat(composer.getDomProperty("value")).isEqualTo("Thanks @" + alice.username() + " ");
        composer.sendKeys(tail, Keys.ENTER);
        String text = "Thanks @" + alice.username() + " " + tail;
        long id = a.awaitDelivered(text);
        WebElement row = a.messageRow(id);
        assertThat(row.getDomAttribute("data-mentions-me")).isEqualTo("true");
        assertThat(row.findElement(By.cssSelector("[data-testid='mention-me']")).getText()).isEqualTo("@" + alice.username());
        b.awaitDelivered(text);
        assertThat(b.messageRow(id).getDomAttribute("data-mentions-me")).as("not highlighted for the author").isNull();
        a.screenshot("v2/mention.png");

        // a mention in a room Alice is not looking at counts on its mention badge
        a.openRoomByLink(server.base(), "lobby");
        String again = "@" + alice.username() + " one more thing " + suffix();
        b.send(again);
        WebElement mentions = a.byTestId("rooms").findElement(By.cssSelector("[data-room='" + room + "'] [data-testid='mentions']"));
        a.until("the mention badge", d -> mentions.isDisplayed() && "@1".equals(mentions.getText()) ? true : null);
    }

    @Test
    @Order(6)
    void searchFindsAMessageFarUpAndOpensItsRoomThere() {
        String room = api.createRoom(bob);
        String word = "zebra" + suffix();
        WsClient sender = api.connect(bob, "chat");
        try {
            sender.join(room);
            sender.sendMessage(room, "The " + word + " crossing is on the agenda", "s-" + suffix());
            sender.awaitType(4);
        } finally {
            sender.closeQuietly();
        }
        fill(bob, room, 120); // more than the first page (50): the result is not loaded when the room opens
        a.openRoomByLink(server.base(), "lobby");
        a.byTestId("composer").sendKeys(Keys.chord(Keys.CONTROL, "k"));
        a.until("the search dialog", d -> a.byTestId("search-dialog").isDisplayed() ? true : null);
        a.byTestId("search-input").sendKeys(word.toUpperCase()); // case-insensitive
        WebElement result = a.until("a result", d -> a.driver.findElements(By.cssSelector(
                "[data-testid='search-group'][data-room='" + room + "'] [data-testid='search-result']")).stream().findFirst().orElse(null));
        assertThat(result.getText()).contains("Bob Stone").contains(word);
        assertThat(result.findElement(By.tagName("mark")).getText()).isEqualToIgnoringCase(word);
        a.screenshot("v2/search.png");
        long id = Long.parseLong(result.getDomAttribute("data-id"));
        result.click();
        a.until("room " + room + " open at the message", d -> room.equals(a.byTestId("messages").getDomAttribute("data-room"))
                && !a.driver.findElements(By.cssSelector("[data-testid='message'][data-id='" + id + "']")).isEmpty()
                && a.inView(id) ? true : null);
        assertThat(a.messageText(id)).contains(word);
    }

    @Test
    @Order(7)
    void aPrivateRoomIsInvisibleToAThirdUser() {
        TestApi.User carol = api.register("carol_" + suffix(), "Carol Diaz");
        c = new Browser("C").login(server.base(), carol);

        a.byTestId("room-create").click();
        String name = "Board " + suffix();
        a.byTestId("room-create-name").sendKeys(name);
        a.byTestId("room-create-topic").sendKeys("Budget and hiring");
        a.byTestId("room-create-private").click();
        String id = a.byTestId("room-create-id").getDomProperty("value");
        a.byTestId("room-create-submit").click();
        a.until("the private room open", d -> id.equals(a.byTestId("messages").getDomAttribute("data-room")) ? true : null);
        assertThat(a.byTestId("room-topic").getText()).isEqualTo("Budget and hiring");
        assertThat(a.byTestId("rooms").findElement(By.cssSelector("[data-room='" + id + "']")).getDomAttribute("data-kind")).isEqualTo("private");
        String secret = "The budget is " + suffix();
        a.send(secret);
        a.awaitDelivered(secret);

        // Alice adds Bob: the room appears in his sidebar at once
        a.byTestId("members-add").click();
        a.byTestId("user-picker-search").sendKeys(bob.username());
        a.until("Bob in the picker", d -> a.driver.findElements(By.cssSelector("[data-testid='user-picker-result']")).stream()
                .filter(e -> bob.userid().equals(e.getDomAttribute("data-userid"))).findFirst().orElse(null)).click();
        b.until("the room in Bob's sidebar", d -> !b.byTestId("rooms").findElements(By.cssSelector("[data-room='" + id + "']")).isEmpty() ? true : null);
        a.screenshot("v2/private-room.png");

        // Carol: not in her sidebar, not in the room browser, not by its link, not in search
        c.driver.navigate().refresh();
        c.awaitOpen();
        assertThat(c.byTestId("rooms").findElements(By.cssSelector("[data-room='" + id + "']"))).isEmpty();
        c.byTestId("room-browse").click();
        c.byTestId("room-browser-search").sendKeys(name);
        c.until("the browser answered", d -> !c.driver.findElement(By.id("room-browser-status")).getText().isBlank() ? true : null);
        assertThat(c.byTestId("room-browser-list").findElements(By.cssSelector("[data-room='" + id + "']"))).isEmpty();
        c.byTestId("room-browser-close").click();
        c.driver.navigate().to(server.base() + "/#" + id);
        c.until("a notice that the room is not there", d -> c.driver.findElements(By.cssSelector("[data-testid='notice']")).stream()
                .anyMatch(n -> n.getText().contains(id)) ? true : null);
        assertThat(c.byTestId("messages").getDomAttribute("data-room")).isEqualTo("lobby");
        assertThat(c.messages()).noneMatch(m -> String.valueOf(m.get("text")).contains(secret));
        c.byTestId("search-open").click();
        c.byTestId("search-input").sendKeys(secret);
        c.until("the search answered", d -> c.driver.findElement(By.id("search-status")).getText().contains(secret) ? true : null);
        assertThat(c.driver.findElements(By.cssSelector("[data-testid='search-result']"))).isEmpty();
        c.byTestId("search-input").sendKeys(Keys.ESCAPE);
        c.close();
        c = null;

        // Bob leaves it from the room menu; Alice, its owner, deletes it: gone from both sidebars
        b.openRoomByLink(server.base(), id);
        b.byTestId("room-menu").click();
        b.byTestId("room-menu-leave").click();
        b.byTestId("action-confirm").click();
        b.until("the room gone from Bob's sidebar, the lobby open", d -> b.byTestId("rooms")
                .findElements(By.cssSelector("[data-room='" + id + "']")).isEmpty()
                && "lobby".equals(b.byTestId("messages").getDomAttribute("data-room")) ? true : null);
        a.byTestId("room-menu").click();
        a.byTestId("room-menu-delete").click();
        a.byTestId("action-confirm").click();
        a.until("the room gone from Alice's sidebar", d -> a.byTestId("rooms")
                .findElements(By.cssSelector("[data-room='" + id + "']")).isEmpty() ? true : null);
        assertThat(TestApi.json(api.get("/api/rooms/public?q=" + id, alice)).get("rooms").size()).isZero();
    }

    @Test
    @Order(8)
    void anAdminBansFromTheProfileCardAndTheBannedUsersPageSaysSo() {
        // Alice made the first account on this server: she is an admin
        TestApi.User dave = api.register("dave_" + suffix(), "Dave Noise");
        Browser d = new Browser("D").login(server.base(), dave);
        try {
            String text = "buy cheap watches " + suffix();
            d.send(text);
            a.openRoomByLink(server.base(), "lobby");
            long id = a.awaitDelivered(text);
            a.messageRow(id).findElement(By.cssSelector("[data-testid='message-author']")).click();
            a.until("Dave's card", d2 -> a.byTestId("profile-card").isDisplayed() ? true : null);
            assertThat(a.byTestId("profile-card").getText()).contains("Dave Noise");
            a.screenshot("v2/profile-card.png");
            a.byTestId("profile-ban").click();
            a.byTestId("action-confirm").click();
            d.until("Dave on the login page, told he is banned", d2 -> d.path().equals("/login")
                    && !d.driver.findElements(By.cssSelector("[data-testid='login-banned']")).isEmpty() ? true : null);
            d.screenshot("v2/banned.png");
            // and the admin can delete his message, which is not hers
            a.messageAction(id, "delete").click();
            a.byTestId("action-confirm").click();
            a.until("the spam deleted", d2 -> "true".equals(a.messageRow(id).getDomAttribute("data-deleted")) ? true : null);
            assertThat(api.call("DELETE", "/api/users/" + dave.userid() + "/ban", null, alice).statusCode()).isEqualTo(204);
        } finally {
            d.close();
        }
    }

    /** {@code n} short messages from {@code user} in {@code room}, 15 per session (under the send burst of 20). */
    private void fill(TestApi.User user, String room, int n) {
        List<WsClient> senders = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < (n + 14) / 15; i++) {
                WsClient sender = api.connect(user, "chat");
                senders.add(sender);
                sender.join(room);
            }
            for (int i = 0; i < n; i++) {
                WsClient sender = senders.get(i / 15);
                sender.sendMessage(room, "filler line " + i, "fill-" + suffix() + "-" + i);
                sender.await(f -> f.path("resp_type").asInt() == 4 || f.path("resp_type").asInt() == 9);
            }
        } finally {
            senders.forEach(WsClient::closeQuietly);
        }
    }
}
