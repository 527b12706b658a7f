package io.pulsechat.realtime;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;

import io.pulsechat.message.MessageStored;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame;

/**
 * Delivers each committed message to this node's sessions subscribed to its room. Runs on the message writer's
 * thread, in id order; only queues frames, never writes to a socket itself. Each frame is encoded once and shared.
 */
@Component
class RoomDelivery {

    private final Hub hub;
    private final FrameEncoder frames;
    private final ChatMetrics metrics;
    private final Clock clock;

    RoomDelivery(Hub hub, FrameEncoder frames, ChatMetrics metrics, Clock clock) {
        this.hub = hub;
        this.frames = frames;
        this.metrics = metrics;
        this.clock = clock;
    }

    @EventListener
    void deliver(MessageStored stored) {
        metrics.stored();
        var frame = new ServerFrame.Message(stored.message(), null);
        TextMessage text = frames.text(frame);
        byte[] inline = stored.inlineBytes() == null ? null : frames.binary(frame, stored.inlineBytes());
        long now = clock.millis();
        int count = 0;
        for (ChatSession session : hub.subscribers(stored.message().room())) {
            session.send(text, now);
            count++;
            if (inline != null && session.superchat()) {
                session.send(new BinaryMessage(inline), now);
            }
        }
        metrics.delivered(count);
    }
}
