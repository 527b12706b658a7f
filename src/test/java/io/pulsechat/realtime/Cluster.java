package io.pulsechat.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.pulsechat.PostgresSupport;
import io.pulsechat.PulseChatApplication;
import io.pulsechat.RedisSupport;
import io.pulsechat.TestApi;

/**
 * Nodes of one cluster in this JVM: application contexts on random ports with the {@code redis} profile, one
 * PostgreSQL schema, one Redis (under a key prefix of this cluster's own), one token secret.
 */
final class Cluster implements AutoCloseable {

    final Map<String, String> shared = new LinkedHashMap<>();
    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    Cluster(String redisHost, int redisPort, Map<String, String> extra) {
        shared.putAll(PostgresSupport.freshSchema());
        shared.put("spring.data.redis.host", redisHost);
        shared.put("spring.data.redis.port", String.valueOf(redisPort));
        shared.put("chat.cluster.key-prefix", RedisSupport.freshPrefix());
        shared.put("chat.auth.secret", "cluster-test-secret-of-at-least-32-bytes!");
        shared.put("spring.main.banner-mode", "off");
        shared.put("logging.level.org.springframework", "WARN");
        shared.put("logging.level.org.flywaydb", "WARN");
        shared.put("logging.level.com.zaxxer", "WARN");
        shared.putAll(extra);
    }

    /** Starts another node; nodes start one after the other (the first migrates the schema). */
    ConfigurableApplicationContext start(String name) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--chat.cluster.node-id=" + name);
        shared.forEach((key, value) -> args.add("--" + key + "=" + value));
        var context = new SpringApplicationBuilder(PulseChatApplication.class).profiles("redis").run(args.toArray(String[]::new));
        nodes.add(context);
        return context;
    }

    static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    static TestApi api(ConfigurableApplicationContext node) {
        return new TestApi(port(node));
    }

    @Override
    public void close() {
        for (var node : nodes) {
            if (node.isActive()) {
                node.close();
            }
        }
    }
}
