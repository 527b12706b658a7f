package io.pulsechat.realtime;

import org.springframework.stereotype.Component;

import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ProtocolError;
import io.pulsechat.realtime.protocol.ServerFrame;

/** Answers a refused request with a {@code resp_type} 9 frame and counts it ({@code chat.errors{code}}). */
@Component
class Rejections {

    private final FrameEncoder frames;
    private final ChatMetrics metrics;

    Rejections(FrameEncoder frames, ChatMetrics metrics) {
        this.frames = frames;
        this.metrics = metrics;
    }

    void reject(ChatSession session, ProtocolError error, long now) {
        metrics.error(error.code().wire());
        session.send(frames.text(ServerFrame.Error.of(error)), now);
    }
}
