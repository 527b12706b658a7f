package io.pulsechat.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.pulsechat.PulseChatApplication;
import io.pulsechat.TestApi;

/**
 * The server under test of the browser end-to-end tests, started in this JVM on a fixed port with an H2
 * database in a file, so that it can be stopped and started again on the same port and the logins (Spring
 * Session JDBC), the token signing key and the messages survive the restart.
 */
final class E2EServer implements AutoCloseable {

    /** The client's reconnect delay for the tests (the default is 2 s); the 5 attempts stay as they are. */
    static final Duration RECONNECT_DELAY = Duration.ofMillis(500);
    static final int RECONNECT_ATTEMPTS = 5;

    final int port;
    private final Path databaseFile;
    private volatile ConfigurableApplicationContext context;

    E2EServer(Path dataDirectory) {
        this.port = freePort();
        this.databaseFile = dataDirectory.resolve("db").toAbsolutePath();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://localhost:" + port;
    }

    TestApi api() {
        return new TestApi(port);
    }

    boolean running() {
        ConfigurableApplicationContext current = context;
        return current != null && current.isActive();
    }

    /** Starts the server (again): same port, same database file. */
    synchronized E2EServer start() {
        if (running()) {
            return this;
        }
        // command-line arguments: they win over application-test.properties (which picks an in-memory database)
        context = new SpringApplicationBuilder(PulseChatApplication.class)
                .profiles("test")
                .run("--server.port=" + port,
                        "--spring.datasource.url=jdbc:h2:file:" + databaseFile + ";WRITE_DELAY=0",
                        "--chat.reconnect.delay=" + RECONNECT_DELAY.toMillis() + "ms",
                        "--chat.reconnect.max-attempts=" + RECONNECT_ATTEMPTS,
                        "--spring.main.banner-mode=off");
        return this;
    }

    /** Stops the server the way an operator does (graceful shutdown: the sessions get 1001 first). */
    synchronized void stop() {
        ConfigurableApplicationContext current = context;
        context = null;
        if (current != null) {
            current.close();
        }
    }

    /** {@link #stop()} on another thread, so a test can watch the browser while the server shuts down. */
    CompletableFuture<Void> stopAsync() {
        return CompletableFuture.runAsync(this::stop, task -> new Thread(task, "e2e-server-stop").start());
    }

    @Override
    public void close() {
        stop();
    }
}
