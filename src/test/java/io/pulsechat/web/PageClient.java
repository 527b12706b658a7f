package io.pulsechat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.pulsechat.TestApi;

/** A browser as the pages see it: cookies kept, redirects not followed, forms posted with their CSRF token. */
public final class PageClient {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    public final String base;
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient http;
    String language = "en";

    public PageClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public PageClient language(String tag) {
        this.language = tag;
        return this;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Accept-Language", language).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,application/xhtml+xml"));
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Opens the page, and posts its form with the page's CSRF token and these fields. */
    public HttpResponse<String> submit(String page, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrfInput(get(page).body()));
        return postForm(action, form);
    }

    /** Logs in through the form; asserts it worked (a redirect that is not back to the login page). */
    public PageClient login(TestApi.User user) {
        var response = submit("/login", "/login", Map.of("username", user.username(), "password", user.password()));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("/login");
        return this;
    }

    /** Logs out as the chat page's form does (its CSRF token); the answer is the redirect to the login page. */
    public HttpResponse<String> logout() {
        return postForm("/logout", Map.of("_csrf", chatPageCsrf()));
    }

    /** The CSRF token the chat page renders for its scripts (the page must be open for the logged-in user). */
    public String chatPageCsrf() {
        var chat = get("/");
        assertThat(chat.statusCode()).as("the chat page").isEqualTo(200);
        Matcher meta = CSRF_META.matcher(chat.body());
        assertThat(meta.find()).isTrue();
        return meta.group(1);
    }

    /** A REST call as the chat page's scripts make it: the session cookie and the CSRF header. */
    public HttpResponse<String> api(String method, String path, String json, String csrf) {
        return api(method, path, json, csrf, Map.of());
    }

    public HttpResponse<String> api(String method, String path, String json, String csrf, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        headers.forEach(request::header);
        if (csrf != null) {
            request.header(SecurityConfig.CSRF_HEADER, csrf);
        }
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request);
    }

    public boolean hasCookie(String name) {
        return cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals(name));
    }

    public static String csrfInput(String html) {
        Matcher m = CSRF_INPUT.matcher(html);
        assertThat(m.find()).as("a _csrf field in the form").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
