package io.pulsechat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where PostgreSQL tests get their database: {@code PULSE_TEST_POSTGRES_URL} (with {@code _USER} and
 * {@code _PASSWORD}) when set, else the local service on 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}, trust auth) when it answers, else a Testcontainers container when Docker runs. Each
 * test class gets a schema of its own. Without any of them the tests are skipped with the reason, except
 * under {@code CI=true}, where a missing PostgreSQL fails them.
 */
public final class PostgresSupport {

    private static String url;
    private static String user;
    private static String password;
    private static String unavailable;

    private PostgresSupport() {
    }

    private static synchronized void resolve() {
        if (url != null || unavailable != null) {
            return;
        }
        String fromEnv = System.getenv("PULSE_TEST_POSTGRES_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            url = fromEnv;
            user = System.getenv().getOrDefault("PULSE_TEST_POSTGRES_USER", "postgres");
            password = System.getenv().getOrDefault("PULSE_TEST_POSTGRES_PASSWORD", "");
            return;
        }
        if (reachable("127.0.0.1", 5432)) {
            url = "jdbc:postgresql://127.0.0.1:5432/test";
            user = "postgres";
            password = "";
            return;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            var container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            url = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
            return;
        }
        unavailable = "PostgreSQL is not available: set PULSE_TEST_POSTGRES_URL, run it on 127.0.0.1:5432 "
                + "(database 'test', user 'postgres'), or start Docker for Testcontainers";
    }

    /** Skips the calling test class when there is no PostgreSQL (fails instead under CI=true). */
    public static void require() {
        resolve();
        if (unavailable != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(unavailable + " (CI=true: PostgreSQL tests must run)");
            }
            Assumptions.abort(unavailable);
        }
    }

    /** Points the Spring context at a fresh schema of the PostgreSQL database. */
    public static void register(DynamicPropertyRegistry registry) {
        freshSchema().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The properties of a fresh schema of the PostgreSQL database, for contexts (nodes) that share it. */
    public static java.util.Map<String, String> freshSchema() {
        require();
        String schema = "pulse_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String separator = url.contains("?") ? "&" : "?";
        return java.util.Map.of(
                "spring.datasource.url", url + separator + "currentSchema=" + schema,
                "spring.datasource.username", user,
                "spring.datasource.password", password,
                "spring.flyway.schemas", schema,
                "spring.flyway.default-schema", schema);
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
