package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.pulsechat.ChatServerTest;
import io.pulsechat.MutableClock;
import io.pulsechat.TestClockConfig;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * Per-session limits with the default rates (10 sends/s, burst 20, 100 refusals a minute close with 1008), frame
 * size limits (text 64 KiB, binary {@code chat.attachments.max-size}, here 1 MB to keep it cheap: 1009) and
 * 1007 for a text frame that is not UTF-8 (docs/protocol.md sections 5 and 7).
 */
@ChatServerTest(properties = "chat.attachments.max-size=1MB")
@Import(TestClockConfig.class)
class LimitsTest extends ChatFixture {

    /** Stands still unless moved: the rate limiter sees exactly the time the test gives it. */
    @Autowired
    MutableClock clock;

    static final int MAX_SIZE = 1024 * 1024;

    WsClient connect(String protocol) {
        return connectAndJoin(alice, protocol);
    }

    @Test
    void sendingFasterThanTheRateIsRateLimitedAndOnlyAckedMessagesAreStored() {
        WsClient a = connect("chat");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "rate-" + i;
            ids.add(id);
            a.sendMessage(room, "fast " + i, id);
        }
        Map<String, Long> acked = new HashMap<>();
        List<String> refused = new ArrayList<>();
        while (acked.size() + refused.size() < 40) {
            JsonNode answer = a.await(type(4).or(type(9)));
            if (answer.get("resp_type").asInt() == 4) {
                acked.put(answer.get("client_msg_id").asString(), answer.get("id").asLong());
            } else {
                assertThat(answer.get("code").asString()).isEqualTo("rate_limited");
                assertThat(answer.get("req_type").asInt()).isEqualTo(2);
                assertThat(answer.get("message").asString()).isNotBlank();
                refused.add(answer.get("client_msg_id").asString());
            }
        }
        assertThat(acked.size()).as("the burst is accepted").isGreaterThanOrEqualTo(20);
        assertThat(refused).as("some were over the rate").isNotEmpty();
        assertThat(refused).doesNotContainAnyElementsOf(acked.keySet());
        List<JsonNode> history = api.history(room, alice);
        Map<String, Long> stored = new HashMap<>();
        history.forEach(m -> stored.put(m.get("client_msg_id").asString(), m.get("id").asLong()));
        assertThat(stored).isEqualTo(acked);

        assertThat(acked).as("the clock stood still: exactly the burst").hasSize(20);

        // a refused message may be sent again (same client_msg_id) once the rate allows: 10 per second
        String retry = refused.get(0);
        clock.advance(Duration.ofMillis(99));
        a.sendMessage(room, "again", retry);
        assertThat(a.await(type(4).or(type(9))).get("code").asString()).isEqualTo("rate_limited");
        clock.advance(Duration.ofMillis(1));
        a.sendMessage(room, "again", retry);
        JsonNode answer = a.await(type(4).or(type(9)));
        assertThat(answer.get("resp_type").asInt()).isEqualTo(4);
        assertThat(answer.get("client_msg_id").asString()).isEqualTo(retry);
    }

    @Test
    void persistentAbuseClosesWith1008() {
        WsClient a = connect("chat");
        // one at a time, each answered before the next, so every refusal is counted
        int refusals = 0;
        int accepted = 0;
        for (int i = 0; i < 300 && a.closedOrNull() == null; i++) {
            a.sendMessage(room, "spam " + i, "spam-" + i);
            JsonNode answer = null;
            while (answer == null && a.closedOrNull() == null) {
                if (a.pollOrNull(Duration.ofMillis(20)) instanceof JsonNode f && (ack("spam-" + i).test(f) || type(9).test(f))) {
                    answer = f;
                }
            }
            if (answer != null && answer.get("resp_type").asInt() == 4) {
                accepted++;
            } else if (answer != null) {
                assertThat(answer.get("code").asString()).isEqualTo("rate_limited");
                refusals++;
            }
        }
        WsClient.Close close = a.awaitClose(Duration.ofSeconds(10));
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).isNotBlank();
        // the 100th refusal within the minute is answered by the close
        assertThat(refusals).isEqualTo(99);
        assertThat(accepted).isEqualTo(20);
        assertThat(api.history(room, alice)).hasSize(accepted);
        // the user may connect again
        WsClient again = connect("chat");
        String id = cmid();
        again.sendMessage(room, "after the abuse", id);
        again.await(ack(id));
    }

    @Test
    void everyAckQueuedBeforeThe1008GoesOutBeforeTheClose() {
        WsClient a = connect("chat");
        // a burst without waiting: the first 20 are accepted, 100 refusals in a row close the session
        for (int i = 0; i < 130; i++) {
            try {
                a.sendMessage(room, "burst " + i, "burst-" + i);
            } catch (RuntimeException closed) {
                break; // the server closed while we were still sending
            }
        }
        assertThat(a.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1008);
        List<JsonNode> before = Wire.texts(a.drain());
        List<String> acked = before.stream().filter(type(4)).map(f -> f.get("client_msg_id").asString()).toList();
        List<String> stored = api.history(room, alice).stream().map(m -> m.get("client_msg_id").asString()).toList();
        assertThat(stored).hasSize(20);
        assertThat(acked).as("an ack for every stored message, before the close").containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void aTextFrameOver64KiBClosesWith1009() {
        WsClient a = connect("chat");
        // exactly 64 KiB is allowed (the text inside is too long, so it is refused as a request)
        a.sendText(paddedFrame(64 * 1024, "x"));
        JsonNode refused = a.await(type(9));
        assertThat(refused.get("code").asString()).isEqualTo("bad_request");

        a.sendText(paddedFrame(64 * 1024 + 1, "x"));
        assertThat(a.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1009);
    }

    @Test
    void theTextLimitCountsBytesNotCharacters() {
        WsClient a = connect("chat");
        // 3-byte characters: about 22 000 characters, 64 KiB + 2 bytes
        String frame = paddedFrame(64 * 1024 + 2, "中");
        assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(64 * 1024);
        a.sendText(frame);
        assertThat(a.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1009);
    }

    /** A send frame of exactly {@code bytes} UTF-8 bytes, its text padded with {@code pad}. */
    static String paddedFrame(int bytes, String pad) {
        String empty = "{\"req_type\":2,\"room\":\"r\",\"client_msg_id\":\"big\",\"text\":\"\"}";
        int room = bytes - empty.getBytes(StandardCharsets.UTF_8).length;
        int padBytes = pad.getBytes(StandardCharsets.UTF_8).length;
        String text = pad.repeat(room / padBytes) + "y".repeat(room % padBytes);
        String frame = empty.replace("\"text\":\"\"", "\"text\":\"" + text + "\"");
        assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isEqualTo(bytes);
        return frame;
    }

    static byte[] attachment(String room, String clientMsgId, int size) {
        byte[] header = TestApi.JSON.writeValueAsBytes(Map.of("room", room, "name", "big.bin", "client_msg_id", clientMsgId));
        return ByteBuffer.allocate(4 + header.length + size).putInt(header.length).put(header).put(new byte[size]).array();
    }

    @Test
    void anAttachmentOfTheMaximumSizeIsStoredAndOneByteMoreClosesWith1009() {
        WsClient a = connect("superchat");
        String id = cmid();
        a.sendBinary(attachment(room, id, MAX_SIZE));
        JsonNode answer = a.await(ack(id).or(type(9)));
        assertThat(answer.get("resp_type").asInt()).isEqualTo(4);

        WsClient b = connect("superchat");
        b.sendBinary(attachment(room, cmid(), MAX_SIZE + 1));
        assertThat(b.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1009);
        assertThat(api.history(room, alice)).hasSize(1);
    }

    @Test
    void aBinaryFrameFarOverTheLimitClosesWith1009() {
        WsClient a = connect("superchat");
        try {
            a.sendBinary(attachment(room, cmid(), 3 * MAX_SIZE));
        } catch (RuntimeException closedWhileSending) {
            // the server may close before the whole frame is written
        }
        assertThat(a.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1009);
        assertThat(api.history(room, alice)).isEmpty();
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesWith1007() throws IOException {
        // the JDK client cannot send broken UTF-8, so this one speaks the protocol over a plain socket
        String token = api.token(alice);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
            String path = api.wsUrl(alice.userid(), token, null).substring(("ws://localhost:" + port).length());
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String status = readHeaders(in);
            assertThat(status).startsWith("HTTP/1.1 101");
            // the welcome first, as a real client would wait for it
            assertThat(in.readUnsignedByte()).isEqualTo(0x81);
            int welcomeLength = in.readUnsignedByte();
            in.readNBytes(welcomeLength == 126 ? in.readUnsignedShort() : welcomeLength);

            byte[] payload = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            byte[] mask = {1, 2, 3, 4};
            ByteBuffer frame = ByteBuffer.allocate(2 + 4 + payload.length);
            frame.put((byte) 0x81).put((byte) (0x80 | payload.length)).put(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.put((byte) (payload[i] ^ mask[i % 4]));
            }
            out.write(frame.array());
            out.flush();

            // skip any other server frames until the close frame
            while (true) {
                int first = in.readUnsignedByte();
                int len = in.readUnsignedByte() & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = (int) in.readLong();
                }
                byte[] body = in.readNBytes(len);
                if ((first & 0x0F) == 0x8) {
                    assertThat(((body[0] & 0xFF) << 8) | (body[1] & 0xFF)).isEqualTo(1007);
                    return;
                }
            }
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.append((char) b);
        }
        return headers.toString();
    }
}
