package io.pulsechat.realtime;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Micrometer meters: {@code chat.sessions.open} by protocol and platform, {@code chat.messages.stored},
 * {@code chat.frames.delivered} and {@code chat.errors} by code.
 */
@Component
class ChatMetrics {

    private final MeterRegistry meters;
    private final Counter stored;
    private final Counter delivered;
    private final MultiGauge openSessions;

    ChatMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.stored = Counter.builder("chat.messages.stored").description("messages stored").register(meters);
        this.delivered = Counter.builder("chat.frames.delivered").description("message frames queued to sessions").register(meters);
        this.openSessions = MultiGauge.builder("chat.sessions.open").description("open WebSocket sessions").register(meters);
    }

    void stored() {
        stored.increment();
    }

    void delivered(int frames) {
        delivered.increment(frames);
    }

    void duplicate() {
        meters.counter("chat.feed.duplicates").increment();
    }

    /** A gap in a room's revisions filled from the database, with that many messages. */
    void gapFilled(int messages) {
        meters.counter("chat.feed.gap.fills").increment();
        meters.counter("chat.feed.gap.messages").increment(messages);
    }

    /** A room found behind the database by the periodic check (a lost tail, or the bus was down). */
    void caughtUp() {
        meters.counter("chat.feed.catchups").increment();
    }

    void error(String code) {
        meters.counter("chat.errors", "code", code).increment();
    }

    /** Recounts open sessions by protocol and platform (called by the heartbeat ticker). */
    void sessions(Iterable<ChatSession> sessions) {
        Map<List<String>, Long> counts = new java.util.HashMap<>();
        for (ChatSession s : sessions) {
            counts.merge(List.of(s.protocol(), s.platform().isEmpty() ? "unknown" : s.platform()), 1L, Long::sum);
        }
        openSessions.register(counts.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("protocol", e.getKey().get(0), "platform", e.getKey().get(1)), e.getValue()))
                .collect(Collectors.toList()), true);
    }
}
