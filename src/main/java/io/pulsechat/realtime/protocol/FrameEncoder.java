package io.pulsechat.realtime.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;

import io.pulsechat.shared.Unicode;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes server frames. Every frame is encodable: text that is not well-formed Unicode (stored before the check
 * existed, or by another node) leaves with U+FFFD in place of each lone surrogate, so a frame can never fail to
 * encode for one recipient and take its session down. Stateless; encode a broadcast once and share the result.
 */
public final class FrameEncoder {

    private final JsonMapper json;

    public FrameEncoder(JsonMapper json) {
        this.json = json;
    }

    public TextMessage text(ServerFrame frame) {
        return new TextMessage(Unicode.scrub(json.writeValueAsString(frame)));
    }

    /**
     * The layout of section 6: a 4-byte big-endian header length, the header as UTF-8 JSON, the bytes. Returns the
     * bytes, not a message: a {@link BinaryMessage}'s buffer is consumed by sending, so wrap it once per recipient.
     */
    public byte[] binary(ServerFrame header, byte[] bytes) {
        byte[] head = Unicode.scrub(json.writeValueAsString(header)).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + head.length + bytes.length).putInt(head.length).put(head).put(bytes).array();
    }
}
