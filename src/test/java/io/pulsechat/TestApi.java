package io.pulsechat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP and WebSocket client (the JDK's) for one running server. */
public final class TestApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestApi(int port) {
        this.port = port;
    }

    public String base() {
        return "http://localhost:" + port;
    }

    /** A registered user and its password. */
    public record User(String userid, String username, String password, String displayName) {
    }

    public HttpResponse<String> request(String method, String path, Object body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        if (body != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, User as) {
        return request("GET", path, null, as == null ? Map.of() : Map.of("Authorization", basic(as)));
    }

    public HttpResponse<String> post(String path, Object body, User as) {
        return request("POST", path, body, as == null ? Map.of() : Map.of("Authorization", basic(as)));
    }

    /** Any method (PUT, PATCH, DELETE, ...) as the user, with a JSON body or none. */
    public HttpResponse<String> call(String method, String path, Object body, User as) {
        return request(method, path, body, as == null ? Map.of() : Map.of("Authorization", basic(as)));
    }

    /** Creates a room of that kind ({@code public} or {@code private}) and returns its id. */
    public String createRoom(User as, String kind) {
        String id = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var response = post("/api/rooms", Map.of("id", id, "name", "Room " + id, "kind", kind), as);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("room creation failed: " + response.statusCode() + " " + response.body());
        }
        return id;
    }

    public static String basic(User user) {
        return "Basic " + Base64.getEncoder().encodeToString((user.username() + ":" + user.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts an RFC 9457 problem+json answer with that status and no internals in it. */
    public static void assertProblem(HttpResponse<String> response, int status) {
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        JsonNode body = json(response);
        org.assertj.core.api.Assertions.assertThat(body.get("status").asInt()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(body.get("title").asString()).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Registers a user with a fresh random name. */
    public User register() {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return register(name, "Name " + name);
    }

    public User register(String username, String displayName) {
        var response = post("/api/users", Map.of("username", username, "password", "secret-pw-1", "display_name", displayName), null);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration failed: " + response.statusCode() + " " + response.body());
        }
        return new User(json(response).get("userid").asString(), username, "secret-pw-1", displayName);
    }

    public String token(User user) {
        var response = post("/api/auth/token", null, user);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("token").asString();
    }

    /** Creates a room with a fresh random id and returns the id. */
    public String createRoom(User as) {
        String id = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var response = post("/api/rooms", Map.of("id", id, "name", "Room " + id), as);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("room creation failed: " + response.statusCode() + " " + response.body());
        }
        return id;
    }

    /** The room's whole history through REST, paging forward with {@code after} and the largest page. */
    public java.util.List<JsonNode> history(String room, User as) {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            var response = get("/api/rooms/" + room + "/messages?after=" + after + "&limit=200", as);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("history failed: " + response.statusCode() + " " + response.body());
            }
            JsonNode page = json(response);
            for (JsonNode m : page.get("messages")) {
                all.add(m);
                after = m.get("id").asLong();
            }
            if (!page.get("has_more").asBoolean()) {
                return all;
            }
        }
    }

    public String wsUrl(String userid, String token, String extraQuery) {
        StringBuilder url = new StringBuilder("ws://localhost:" + port + "/ws/chat?");
        if (userid != null) {
            url.append("userid=").append(URLEncoder.encode(userid, StandardCharsets.UTF_8)).append('&');
        }
        if (token != null) {
            url.append("token=").append(URLEncoder.encode(token, StandardCharsets.UTF_8)).append('&');
        }
        url.append(extraQuery == null ? "version=test&platform=junit" : extraQuery);
        return url.toString();
    }

    /** Opens a session for the user (fresh token) offering the given subprotocols, and reads the welcome. */
    public WsClient connect(User user, String... protocols) {
        WsClient client = open(wsUrl(user.userid(), token(user), null), Map.of(), protocols);
        JsonNode welcome = client.next();
        if (welcome.path("resp_type").asInt() != 5) {
            throw new IllegalStateException("expected the welcome first, got " + welcome);
        }
        client.welcome = welcome;
        return client;
    }

    /** Opens a connection; throws {@link HandshakeRefused} with the HTTP status when the server refuses. */
    public WsClient open(String url, Map<String, String> headers, String... protocols) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        if (protocols.length > 0) {
            builder.subprotocols(protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
        }
        try {
            client.socket = builder.buildAsync(URI.create(url), client).get(10, TimeUnit.SECONDS);
            return client;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new HandshakeRefused(refused.getResponse().statusCode());
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP status of a handshake: 101 when it opened (the socket is closed again). */
    public int handshakeStatus(String url, Map<String, String> headers, String... protocols) {
        try {
            WsClient client = open(url, headers, protocols);
            client.closeQuietly();
            return 101;
        } catch (HandshakeRefused refused) {
            return refused.status;
        }
    }

    public static final class HandshakeRefused extends RuntimeException {
        public final int status;

        HandshakeRefused(int status) {
            super("handshake refused with " + status);
            this.status = status;
        }
    }
}
