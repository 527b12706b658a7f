package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/**
 * Connection tokens travel in the query string; no log line may show one, even with the WebSocket and web
 * layers at DEBUG/TRACE (they log session URIs and request lines).
 */
@ExtendWith(OutputCaptureExtension.class)
@ChatServerTest(properties = {
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.web.socket=TRACE",
        "logging.level.org.springframework.security=DEBUG",
        "logging.level.org.apache.tomcat.websocket=DEBUG",
        "logging.level.io.pulsechat=DEBUG"})
class TokenNeverLoggedTest {

    @LocalServerPort
    int port;

    @Test
    void neitherValidNorRejectedTokensAppearInTheLog(CapturedOutput output) {
        TestApi api = new TestApi(port);
        TestApi.User user = api.register();
        String token = api.token(user);
        WsClient client = api.open(api.wsUrl(user.userid(), token, null), Map.of(), "superchat", "chat");
        client.next();
        client.send(Map.of("req_type", 1, "timestamp", 1));
        client.next();
        client.close();
        client.awaitClose(WsClient.WAIT);

        // every character a token can have, so a mask that stops early (at some letter) is caught every run
        String recognisable = "LEAKCHECK-abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ.0123456789-END";
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), recognisable, null), Map.of(), "chat")).isEqualTo(401);
        // a forged token with a valid shape, and one in a refused origin
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), token + "x", null), Map.of(), "chat")).isEqualTo(401);
        assertThat(api.handshakeStatus(api.wsUrl(user.userid(), recognisable, null), Map.of("Origin", "https://evil.example"), "chat"))
                .isEqualTo(403);

        String log = output.getAll();
        // the layers did log the handshake URLs, with the token masked
        assertThat(log).contains("token=[redacted]");
        assertThat(log).doesNotContain(token);
        assertThat(log).doesNotContain(token.substring(token.lastIndexOf('.') + 1)); // not even the signature
        assertThat(log).doesNotContain(recognisable);
        assertThat(log).doesNotContain("-END"); // not even its tail
    }
}
