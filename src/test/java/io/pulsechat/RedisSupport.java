package io.pulsechat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * Where cluster tests get Redis: {@code PULSE_TEST_REDIS_HOST}/{@code _PORT} when set, else the local service on
 * 127.0.0.1:6379. Tests never flush or stop that shared Redis: each run uses keys and channels under a prefix of
 * its own. An outage test starts a {@link Server} of its own and kills that. Without Redis the tests are skipped
 * with the reason, except under {@code CI=true}, where they fail.
 */
public final class RedisSupport {

    private RedisSupport() {
    }

    public static String host() {
        return System.getenv().getOrDefault("PULSE_TEST_REDIS_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("PULSE_TEST_REDIS_PORT", "6379"));
    }

    /** Skips (fails under CI=true) when the shared Redis does not answer. */
    public static void require() {
        if (!reachable(host(), port())) {
            fail("Redis is not available on " + host() + ":" + port() + " (set PULSE_TEST_REDIS_HOST/_PORT or start it:"
                    + " redis-server --daemonize yes)");
        }
    }

    /** A key prefix no other run uses. */
    public static String freshPrefix() {
        return "pulse-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    static void fail(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason + " (CI=true: cluster tests must run)");
        }
        Assumptions.abort(reason);
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A redis-server of a test's own, on a free port, keeping nothing on disk: it can be killed and started again. */
    public static final class Server implements AutoCloseable {

        public final int port;
        private Process process;

        public Server() {
            this(freePort());
        }

        /** On a given port: a Redis started again where the one before was killed. */
        public Server(int port) {
            this.port = port;
        }

        public Server start() {
            Path binary = ExternalTool.require("redis-server", "apt-get install -y redis-server", "/usr/bin/redis-server", "redis-server");
            try {
                process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!reachable("127.0.0.1", port)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("redis-server did not start on port " + port);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // polling for a process to start
            }
            return this;
        }

        /** SIGKILL: no goodbye, like a crashed or unplugged Redis. */
        public void kill() {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            kill();
        }
    }
}
