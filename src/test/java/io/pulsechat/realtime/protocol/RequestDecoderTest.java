package io.pulsechat.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pulsechat.realtime.protocol.ClientRequest.React;
import io.pulsechat.realtime.protocol.ClientRequest.Resume;
import io.pulsechat.realtime.protocol.ClientRequest.Send;
import io.pulsechat.realtime.protocol.ClientRequest.Upload;
import tools.jackson.databind.json.JsonMapper;

/** Every field checked once: a table of bad frames and the error each gets, and what good frames become. */
class RequestDecoderTest {

    final RequestDecoder decoder = new RequestDecoder(JsonMapper.builder().build(), EnumSet.allOf(ReqType.class));

    static Stream<Arguments> badFrames() {
        String lone = "\\ud800";
        return Stream.of(
                // frame, code, echoed req_type (as sent), echoed client_msg_id
                Arguments.of("not json", "bad_json", null, null),
                Arguments.of("[1]", "bad_json", null, null),
                Arguments.of("null", "bad_json", null, null),
                Arguments.of("\"text\"", "bad_json", null, null),
                Arguments.of("{}", "bad_request", null, null),
                Arguments.of("{\"req_type\":\"2\"}", "bad_request", "\"2\"", null),
                Arguments.of("{\"req_type\":2.5}", "bad_request", "2.5", null),
                Arguments.of("{\"req_type\":7}", "unknown_type", "7", null),
                Arguments.of("{\"req_type\":4294967298}", "unknown_type", "4294967298", null),
                Arguments.of("{\"req_type\":1}", "bad_request", "1", null),
                Arguments.of("{\"req_type\":1,\"timestamp\":\"x\"}", "bad_request", "1", null),
                Arguments.of("{\"req_type\":8}", "bad_request", "8", null),
                Arguments.of("{\"req_type\":8,\"req_no\":\"\"}", "bad_request", "8", null),
                Arguments.of("{\"req_type\":8,\"req_no\":\"" + "9".repeat(65) + "\"}", "bad_request", "8", null),
                Arguments.of("{\"req_type\":2,\"room\":\"r\",\"text\":\"x\"}", "bad_request", "2", null),
                Arguments.of("{\"req_type\":2,\"room\":\"r\",\"text\":\" \",\"client_msg_id\":\"c\"}", "bad_request", "2", "c"),
                Arguments.of("{\"req_type\":2,\"room\":\"r\",\"text\":\"" + "x".repeat(4001) + "\",\"client_msg_id\":\"c\"}", "bad_request", "2", "c"),
                Arguments.of("{\"req_type\":2,\"room\":\"r\",\"text\":1,\"client_msg_id\":\"c\"}", "bad_request", "2", "c"),
                Arguments.of("{\"req_type\":2,\"room\":\"Bad Room\",\"text\":\"x\",\"client_msg_id\":\"c\"}", "bad_request", "2", "c"),
                Arguments.of("{\"req_type\":2,\"text\":\"x\",\"client_msg_id\":\"c\"}", "bad_request", "2", "c"),
                Arguments.of("{\"req_type\":2,\"room\":\"r\",\"text\":\"x\",\"client_msg_id\":\"c\",\"reply_to\":0}", "bad_request", "2", "c"),
                Arguments.of("{\"req_type\":2,\"room\":\"r\",\"text\":\"x" + lone + "\",\"client_msg_id\":\"c\"}", "bad_request", "2", "c"),
                Arguments.of("{\"req_type\":2,\"room\":\"r\",\"text\":\"x\",\"client_msg_id\":\"c" + lone + "\"}", "bad_request", "2", null),
                Arguments.of("{\"req_type\":1,\"timestamp\":1,\"k" + lone + "\":0}", "bad_request", "1", null),
                Arguments.of("{\"req_type\":3}", "bad_request", "3", null),
                Arguments.of("{\"req_type\":3,\"room\":\"" + "a".repeat(33) + "\"}", "bad_request", "3", null),
                Arguments.of("{\"req_type\":6,\"room\":\"r\"}", "bad_request", "6", null),
                Arguments.of("{\"req_type\":6,\"room\":\"r\",\"after\":-1}", "bad_request", "6", null),
                Arguments.of("{\"req_type\":6,\"room\":\"r\",\"after\":1,\"since_rev\":2}", "bad_request", "6", null),
                Arguments.of("{\"req_type\":6,\"room\":\"r\",\"after\":18446744073709551616}", "bad_request", "6", null),
                Arguments.of("{\"req_type\":9,\"room\":\"r\",\"id\":0,\"text\":\"x\"}", "bad_request", "9", null),
                Arguments.of("{\"req_type\":10,\"room\":\"r\"}", "bad_request", "10", null),
                Arguments.of("{\"req_type\":11,\"room\":\"r\",\"id\":1,\"emoji\":\"a b\",\"add\":true}", "bad_request", "11", null),
                Arguments.of("{\"req_type\":11,\"room\":\"r\",\"id\":1,\"emoji\":\"" + "x".repeat(17) + "\",\"add\":true}", "bad_request", "11", null),
                Arguments.of("{\"req_type\":11,\"room\":\"r\",\"id\":1,\"emoji\":\"👍\",\"add\":\"yes\"}", "bad_request", "11", null),
                Arguments.of("{\"req_type\":12,\"room\":\"r\",\"id\":\"1\"}", "bad_request", "12", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badFrames")
    void badFramesAreRefusedWithTheirCode(String frame, String code, String reqType, String clientMsgId) {
        assertThatThrownBy(() -> decoder.decode(frame))
                .isInstanceOfSatisfying(ProtocolError.class, e -> {
                    assertThat(e.code().wire()).isEqualTo(code);
                    assertThat(e.getMessage()).isNotBlank();
                    assertThat(e.reqType() == null ? null : e.reqType().toString()).isEqualTo(reqType);
                    assertThat(e.clientMsgId()).isEqualTo(clientMsgId);
                });
    }

    @Test
    void goodFramesBecomeTypedRequests() {
        assertThat(decoder.decode("{\"req_type\":2,\"room\":\"lobby\",\"text\":\"héllo 😀\",\"client_msg_id\":\"🔑\",\"reply_to\":7}"))
                .isEqualTo(new Send("lobby", "héllo 😀", "🔑", 7L));
        assertThat(decoder.decode("{\"req_type\":2,\"room\":\"dm-0123456789abcdef01234567\",\"text\":\"" + "😀".repeat(4000)
                + "\",\"client_msg_id\":\"c\"}")).isInstanceOf(Send.class);
        assertThat(decoder.decode("{\"req_type\":6,\"room\":\"r\",\"after\":0}")).isEqualTo(new Resume("r", 0L, null));
        assertThat(decoder.decode("{\"req_type\":6,\"room\":\"r\",\"since_rev\":5}")).isEqualTo(new Resume("r", null, 5L));
        assertThat(decoder.decode("{\"req_type\":8,\"req_no\":1700000000000}")).isEqualTo(new ClientRequest.Heartbeat("1700000000000"));
        assertThat(decoder.decode("{\"req_type\":11,\"room\":\"r\",\"id\":3,\"emoji\":\"👍🏽\",\"add\":false}"))
                .isEqualTo(new React("r", 3, "👍🏽", false));
    }

    @Test
    void onlySupportedTypesAreKnown() {
        var v1 = new RequestDecoder(JsonMapper.builder().build(), EnumSet.of(ReqType.PING));
        assertThatThrownBy(() -> v1.decode("{\"req_type\":9,\"room\":\"r\",\"id\":1,\"text\":\"x\"}"))
                .isInstanceOfSatisfying(ProtocolError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
    }

    static ByteBuffer upload(String header, int bytes) {
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + head.length + bytes).putInt(head.length).put(head).put(new byte[bytes]).flip();
    }

    @Test
    void attachmentFrames() {
        Upload upload = decoder.decodeUpload(upload("{\"room\":\"r\",\"name\":\"a.png\",\"type\":\"image/png\",\"client_msg_id\":\"c\"}", 3));
        assertThat(upload.name()).isEqualTo("a.png");
        assertThat(upload.bytes()).hasSize(3);
        assertThat(decoder.decodeUpload(upload("{\"room\":\"r\",\"name\":\"a\",\"client_msg_id\":\"c\"}", 0)).contentType())
                .isEqualTo("application/octet-stream");
        assertThatThrownBy(() -> decoder.decodeUpload(ByteBuffer.wrap(new byte[] {0, 0})))
                .isInstanceOfSatisfying(ProtocolError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> decoder.decodeUpload(upload("{\"room\":\"r\",\"name\":\"a\\ud800\",\"client_msg_id\":\"c\"}", 1)))
                .isInstanceOfSatisfying(ProtocolError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.clientMsgId()).isEqualTo("c");
                });
        assertThatThrownBy(() -> decoder.decodeUpload(upload("not json", 1)))
                .isInstanceOfSatisfying(ProtocolError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON));
    }
}
