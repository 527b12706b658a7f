package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * The ack promises durability: a server JVM (H2 in file mode, WRITE_DELAY=0) is killed with SIGKILL in the
 * middle of traffic with many messages in flight, restarted on the same database, and every acknowledged
 * message is in history under the id its ack gave; ids strictly increase, nothing is duplicated.
 */
class CrashDurabilityTest {

    static final int IN_FLIGHT = 200;
    static final int KILL_AFTER_ACKS = 400;

    @TempDir
    Path dir;

    final List<Process> servers = new ArrayList<>();
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        for (Process p : servers) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts a server JVM on the test's database and waits until its health is UP. */
    Process start(int port, String name) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve(name + ".log");
        var builder = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.pulsechat.PulseChatApplication",
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0",
                "--chat.limits.sends-per-second=100000", "--chat.limits.send-burst=100000")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        servers.add(process);
        TestApi api = new TestApi(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("server " + name + " exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                var health = api.get("/actuator/health", null);
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server " + name + " not UP within 90 s:\n" + tail(log));
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling a process that starts
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Test
    void everyAckedMessageSurvivesKillMinus9() throws Exception {
        int port = freePort();
        Process first = start(port, "first");
        TestApi api = new TestApi(port);
        TestApi.User user = api.register();
        String room = api.createRoom(user);
        WsClient client = api.connect(user, "chat");
        client.join(room);

        Map<String, Long> acked = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        Future<?> reading = threads.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Object frame = client.pollOrNull(Duration.ofMillis(100));
                if (frame instanceof JsonNode f && f.path("resp_type").asInt() == 4) {
                    Long before = acked.put(f.get("client_msg_id").asString(), f.get("id").asLong());
                    assertThat(before).as("one ack per message").isNull();
                } else if (frame instanceof JsonNode f && f.path("resp_type").asInt() == 9) {
                    throw new AssertionError("error frame: " + f);
                } else if (frame == null && client.closedOrNull() != null) {
                    return null;
                }
            }
            return null;
        });
        long started = System.nanoTime();
        Future<?> sending = threads.submit(() -> {
            try {
                while (client.closedOrNull() == null) {
                    if (sent.get() - acked.size() >= IN_FLIGHT) {
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                        continue;
                    }
                    int n = sent.getAndIncrement();
                    client.sendMessage(room, "durable " + n, "d-" + n);
                }
                return null;
            } catch (RuntimeException serverGone) {
                return null;
            }
        });
        org.awaitility.Awaitility.await("acks arriving").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    assertThat(reading.isDone()).as("reader still running").isFalse();
                    return acked.size() >= KILL_AFTER_ACKS;
                });
        first.destroyForcibly(); // SIGKILL
        long killedAt = System.nanoTime();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int ackedBeforeKill = acked.size();
        int sentBeforeKill = sent.get();
        System.out.printf("CrashDurabilityTest: %d acked of %d sent when killed; durable (H2 file, WRITE_DELAY=0) rate %.0f acked messages/s"
                + " with one sender and up to %d in flight%n", ackedBeforeKill, sentBeforeKill,
                ackedBeforeKill / ((killedAt - started) / 1e9), IN_FLIGHT);
        sending.get(10, TimeUnit.SECONDS);
        client.awaitClose(Duration.ofSeconds(10));
        reading.get(10, TimeUnit.SECONDS);
        Map<String, Long> promised = new HashMap<>(acked);

        int port2 = freePort();
        start(port2, "second");
        TestApi api2 = new TestApi(port2);
        List<JsonNode> history = api2.history(room, user);
        Map<String, Long> stored = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long last = 0;
        for (JsonNode m : history) {
            long id = m.get("id").asLong();
            assertThat(id).as("ids strictly increase").isGreaterThan(last);
            last = id;
            String cmid = m.get("client_msg_id").asString();
            assertThat(seen.add(cmid)).as("no duplicate of %s", cmid).isTrue();
            stored.put(cmid, id);
        }
        System.out.printf("CrashDurabilityTest: after the restart history has %d messages: %d acked + %d stored without an ack%n",
                stored.size(), promised.size(), stored.size() - promised.size());
        Map<String, Long> lostOrMoved = new java.util.TreeMap<>();
        promised.forEach((cmid, id) -> {
            if (!id.equals(stored.get(cmid))) {
                lostOrMoved.put(cmid, id);
            }
        });
        assertThat(lostOrMoved).as("acked messages missing from history or under another id (of %d acked)", promised.size()).isEmpty();
        assertThat(stored.size()).isLessThanOrEqualTo(sentBeforeKill);

        // the restarted server continues the ids and still knows every client_msg_id
        WsClient again = api2.connect(user, "chat");
        try {
            again.join(room);
            String anyAcked = promised.keySet().iterator().next();
            again.sendMessage(room, "resent", anyAcked);
            assertThat(again.await(Wire.ack(anyAcked)).get("id").asLong()).isEqualTo(promised.get(anyAcked));
            again.sendMessage(room, "after the restart", "after-restart");
            assertThat(again.await(Wire.ack("after-restart")).get("id").asLong()).isGreaterThan(last);
        } finally {
            again.closeQuietly();
        }
    }
}
