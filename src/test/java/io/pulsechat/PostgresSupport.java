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
        created(schema);
        return schema(schema);
    }

    /** The properties of the named schema (Flyway creates it if missing); it is not dropped when the JVM ends. */
    public static java.util.Map<String, String> schema(String schema) {
        require();
        String separator = url.contains("?") ? "&" : "?";
        return java.util.Map.of(
                "spring.datasource.url", url + separator + "currentSchema=" + schema,
                "spring.datasource.username", user,
                "spring.datasource.password", password,
                "spring.flyway.schemas", schema,
                "spring.flyway.default-schema", schema);
    }

    private static final java.util.List<String> CREATED = new java.util.ArrayList<>();

    /** Remembers a schema of this run; the first one registers the clean-up when the test JVM ends. */
    private static synchronized void created(String schema) {
        if (CREATED.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresSupport::dropCreated, "pulse-test-schemas"));
        }
        CREATED.add(schema);
    }

    /**
     * Drops the schemas this run made (only those, never anything else of the shared database). A schema that holds an
     * extension (pg_trgm is installed in the first schema that migrates on an empty database) is kept: dropping it
     * would drop the extension other schemas' indexes use. Locks are waited for briefly, never for long.
     */
    private static synchronized void dropCreated() {
        try (var connection = java.sql.DriverManager.getConnection(url, user, password);
             var statement = connection.createStatement()) {
            statement.execute("set lock_timeout = '2s'");
            for (String schema : CREATED) {
                try (var holdsExtension = statement.executeQuery("select 1 from pg_extension e join pg_namespace n"
                        + " on n.oid = e.extnamespace where n.nspname = '" + schema + "'")) {
                    if (holdsExtension.next()) {
                        continue;
                    }
                }
                try {
                    statement.execute("drop schema if exists " + schema + " cascade");
                } catch (java.sql.SQLException busy) {
                    // still in use or locked: left for a later run's eyes, not worth holding the JVM's exit
                }
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            // the database went away first: nothing to clean
        }
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
