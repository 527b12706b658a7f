package io.pulsechat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pulse as the benchmark runs it: the packaged jar in its own process, default JVM settings, the default durable
 * H2 file database ({@code WRITE_DELAY=0}) in a fresh temporary directory. Two settings differ from the shipped
 * defaults, both so the tool need not register 19,000 accounts (a BCrypt hash each): a user may hold
 * {@value #SESSIONS_PER_USER} sessions, and tokens live 2 hours, so each user's token is fetched once. Users are
 * registered and their tokens fetched before any measurement; the handshakes measured are the WebSocket
 * upgrade with a pre-fetched token (the token check included, the token fetch not).
 */
final class PulseTarget implements Target {

    static final int SESSIONS_PER_USER = 1000;
    /**
     * Where the bench server differs from the defaults, and why: 40 users hold every connection (19,000 accounts
     * would cost 19,000 BCrypt hashes), their tokens are fetched once, and the chat mix creates 1,000 rooms.
     */
    static final List<String> SETTINGS = List.of("--chat.limits.sessions-per-user=" + SESSIONS_PER_USER,
            "--chat.auth.token-ttl=2h", "--chat.limits.rooms-per-hour=100000");
    static final String PASSWORD = "bench-password-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final long pid;
    private final ServerProcess process;
    private final Path workDir;
    private final String description;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String[]> users = new ArrayList<>(); // {userid, token}

    private PulseTarget(int port, long pid, ServerProcess process, Path workDir, String description) {
        this.port = port;
        this.pid = pid;
        this.process = process;
        this.workDir = workDir;
        this.description = description;
    }

    /** Starts the jar and waits until it is ready. */
    static PulseTarget start(Path jar, List<String> jvmArgs, List<String> appArgs, Path log) throws InterruptedException {
        Path dir;
        try {
            dir = Files.createTempDirectory("pulse-bench-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(ServerProcess.java());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
                "--server.address=127.0.0.1"));
        command.addAll(SETTINGS);
        command.addAll(appArgs);
        ServerProcess process = ServerProcess.start("pulse", command, dir, log);
        var target = new PulseTarget(port, process.pid(), process, dir,
                "`java " + String.join(" ", jvmArgs) + (jvmArgs.isEmpty() ? "" : " ") + "-jar " + jar.getFileName()
                        + " " + String.join(" ", SETTINGS)
                        + (appArgs.isEmpty() ? "" : " " + String.join(" ", appArgs)) + "` (H2 file database, WRITE_DELAY=0)");
        target.awaitReady(process);
        return target;
    }

    /** A server already running (the smoke test's, in the test's own JVM). */
    static PulseTarget attach(int port, long pid) {
        return new PulseTarget(port, pid, null, null, "in-process test server on port " + port);
    }

    private void awaitReady(ServerProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("Pulse exited during startup; see its log");
            }
            try {
                if (get("/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Pulse not ready within 3 minutes");
    }

    /** Registers {@code count} users and fetches a token for each (in parallel, a few at a time). */
    void prepareUsers(int count, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String[]>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String username = prefix + "_" + i;
                futures.add(pool.submit(() -> {
                    var created = post("/api/users", JSON.writeValueAsString(java.util.Map.of("username", username,
                            "password", PASSWORD, "display_name", "Bench " + username)), null);
                    if (created.statusCode() != 201) {
                        throw new IllegalStateException("registration failed: " + created.statusCode() + " " + created.body());
                    }
                    String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                    var token = post("/api/auth/token", null, basic);
                    if (token.statusCode() != 200) {
                        throw new IllegalStateException("token failed: " + token.statusCode() + " " + token.body());
                    }
                    JsonNode body = JSON.readTree(token.body());
                    return new String[] {body.get("userid").asString(), body.get("token").asString()};
                }));
            }
            for (Future<String[]> f : futures) {
                users.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String name() {
        return "Pulse";
    }

    @Override
    public URI uri(int i) {
        String[] user = users.get(i % users.size());
        return URI.create("ws://127.0.0.1:" + port + "/ws/chat?userid=" + URLEncoder.encode(user[0], StandardCharsets.UTF_8)
                + "&token=" + URLEncoder.encode(user[1], StandardCharsets.UTF_8) + "&version=bench&platform=bench");
    }

    @Override
    public void createRooms(Collection<String> rooms) {
        String bearer = "Bearer " + users.get(0)[1];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String room : rooms) {
                futures.add(pool.submit(() -> {
                    var response = post("/api/rooms", "{\"id\":\"" + room + "\",\"name\":\"" + room + "\"}", bearer);
                    if (response.statusCode() != 201 && response.statusCode() != 409) {
                        throw new IllegalStateException("room " + room + ": " + response.statusCode() + " " + response.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public boolean acks() {
        return true;
    }

    @Override
    public Memory memory() {
        long heap = ServerProcess.javaHeapAfterGc(pid);
        try {
            Thread.sleep(1000); // the full GC shrinks the heap: let the uncommitted memory leave the RSS first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Memory(heap, ServerProcess.rss(pid));
    }

    @Override
    public String describe() {
        return description;
    }

    long pid() {
        return pid;
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    private HttpResponse<String> post(String path, String json, String authorization) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        } else {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        }
        return send(builder);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return http.send(builder.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is harmless
            }
        }
    }
}
