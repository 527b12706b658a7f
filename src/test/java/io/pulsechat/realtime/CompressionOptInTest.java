package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/** With {@code chat.websocket.compression=true} a client's permessage-deflate offer is taken up, and chat works over it. */
@ChatServerTest(properties = "chat.websocket.compression=true")
class CompressionOptInTest {

    @LocalServerPort
    int port;

    @Test
    void theOfferIsAcceptedWhenCompressionIsOn() throws Exception {
        TestApi api = new TestApi(port);
        TestApi.User user = api.register();
        List<String> head = HandshakeTest.upgradeOfferingDeflate(api.wsUrl(user.userid(), api.token(user), null));
        assertThat(head.get(0)).startsWith("http/1.1 101");
        assertThat(head).anyMatch(h -> h.startsWith("sec-websocket-extensions: permessage-deflate"));

        WsClient client = api.connect(user, "chat");
        client.join("lobby");
        client.close();
    }
}
