package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Issue 12 "Getting in", end to end in headless Chromium: the sign-up form shows every field's error at once, each
 * once; signing up logs the new user in and opens the chat in the lobby, where they can write at once; an unknown
 * address then shows our 404 page with the way back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSignupE2ETest {

    @TempDir
    static Path dataDirectory;

    E2EServer server;
    Browser browser;

    @BeforeAll
    void start() {
        Browser.requireChromium();
        server = new E2EServer(dataDirectory).start();
        browser = new Browser("signup");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void signingUpShowsEveryErrorOnceThenLogsInAndOpensTheLobby() {
        // every field wrong at once: three errors, each once, no hint repeating them
        browser.submitSignup(server.base(), "No Good", "", "short");
        browser.until("the sign-up page with its errors", d -> browser.driver
                .findElements(By.cssSelector("[data-testid^='signup-error-']")).size() == 3 ? true : null);
        assertThat(browser.byTestId("signup-error-username").getText()).contains("lowercase letters");
        assertThat(browser.byTestId("signup-error-password").getText()).contains("8 to 128");
        assertThat(browser.byTestId("signup-error-displayName").getText()).contains("1 to 64");
        assertThat(browser.driver.findElements(By.cssSelector(".field-hint"))).isEmpty();
        assertThat(browser.driver.findElement(By.name("username")).getDomAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("signup-errors.png");

        String username = "newbie_" + suffix();
        browser.signup(server.base(), username, "Newbie \uD83C\uDF89", "a-fine-passphrase-" + suffix());
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.byTestId("me").getText()).isEqualTo("Newbie \uD83C\uDF89");
        browser.until("the lobby open", d -> !d.findElements(
                By.cssSelector("[data-testid='room'][data-room='lobby'] button[aria-current='page']")).isEmpty() ? true : null);

        String hello = "hello from a new account " + suffix();
        browser.send(hello);
        browser.awaitDelivered(hello);
        browser.screenshot("signup-lands-in-lobby.png");
        assertThat(browser.consoleLog()).doesNotContain("SEVERE");

        // an unknown address while logged in: our page, not raw JSON, with the way back to the chat
        browser.driver.get(server.base() + "/no/such/page");
        assertThat(browser.byTestId("error-page").getDomAttribute("data-status")).isEqualTo("404");
        assertThat(browser.driver.getPageSource()).doesNotContain("\"detail\"");
        browser.screenshot("error-404.png");
        browser.byTestId("error-home").click();
        browser.until("back in the chat", d -> browser.path().equals("/") ? true : null);
        browser.awaitOpen();
    }
}
