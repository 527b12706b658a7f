package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulsechat.MutableClock;
import io.pulsechat.realtime.protocol.FrameEncoder;

/** The keeper's rounds with a clock the test moves: downstream heartbeats, the 4000 close, the 1001 at shutdown. */
class SessionKeeperTest {

    final MutableClock clock = new MutableClock(1_000_000);
    final SessionRegistry registry = new SessionRegistry();
    final HeartbeatProperties heartbeat = new HeartbeatProperties(Duration.ofSeconds(55), Duration.ofSeconds(70),
            Duration.ofSeconds(25), Duration.ofSeconds(90));
    final SessionKeeper keeper = new SessionKeeper(registry, new FrameEncoder(PresenceHubTest.JSON), heartbeat,
            new ChatMetrics(new SimpleMeterRegistry()), clock);

    FakeWebSocketSession connect() {
        var socket = new FakeWebSocketSession("chat");
        registry.add(Sessions.session(socket, Sessions.user("u"), Sessions.INLINE, Sessions.limits(DataSize.ofMegabytes(1)), clock.millis()));
        return socket;
    }

    @Test
    void heartbeatsAfterTheIntervalAndTheCloseAfterTheTimeout() {
        FakeWebSocketSession socket = connect();
        clock.advance(Duration.ofSeconds(25).minusMillis(1));
        keeper.tick();
        assertThat(socket.written).isEmpty();
        clock.advance(Duration.ofMillis(1));
        keeper.tick();
        assertThat(socket.texts()).hasSize(1);
        assertThat(PresenceHubTest.JSON.readTree(socket.texts().get(0)).get("resp_type").asInt()).isEqualTo(8);
        clock.advance(Duration.ofSeconds(65).minusMillis(1));
        keeper.tick();
        assertThat(socket.closeStatus()).isNull();
        clock.advance(Duration.ofMillis(1));
        keeper.tick();
        assertThat(socket.closeStatus().getCode()).isEqualTo(4000);
    }

    @Test
    void aFrameFromTheClientPostponesTheTimeout() {
        FakeWebSocketSession socket = connect();
        clock.advance(Duration.ofSeconds(80));
        registry.get(socket.getId()).received(clock.millis());
        clock.advance(Duration.ofSeconds(80));
        keeper.tick();
        assertThat(socket.closeStatus()).isNull();
        clock.advance(Duration.ofSeconds(10));
        keeper.tick();
        assertThat(socket.closeStatus().getCode()).isEqualTo(4000);
    }

    @Test
    void stoppingClosesEverySessionWith1001() {
        FakeWebSocketSession one = connect();
        FakeWebSocketSession two = connect();
        keeper.start();
        keeper.stop();
        assertThat(one.closeStatus().getCode()).isEqualTo(1001);
        assertThat(two.closeStatus().getCode()).isEqualTo(1001);
    }
}
