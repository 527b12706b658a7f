package io.pulsechat.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.pulsechat.RedisSupport;
import io.pulsechat.TestApi;

/** A server in a JVM of its own (this test run's classpath), so that a test can kill it with SIGKILL. */
final class ForkedServer implements AutoCloseable {

    final int port = RedisSupport.freePort();
    final Path log;
    private final Process process;

    /** Starts {@code io.pulsechat.PulseChatApplication} with these arguments and waits until its health is UP. */
    ForkedServer(Path dir, String name, List<String> args) throws IOException {
        this.log = dir.resolve(name + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.pulsechat.PulseChatApplication", "--server.port=" + port));
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestApi api = new TestApi(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("server " + name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                var health = api.get("/actuator/health", null);
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server " + name + " not UP within 120 s:\n" + tail());
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling for a process to start
        }
    }

    TestApi api() {
        return new TestApi(port);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL: no goodbye to anyone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
