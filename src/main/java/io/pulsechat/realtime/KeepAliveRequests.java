package io.pulsechat.realtime;

import org.springframework.stereotype.Component;

import io.pulsechat.realtime.protocol.ClientRequest.Heartbeat;
import io.pulsechat.realtime.protocol.ClientRequest.Ping;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame;

/** req_type 1 (ping, for round-trip times) and 8 (the seed's heartbeat). */
@Component
class KeepAliveRequests {

    private final FrameEncoder frames;

    KeepAliveRequests(FrameEncoder frames) {
        this.frames = frames;
    }

    void ping(ChatSession session, Ping ping, long now) {
        session.send(frames.text(new ServerFrame.Pong(ping.timestamp(), now)), now);
    }

    void heartbeat(ChatSession session, Heartbeat heartbeat, long now) {
        session.send(frames.text(new ServerFrame.Heartbeat(heartbeat.reqNo(), now)), now);
    }
}
