package io.pulsechat.realtime;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;

import io.pulsechat.message.MessageStored;

/**
 * Delivers each committed message to the sessions of this node that joined its room. Runs on the
 * message writer's thread, in id order; only queues frames, never writes to a socket itself. Each
 * frame is encoded once and shared by all recipients.
 */
@Component
class Fanout {

    private final SessionRegistry registry;
    private final Frames frames;
    private final ChatMetrics metrics;
    private final Clock clock;

    Fanout(SessionRegistry registry, Frames frames, ChatMetrics metrics, Clock clock) {
        this.registry = registry;
        this.frames = frames;
        this.metrics = metrics;
        this.clock = clock;
    }

    @EventListener
    void deliver(MessageStored stored) {
        metrics.stored();
        TextMessage text = frames.message(stored.message(), false);
        byte[] inline = stored.inlineBytes() == null ? null : frames.inlineAttachment(stored.message(), stored.inlineBytes());
        long now = clock.millis();
        int count = 0;
        for (ChatSession session : registry.inRoom(stored.message().room())) {
            session.send(text, now);
            count++;
            if (inline != null && session.superchat()) {
                session.send(new BinaryMessage(inline), now);
            }
        }
        metrics.delivered(count);
    }
}
