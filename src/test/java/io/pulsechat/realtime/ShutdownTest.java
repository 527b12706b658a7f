package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.pulsechat.PulseChatApplication;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/** Graceful shutdown closes every session with 1001 before the server stops (docs/protocol.md section 7). */
class ShutdownTest {

    ConfigurableApplicationContext server;

    @AfterEach
    void tearDown() {
        if (server != null && server.isActive()) {
            server.close();
        }
    }

    @Test
    void closingTheServerClosesEverySessionWith1001() {
        server = new SpringApplicationBuilder(PulseChatApplication.class).profiles("test")
                .properties("server.port=0").run();
        int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        TestApi api = new TestApi(port);
        TestApi.User alice = api.register();
        TestApi.User bob = api.register();
        String room = api.createRoom(alice);
        WsClient a = api.connect(alice, "chat");
        WsClient b = api.connect(bob, "superchat");
        WsClient idle = api.connect(bob, "chat");
        a.join(room);
        b.join(room);
        String id = cmid();
        a.sendMessage(room, "before the shutdown", id);
        a.await(ack(id));

        long started = System.nanoTime();
        server.close();
        System.out.printf("ShutdownTest: the server stopped in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        for (WsClient client : List.of(a, b, idle)) {
            WsClient.Close close = client.awaitClose(Duration.ofSeconds(15));
            assertThat(close.code()).as("close of %s", client.sessionId()).isEqualTo(1001);
        }
        assertThatThrownBy(() -> api.connect(alice, "chat")).as("no new connections").isInstanceOf(RuntimeException.class);
    }
}
