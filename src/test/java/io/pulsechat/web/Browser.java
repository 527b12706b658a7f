package io.pulsechat.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.pulsechat.ExternalTool;
import io.pulsechat.TestApi;

/**
 * One headless Chromium (Debian's chromium and chromedriver; Selenium Manager never runs) showing the chat
 * page, with the helpers the end-to-end tests share. Everything is found by the stable {@code data-testid}
 * hooks of issue 4 and the login form's field names.
 */
final class Browser implements AutoCloseable {

    /** Generous: the tests run on two slow cores. */
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots").toAbsolutePath();

    private static Path chromium;
    private static Path chromedriver;

    final String name;
    final ChromeDriver driver;
    private String base;

    /** Skips (fails under CI=true) when Chromium or chromedriver is not installed. */
    static synchronized void requireChromium() {
        if (chromium != null) {
            return;
        }
        Path browser = ExternalTool.require("Chromium", "apt-get install -y chromium chromium-driver", "/usr/bin/chromium", "chromium");
        Path driver = ExternalTool.require("chromedriver", "apt-get install -y chromium chromium-driver",
                "/usr/bin/chromedriver", "chromedriver");
        // the driver is given explicitly: Selenium Manager has nothing to look up or download
        System.setProperty("webdriver.chrome.driver", driver.toString());
        chromium = browser;
        chromedriver = driver;
    }

    Browser(String name) {
        this(name, "en-US");
    }

    /** A browser whose language (Accept-Language and the UI) is {@code language}, e.g. "zh-CN". */
    Browser(String name, String language) {
        requireChromium();
        this.name = name;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    // ----- pages -----

    /** Opens {@code /} (anonymous: the login page), logs in through the form and waits for the open connection. */
    Browser login(String baseUrl, TestApi.User user) {
        this.base = baseUrl;
        driver.get(baseUrl + "/");
        until("the login page after opening / anonymously", d -> path().equals("/login") ? true : null);
        driver.findElement(By.name("username")).sendKeys(user.username());
        driver.findElement(By.name("password")).sendKeys(user.password());
        byTestId("login-submit").click();
        until("back on / after logging in", d -> path().equals("/") ? true : null);
        awaitOpen();
        return this;
    }

    /** Opens {@code /signup} and submits the form with these values (any of them may be empty). */
    void submitSignup(String baseUrl, String username, String displayName, String password) {
        this.base = baseUrl;
        driver.get(baseUrl + "/signup");
        until("the sign-up page", d -> path().equals("/signup") ? true : null);
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("displayName")).sendKeys(displayName);
        driver.findElement(By.name("password")).sendKeys(password);
        byTestId("signup-submit").click();
    }

    /** Signs up through the form; signing up logs in and opens the chat: waits for the open connection. */
    Browser signup(String baseUrl, String username, String displayName, String password) {
        submitSignup(baseUrl, username, displayName, password);
        until("on / after signing up", d -> path().equals("/") ? true : null);
        awaitOpen();
        return this;
    }

    /** The connection is OPEN and the welcome arrived (the protocol shows). */
    void awaitOpen() {
        // textContent, not getText(): on a phone the status details (protocol) are folded away
        until("conn-state OPEN with a negotiated protocol", d -> {
            String protocol = Objects.toString(byTestId("protocol").getDomProperty("textContent"), "").trim();
            return "OPEN".equals(connState()) && !protocol.isBlank() && !"—".equals(protocol) ? true : null;
        });
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    // ----- emulation (Chrome DevTools Protocol) -----

    /** A phone's viewport: 390 x 844 CSS pixels, mobile layout (deviceScaleFactor 1 keeps screenshots small). */
    Browser phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        return this;
    }

    /** Back to the 1280 x 800 desktop window. */
    Browser desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        return this;
    }

    /** prefers-color-scheme as the system would report it: "light" or "dark". */
    Browser colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        return this;
    }

    // ----- accessibility -----

    /** axe-core from its WebJar (test scope only; the application never serves it). */
    static final String AXE_SCRIPT = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static String axeSource;
    /** The version of axe-core that ran last ("4.6.3" from the WebJar, unless -Dpulse.axe.script gave another). */
    static volatile String axeVersion = "?";

    /**
     * Runs axe-core on the page as it is now and returns its critical and serious violations, each as
     * "rule (impact): help; nodes: target [summary] | …"; empty when there are none.
     */
    @SuppressWarnings("unchecked")
    List<String> axeViolations() {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object';"))) {
            js(axeSource());
            axeVersion = String.valueOf(js("return axe.version;"));
        }
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                  .filter(v => v.impact === 'critical' || v.impact === 'serious')
                  .map(v => `${v.id} (${v.impact}): ${v.help}; nodes: ` + v.nodes.slice(0, 5)
                    .map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : ''))
                    .join(' | ') + (v.nodes.length > 5 ? ` … (${v.nodes.length} nodes)` : ''))))
                  .catch(e => done(['axe failed: ' + e]));""");
        return (List<String>) result;
    }

    private static synchronized String axeSource() {
        String override = System.getProperty("pulse.axe.script"); // a newer axe.min.js to check against, if given
        if (axeSource == null && override != null) {
            try {
                axeSource = Files.readString(Path.of(override));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (axeSource == null) {
            try (var in = Browser.class.getClassLoader().getResourceAsStream(AXE_SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(AXE_SCRIPT + " is not on the test classpath (org.webjars.npm:axe-core)");
                }
                axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    // ----- elements -----

    WebElement byTestId(String testid) {
        return driver.findElement(By.cssSelector("[data-testid='" + testid + "']"));
    }

    String connState() {
        return byTestId("conn-state").getDomAttribute("data-state");
    }

    /** Types into the composer and presses Enter. */
    void send(String text) {
        WebElement composer = byTestId("composer");
        composer.sendKeys(text);
        composer.sendKeys(Keys.ENTER);
    }

    /** Rows of the message list: {id, status, text} (text = the message-text's textContent). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages() {
        return (List<Map<String, Object>>) js("""
                const list = document.querySelector('[data-testid="messages"]');
                return Array.from(list.querySelectorAll('[data-testid="message"]'), li => {
                  const text = li.querySelector('[data-testid="message-text"]');
                  return {id: li.getAttribute('data-id'), status: li.getAttribute('data-status'),
                          text: text ? text.textContent : null};
                });""");
    }

    List<Map<String, Object>> messagesWithText(String text) {
        return messages().stream().filter(m -> text.equals(m.get("text"))).toList();
    }

    /** Waits for a row with that text carrying a server id, asserts it is the only row with that text; returns the id. */
    long awaitDelivered(String text) {
        String id = until("a message \"" + text + "\" with a data-id in " + name, d -> messagesWithText(text).stream()
                .map(m -> (String) m.get("id")).filter(i -> i != null && i.matches("\\d+")).findFirst().orElse(null));
        List<Map<String, Object>> rows = messagesWithText(text);
        if (rows.size() != 1) {
            throw new AssertionError(name + ": message \"" + text + "\" shown " + rows.size() + " times: " + rows);
        }
        return Long.parseLong(id);
    }

    /** Opens a room by its link (/#room) and waits until its messages show. */
    void openRoomByLink(String baseUrl, String room) {
        driver.navigate().to(baseUrl + "/#" + room);
        until("room " + room + " open", d -> room.equals(byTestId("messages").getDomAttribute("data-room")) ? true : null);
    }

    /** The row of message {@code id} (waits for it). */
    WebElement messageRow(long id) {
        return until("the row of message " + id, d -> d.findElements(By.cssSelector(
                "[data-testid='messages'] [data-testid='message'][data-id='" + id + "']")).stream().findFirst().orElse(null));
    }

    /** The text of message {@code id} as shown (null when it has none, like a deleted message). */
    String messageText(long id) {
        return (String) js("""
                const li = document.querySelector(`[data-testid="messages"] [data-testid="message"][data-id="${arguments[0]}"]`);
                const text = li && li.querySelector('[data-testid="message-text"]');
                return text ? text.textContent : null;""", id);
    }

    /** Moves the pointer over an element. */
    void hover(WebElement element) {
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(element).perform();
    }

    /** A button of the hover toolbar of message {@code id} ("react", "reply", "edit", "delete"), after hovering the row. */
    WebElement messageAction(long id, String action) {
        WebElement row = messageRow(id);
        js("arguments[0].scrollIntoView({block: 'center'});", row);
        hover(row);
        return until("the " + action + " button on message " + id, d -> row.findElements(By.cssSelector(
                "[data-testid='action-" + action + "']")).stream().findFirst().orElse(null));
    }

    /** Whether message {@code id} is (mostly) within the visible part of the message list. */
    boolean inView(long id) {
        return Boolean.TRUE.equals(js("""
                const li = document.querySelector(`[data-testid="messages"] [data-testid="message"][data-id="${arguments[0]}"]`);
                if (!li) return false;
                const box = li.getBoundingClientRect();
                const view = document.getElementById('message-scroller').getBoundingClientRect();
                return box.top >= view.top - 4 && box.bottom <= view.bottom + 4;""", id));
    }

    /**
     * Starts recording, in the page, a timeline of what the user sees change and of the token requests
     * (the client fetches a fresh token before every attempt): window.__e2e.events = [{t, what, detail}].
     * Toasts shorter than WebDriver's polling cannot slip through, and the attempts can be counted.
     */
    void recordTimeline() {
        js("""
                if (window.__e2e) { window.__e2e.events = []; return; }
                const e2e = window.__e2e = {events: []};
                const log = (what, detail) => e2e.events.push({t: Math.round(performance.now()), what, detail: String(detail)});
                const state = document.querySelector('[data-testid="conn-state"]');
                new MutationObserver(() => log('state', state.getAttribute('data-state')))
                  .observe(state, {attributes: true, attributeFilter: ['data-state']});
                for (const id of ['toast', 'reconnect-dialog']) {
                  const node = document.querySelector(`[data-testid="${id}"]`);
                  new MutationObserver(() => log(id, node.open ? 'open' : 'closed'))
                    .observe(node, {attributes: true, attributeFilter: ['open']});
                }
                const button = document.querySelector('[data-testid="reconnect-button"]');
                const banner = button.closest('[hidden]') || button.parentElement;
                new MutationObserver(() => log('reconnect-button', button.offsetParent !== null ? 'visible' : 'hidden'))
                  .observe(banner, {attributes: true, attributeFilter: ['hidden']});
                const fetch = window.fetch;
                window.fetch = function (input, init) {
                  const url = String(input && input.url ? input.url : input);
                  const token = url.includes('/api/auth/token');
                  if (token) log('token', 'request');
                  return fetch.apply(this, arguments).then(
                    response => { if (token) log('token', response.status); return response; },
                    error => { if (token) log('token', 'failed'); throw error; });
                };""");
    }

    /** The recorded timeline (see {@link #recordTimeline()}). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> timeline() {
        return (List<Map<String, Object>>) js("return window.__e2e ? window.__e2e.events : [];");
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    // ----- waiting and diagnostics -----

    /** Waits up to {@link #WAIT} for a non-null, non-false value; on timeout an AssertionError with what the page showed. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return until(what, WAIT, condition);
    }

    <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError(name + ": timed out after " + timeout + " waiting for " + what + "\n" + diagnostics(), e);
        }
    }

    String diagnostics() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("url: ").append(driver.getCurrentUrl()).append('\n');
            out.append("conn-state: ").append(safe(this::connState)).append('\n');
            out.append("messages: ").append(safe(() -> String.valueOf(messages()))).append('\n');
            out.append("e2e timeline: ").append(safe(() -> String.valueOf(js("return window.__e2e ? window.__e2e.events : null;"))))
                    .append('\n');
            out.append("console:\n").append(consoleLog());
        } catch (RuntimeException e) {
            out.append("(diagnostics failed: ").append(e).append(')');
        }
        return out.toString();
    }

    private static String safe(java.util.function.Supplier<String> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            return "(" + e.getClass().getSimpleName() + ")";
        }
    }

    /** The page's console output so far (each call returns what came since the last). */
    String consoleLog() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(no console log: " + e.getMessage() + ")";
        }
    }

    /** Saves a PNG of the viewport under target/e2e-screenshots/ (the name may have folders) and returns its path. */
    Path screenshot(String fileName) {
        try {
            Path target = SCREENSHOTS.resolve(fileName);
            Files.createDirectories(target.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
