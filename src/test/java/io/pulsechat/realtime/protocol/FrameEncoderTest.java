package io.pulsechat.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pulsechat.message.ChatMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Server frames as the contract writes them, and always encodable. */
class FrameEncoderTest {

    static final JsonMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    final FrameEncoder encoder = new FrameEncoder(JSON);

    @Test
    void respTypeComesFirstAndAbsentFieldsAreLeftOut() {
        var message = new ChatMessage(7, "lobby", new ChatMessage.Sender("u1", "Ann"), "hi", 1000, "c1", null, 7, null, null, List.of(), null, List.of());
        String text = encoder.text(new ServerFrame.Message(message, null)).getPayload();
        assertThat(text).startsWith("{\"resp_type\":2,\"id\":7,\"room\":\"lobby\"");
        assertThat(text).doesNotContain("replay").doesNotContain("attachment");
        assertThat(JSON.readTree(encoder.text(new ServerFrame.Message(message, true)).getPayload()).get("replay").asBoolean()).isTrue();
        JsonNode error = JSON.readTree(encoder.text(new ServerFrame.Error("bad_request", "m", 2, null)).getPayload());
        assertThat(error.get("req_type").asInt()).isEqualTo(2);
        assertThat(error.has("client_msg_id")).isFalse();
        JsonNode event = JSON.readTree(encoder.text(new ServerFrame.RoomEvent("r", "joined",
                new ServerFrame.UserRef("u1", "Ann", "micro-web"), List.of())).getPayload());
        assertThat(event.get("user").get("display_name").asString()).isEqualTo("Ann");
        assertThat(event.get("online").isArray()).isTrue();
    }

    @Test
    void loneSurrogatesLeaveAsTheReplacementCharacter() {
        var message = new ChatMessage(1, "r", new ChatMessage.Sender("u", "A\uD800"), "x\uDC00y", 1, "c", null, 1, null, null, List.of(), null, List.of());
        String text = encoder.text(new ServerFrame.Message(message, null)).getPayload();
        assertThat(JSON.readTree(text).get("text").asString()).isEqualTo("x\uFFFDy");
        byte[] binary = encoder.binary(new ServerFrame.Message(message, null), new byte[] {9});
        ByteBuffer buffer = ByteBuffer.wrap(binary);
        byte[] header = new byte[buffer.getInt()];
        buffer.get(header);
        assertThat(JSON.readTree(new String(header, StandardCharsets.UTF_8)).get("from").get("display_name").asString()).isEqualTo("A\uFFFD");
        assertThat(buffer.get()).isEqualTo((byte) 9);
    }
}
