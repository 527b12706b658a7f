package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.message;
import static io.pulsechat.realtime.Wire.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/** Attachments as binary frames (docs/protocol.md section 6) in both protocols, and {@code GET /api/attachments/{id}}. */
@ChatServerTest
class AttachmentTest extends ChatFixture {

    static final int INLINE_MAX = 256 * 1024;

    TestApi.User carol;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void third() {
        carol = api.register();
    }

    /** Section 6 layout: 4-byte big-endian header length, the UTF-8 JSON header, the bytes. */
    static byte[] frame(Object header, byte[] bytes) {
        byte[] json = header instanceof byte[] raw ? raw : TestApi.JSON.writeValueAsBytes(header);
        return ByteBuffer.allocate(4 + json.length + bytes.length).putInt(json.length).put(json).put(bytes).array();
    }

    static Map<String, Object> header(String room, String name, String type, String clientMsgId) {
        Map<String, Object> header = new HashMap<>();
        header.put("room", room);
        header.put("name", name);
        if (type != null) {
            header.put("type", type);
        }
        header.put("client_msg_id", clientMsgId);
        return header;
    }

    record Inline(JsonNode header, byte[] bytes) {
    }

    static Inline parse(byte[] frame) {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int n = buffer.getInt();
        byte[] header = new byte[n];
        buffer.get(header);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new Inline(TestApi.JSON.readTree(new String(header, StandardCharsets.UTF_8)), bytes);
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    HttpResponse<byte[]> download(String url, TestApi.User as) {
        var request = HttpRequest.newBuilder(URI.create(api.base() + url)).timeout(Duration.ofSeconds(20));
        if (as != null) {
            request.header("Authorization", TestApi.basic(as));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every frame up to a text message sent afterwards as a sentinel. */
    List<Object> upToSentinel(WsClient sender, WsClient observer) {
        String id = cmid();
        sender.sendMessage(room, "sentinel", id);
        return observer.until(message(id));
    }

    @Test
    void anAttachmentIsAckedAndDeliveredInlineToSuperchatAndAsTextToChat() {
        WsClient sender = connectAndJoin(alice, "superchat");
        WsClient superchat = connectAndJoin(bob, "superchat");
        WsClient chat = connectAndJoin(carol, "chat");
        byte[] bytes = random(1000);
        String id = cmid();

        sender.sendBinary(frame(header(room, "pic.png", "image/png", id), bytes));
        // the sender's own frames: the ack, and (superchat, in the room) the message and its binary frame
        List<Object> senderFrames = new ArrayList<>(sender.until(ack(id).or(type(9))));
        JsonNode ack = (JsonNode) senderFrames.get(senderFrames.size() - 1);
        assertThat(ack.get("resp_type").asInt()).as("answer %s", ack).isEqualTo(4);
        // the ack and the delivery may come in either order (docs/protocol.md section 4)
        if (senderFrames.stream().noneMatch(f -> f instanceof JsonNode j && message(id).test(j))) {
            senderFrames.addAll(sender.until(message(id)));
        }
        if (senderFrames.stream().noneMatch(byte[].class::isInstance)) {
            senderFrames.add(sender.nextBinary());
        }
        assertThat(ack.get("id").asLong()).isPositive();

        JsonNode text = superchat.await(message(id));
        assertThat(text.get("id").asLong()).isEqualTo(ack.get("id").asLong());
        assertThat(text.get("from").get("userid").asString()).isEqualTo(alice.userid());
        assertThat(text.get("room").asString()).isEqualTo(room);
        JsonNode attachment = text.get("attachment");
        assertThat(attachment.get("id").asLong()).isPositive();
        assertThat(attachment.get("name").asString()).isEqualTo("pic.png");
        assertThat(attachment.get("type").asString()).isEqualTo("image/png");
        assertThat(attachment.get("size").asLong()).isEqualTo(1000);
        assertThat(attachment.get("url").asString()).isEqualTo("/api/attachments/" + attachment.get("id").asLong());

        Inline inline = parse(superchat.nextBinary());
        assertThat(inline.header()).isEqualTo(text);
        assertThat(inline.bytes()).isEqualTo(bytes);
        // the sender's own superchat session gets it the same way: the text, then the binary frame
        List<Object> own = senderFrames.stream().filter(f -> f instanceof byte[] || message(id).test((JsonNode) f)).toList();
        assertThat(own).hasSize(2);
        assertThat(own.get(0)).isEqualTo(text);
        assertThat(parse((byte[]) own.get(1)).header()).isEqualTo(text);
        assertThat(parse((byte[]) own.get(1)).bytes()).isEqualTo(bytes);

        // chat: the text message only
        assertThat(chat.await(message(id))).isEqualTo(text);
        List<Object> after = upToSentinel(sender, chat);
        assertThat(after).allMatch(JsonNode.class::isInstance);

        // the bytes over REST, for any authenticated user
        HttpResponse<byte[]> file = download(attachment.get("url").asString(), carol);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(bytes);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline").contains("pic.png");

        // and in history
        List<JsonNode> history = api.history(room, bob);
        assertThat(history.get(0).get("attachment")).isEqualTo(attachment);
    }

    @Test
    void downloadsNeedAuthenticationAndUnknownIdsAre404() {
        WsClient sender = connectAndJoin(alice, "superchat");
        String id = cmid();
        sender.sendBinary(frame(header(room, "notes.txt", "text/plain", id), "hello".getBytes(StandardCharsets.UTF_8)));
        JsonNode text = sender.await(message(id));
        String url = text.get("attachment").get("url").asString();

        HttpResponse<byte[]> anonymous = download(url, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).doesNotContain("hello");

        HttpResponse<byte[]> wrongPassword = download(url, new TestApi.User(bob.userid(), bob.username(), "wrong-password", ""));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);

        HttpResponse<byte[]> ok = download(url, bob);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment").contains("notes.txt");

        HttpResponse<byte[]> missing = download("/api/attachments/987654321", bob);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void upToInlineMaxArrivesInlineAndLargerOnlyByUrl() {
        WsClient sender = connectAndJoin(alice, "superchat");
        WsClient superchat = connectAndJoin(bob, "superchat");

        byte[] atLimit = random(INLINE_MAX);
        String small = cmid();
        sender.sendBinary(frame(header(room, "at-limit.bin", "application/octet-stream", small), atLimit));
        JsonNode first = superchat.await(message(small));
        assertThat(first.get("attachment").get("size").asLong()).isEqualTo(INLINE_MAX);
        assertThat(parse(superchat.nextBinary()).bytes()).isEqualTo(atLimit);

        byte[] overLimit = random(INLINE_MAX + 1);
        String big = cmid();
        sender.sendBinary(frame(header(room, "over-limit.bin", null, big), overLimit));
        JsonNode ack = sender.await(ack(big).or(type(9)));
        assertThat(ack.get("resp_type").asInt()).isEqualTo(4);
        JsonNode second = superchat.await(message(big));
        JsonNode attachment = second.get("attachment");
        assertThat(attachment.get("size").asLong()).isEqualTo(INLINE_MAX + 1);
        assertThat(attachment.get("type").asString()).as("type defaults").isEqualTo("application/octet-stream");
        assertThat(upToSentinel(sender, superchat)).as("no binary frame beyond inline-max").allMatch(JsonNode.class::isInstance);
        assertThat(download(attachment.get("url").asString(), bob).body()).isEqualTo(overLimit);
    }

    @Test
    void aBinaryFrameOnAChatSessionClosesWith1003() {
        WsClient chat = connectAndJoin(alice, "chat");
        chat.sendBinary(frame(header(room, "x.bin", "application/octet-stream", cmid()), random(10)));
        assertThat(chat.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1003);
        assertThat(api.history(room, alice)).isEmpty();
    }

    @Test
    void badAttachmentFramesAreRefusedAndTheConnectionStaysOpen() {
        WsClient sender = connectAndJoin(alice, "superchat");
        String unjoined = api.createRoom(alice);
        record Case(String what, byte[] frame, String code, String clientMsgId) {
        }
        List<Case> cases = List.of(
                new Case("shorter than the length prefix", new byte[] {0, 0}, "bad_request", null),
                new Case("header length beyond the frame", ByteBuffer.allocate(8).putInt(100).putInt(0).array(), "bad_request", null),
                new Case("header not JSON", frame("not json".getBytes(StandardCharsets.UTF_8), random(3)), "bad_json", null),
                new Case("header a JSON array", frame("[1]".getBytes(StandardCharsets.UTF_8), random(3)), "bad_json", null),
                new Case("no name", frame(Map.of("room", room, "client_msg_id", "a-no-name"), random(3)), "bad_request", "a-no-name"),
                new Case("no client_msg_id", frame(Map.of("room", room, "name", "x"), random(3)), "bad_request", null),
                new Case("room not joined", frame(header(unjoined, "x", null, "a-not-member"), random(3)), "not_member", "a-not-member"),
                new Case("unknown room", frame(header("no-such-room-here", "x", null, "a-no-room"), random(3)), "no_such_room", "a-no-room"));
        long ping = 0;
        for (Case c : cases) {
            sender.sendBinary(c.frame());
            JsonNode answer = sender.await(type(9).or(type(4)));
            assertThat(answer.get("resp_type").asInt()).as(c.what()).isEqualTo(9);
            assertThat(answer.get("code").asString()).as(c.what()).isEqualTo(c.code());
            if (c.clientMsgId() != null) {
                assertThat(answer.get("client_msg_id").asString()).as(c.what()).isEqualTo(c.clientMsgId());
            }
            sender.send(Map.of("req_type", 1, "timestamp", ++ping));
            sender.await(Wire.pong(ping));
        }
        assertThat(api.history(room, alice)).isEmpty();
    }

    @Test
    void resendingAnAttachmentAnswersTheOriginalAckAndLongNamesFit() {
        WsClient sender = connectAndJoin(alice, "superchat");
        String id = cmid();
        // the longest name, 255 characters counted as code points
        String name = "😀".repeat(251) + ".png";
        sender.sendBinary(frame(header(room, name, "image/png", id), random(50)));
        JsonNode original = sender.await(ack(id).or(type(9)));
        assertThat(original.get("resp_type").asInt()).as("answer %s", original).isEqualTo(4);
        sender.sendBinary(frame(header(room, name, "image/png", id), random(60)));
        assertThat(sender.await(ack(id))).isEqualTo(original);
        List<JsonNode> history = api.history(room, alice);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("attachment").get("name").asString()).isEqualTo(name);
        assertThat(history.get(0).get("attachment").get("size").asLong()).isEqualTo(50);
        HttpResponse<byte[]> file = download(history.get(0).get("attachment").get("url").asString(), alice);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename*=UTF-8''");
    }
}
