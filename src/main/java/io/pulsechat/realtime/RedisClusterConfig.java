package io.pulsechat.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulsechat.realtime.protocol.FrameEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several nodes as one server, over Redis (the {@code redis} profile): the bus, the cluster hub and the cluster-wide
 * session limit replace their one-node versions.
 */
@Configuration
@Profile("redis")
class RedisClusterConfig {

    /** This node's name in Redis: {@code chat.cluster.node-id}, or a fresh random one per start. */
    @Bean
    NodeName nodeName(@Value("${chat.cluster.node-id:}") String configured) {
        return new NodeName(configured.isBlank() ? UUID.randomUUID().toString().substring(0, 8) : configured);
    }

    record NodeName(String value) {
    }

    @Bean
    RedisKeys redisKeys(@Value("${chat.cluster.key-prefix:pulse:}") String prefix) {
        return new RedisKeys(prefix);
    }

    /**
     * While Redis is away, commands fail at once instead of queueing in memory until it returns (Lettuce's default):
     * nothing waits for it, and nothing piles up during a long outage.
     */
    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastWhileDisconnected() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    /**
     * Reconnects to a Redis that is back within about a second (Lettuce's default backs off up to 30 s): the poll
     * interval is what delivery without Redis costs, so the outage should not outlast Redis by more than that.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectWithinASecond() {
        return builder -> builder.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2,
                TimeUnit.MILLISECONDS));
    }

    /** One listener thread: notes are handled in the order Redis delivers them (the default runs a thread per message). */
    @Bean
    RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory connections) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setTaskExecutor(new TaskExecutorAdapter(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "redis-inbox");
            t.setDaemon(true);
            return t;
        })));
        container.setRecoveryInterval(1000);
        return container;
    }

    @Bean
    RedisLink redisLink(StringRedisTemplate redis, ClusterProperties cluster, ApplicationEventPublisher events, MeterRegistry meters) {
        return new RedisLink(redis, cluster, events, meters);
    }

    @Bean
    PresenceHub hub(FrameEncoder frames, NodeName node) {
        return new PresenceHub(frames, node.value());
    }

    @Bean(destroyMethod = "shutdown")
    RedisBus bus(StringRedisTemplate redis, RedisKeys keys, NodeName node, JsonMapper json, RedisLink link, MeterRegistry meters) {
        return new RedisBus(redis, keys, node.value(), json, link, meters);
    }

    /** Decides presence across the cluster for the hub (which it attaches itself to). */
    @Bean
    RedisPresence redisPresence(PresenceHub hub, RedisBus bus, StringRedisTemplate redis, RedisKeys keys, NodeName node,
                                RedisLink link, ClusterProperties cluster, JsonMapper json) {
        return new RedisPresence(hub, bus, redis, keys, node.value(), link, cluster, json);
    }

    @Bean
    RedisSessionLimit sessionLimit(StringRedisTemplate redis, RedisKeys keys, NodeName node, RedisLink link) {
        return new RedisSessionLimit(redis, keys, node.value(), link);
    }

    @Bean
    RedisInbox redisInbox(RedisMessageListenerContainer container, RedisKeys keys, NodeName node, JsonMapper json, RoomFeed feed,
                          Signals signals, PresenceHub hub, Clock clock, MeterRegistry meters) {
        return new RedisInbox(container, keys, node.value(), json, feed, signals, hub, clock, meters);
    }
}
