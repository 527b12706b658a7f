package io.pulsechat.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulsechat.message.MessageChanged;
import io.pulsechat.message.MessageStored;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the other nodes publish, handed to this node's feed, signals and hub. The listener container runs every
 * message on one thread, in the order Redis delivered them (see {@link RedisClusterConfig}); a node's own notes
 * come back too and are skipped (it delivered them itself).
 */
class RedisInbox implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(RedisInbox.class);

    private final RedisKeys keys;
    private final String node;
    private final JsonMapper json;
    private final RoomFeed feed;
    private final Signals signals;
    private final PresenceHub hub;
    private final Clock clock;
    private final Counter received;

    RedisInbox(RedisMessageListenerContainer container, RedisKeys keys, String node, JsonMapper json, RoomFeed feed,
               Signals signals, PresenceHub hub, Clock clock, MeterRegistry meters) {
        this.keys = keys;
        this.node = node;
        this.json = json;
        this.feed = feed;
        this.signals = signals;
        this.hub = hub;
        this.clock = clock;
        this.received = Counter.builder("chat.cluster.received").description("notes received from the other nodes").register(meters);
        container.addMessageListener(this, java.util.List.of(new ChannelTopic(keys.changes()), new ChannelTopic(keys.signals()),
                new ChannelTopic(keys.presence())));
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        try {
            if (channel.equals(keys.changes())) {
                var note = json.readValue(body, RedisBus.ChangeNote.class);
                if (!node.equals(note.node())) {
                    received.increment();
                    byte[] inline = note.inline() == null ? null : Base64.getDecoder().decode(note.inline());
                    feed.received(note.created() ? new MessageStored(note.message(), inline) : new MessageChanged(note.message()), inline);
                }
            } else if (channel.equals(keys.signals())) {
                var note = json.readValue(body, RedisBus.SignalNote.class);
                if (!node.equals(note.node())) {
                    received.increment();
                    signals.carryOut(note.signal());
                }
            } else if (channel.equals(keys.presence())) {
                var note = json.readValue(body, PresenceNote.class);
                if (!node.equals(note.node())) {
                    received.increment();
                    hub.received(note, clock.millis());
                }
            }
        } catch (RuntimeException e) {
            log.error("a note on {} could not be handled", channel, e);
        }
    }
}
