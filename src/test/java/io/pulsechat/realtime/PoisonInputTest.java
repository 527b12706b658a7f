package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.pong;
import static io.pulsechat.realtime.Wire.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * Text that is not well-formed Unicode (a lone surrogate after JSON unescaping) is bad input: refused with
 * {@code bad_request}, nothing stored, no session closed. Text of that kind already in the database (written
 * before the check existed, or by another node) is served with U+FFFD in its place, over the socket and REST.
 */
@ChatServerTest
class PoisonInputTest extends ChatFixture {

    /** The six characters of a JSON escape for a lone high surrogate: the frame itself is valid UTF-8. */
    static final String LONE = "\\ud800";

    @Autowired
    JdbcClient jdbc;

    long pings;

    void assertOpen(WsClient client) {
        long ts = ++pings;
        client.send(Map.of("req_type", 1, "timestamp", ts));
        client.await(pong(ts));
    }

    JsonNode refusal(WsClient client, String frame) {
        client.sendText(frame);
        JsonNode error = client.await(type(9));
        assertThat(error.get("code").asString()).as(frame).isEqualTo("bad_request");
        assertThat(error.get("message").asString()).isNotBlank();
        return error;
    }

    @Test
    void aLoneSurrogateInAnyFieldIsABadRequestAndClosesNoSession() {
        WsClient sender = connectAndJoin(alice, "superchat");
        WsClient chatReader = connectAndJoin(bob, "chat");
        WsClient superReader = connectAndJoin(bob, "superchat");

        JsonNode text = refusal(sender, "{\"req_type\":2,\"room\":\"" + room + "\",\"text\":\"x" + LONE + "y\",\"client_msg_id\":\"p1\"}");
        assertThat(text.get("req_type").asInt()).isEqualTo(2);
        assertThat(text.get("client_msg_id").asString()).isEqualTo("p1");
        refusal(sender, "{\"req_type\":2,\"room\":\"" + room + "\",\"text\":\"fine\",\"client_msg_id\":\"p" + LONE + "\"}");
        refusal(sender, "{\"req_type\":8,\"req_no\":\"1" + LONE + "\"}");
        refusal(sender, "{\"req_type\":3,\"room\":\"lob" + LONE + "by\"}");
        refusal(sender, "{\"req_type\":1,\"timestamp\":1,\"extra" + LONE + "\":true}");
        byte[] header = ("{\"room\":\"" + room + "\",\"name\":\"a" + LONE + ".png\",\"type\":\"image/png\",\"client_msg_id\":\"p2\"}")
                .getBytes(StandardCharsets.UTF_8);
        sender.sendBinary(ByteBuffer.allocate(4 + header.length + 3).putInt(header.length).put(header).put(new byte[] {1, 2, 3}).array());
        JsonNode upload = sender.await(type(9));
        assertThat(upload.get("code").asString()).isEqualTo("bad_request");
        assertThat(upload.get("client_msg_id").asString()).isEqualTo("p2");

        for (WsClient client : List.of(sender, chatReader, superReader)) {
            assertOpen(client);
            assertThat(client.closedOrNull()).isNull();
        }
        assertThat(api.history(room, alice)).isEmpty();

        // the room goes on: a good message reaches everyone
        String id = cmid();
        sender.sendMessage(room, "still here", id);
        sender.await(ack(id));
        chatReader.await(Wire.message(id));
        superReader.await(Wire.message(id));
    }

    @Test
    void storedTextWithALoneSurrogateIsServedWithTheReplacementCharacter() {
        TestApi.User carol = api.register();
        jdbc.sql("update users set display_name = ? where id = ?").params("Ca\uD800rol", carol.userid()).update();
        jdbc.sql("insert into messages (room_id, id, user_id, text, ts, client_msg_id) values (?, 1, ?, ?, ?, 'old-1')")
                .params(room, carol.userid(), "bad \uDC00 text", System.currentTimeMillis()).update();
        jdbc.sql("update rooms set last_message_id = 1 where id = ?").param(room).update();

        // REST
        var response = api.get("/api/rooms/" + room + "/messages", alice);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode served = TestApi.json(response).get("messages").get(0);
        assertThat(served.get("text").asString()).isEqualTo("bad \uFFFD text");
        assertThat(served.get("from").get("display_name").asString()).isEqualTo("Ca\uFFFDrol");

        // socket: resume replays it to readers of both protocols, who stay connected
        WsClient chatReader = connectAndJoin(alice, "chat");
        WsClient superReader = connectAndJoin(bob, "superchat");
        for (WsClient reader : List.of(chatReader, superReader)) {
            reader.send(Map.of("req_type", 6, "room", room, "after", 0));
            JsonNode replayed = reader.await(type(2));
            assertThat(replayed.get("text").asString()).isEqualTo("bad \uFFFD text");
            reader.awaitType(6);
            assertOpen(reader);
        }

        // the user with the broken name can connect, join (presence to others) and send
        WsClient carolClient = connect(carol, "superchat");
        assertThat(carolClient.welcome().get("user").get("display_name").asString()).isEqualTo("Ca\uFFFDrol");
        carolClient.join(room);
        JsonNode joined = chatReader.await(Wire.event(room, "joined", carol.userid()));
        assertThat(joined.get("user").get("display_name").asString()).isEqualTo("Ca\uFFFDrol");
        String id = cmid();
        carolClient.sendMessage(room, "hello", id);
        carolClient.await(ack(id));
        assertThat(chatReader.await(Wire.message(id)).get("from").get("display_name").asString()).isEqualTo("Ca\uFFFDrol");
        for (WsClient client : List.of(chatReader, superReader, carolClient)) {
            assertOpen(client);
        }
    }
}
