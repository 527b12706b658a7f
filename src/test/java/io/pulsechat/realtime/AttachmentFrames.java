package io.pulsechat.realtime;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Frame helpers for tests outside this package. */
public final class AttachmentFrames {

    private AttachmentFrames() {
    }

    /** An attachment frame (docs/protocol.md section 6) for a room. */
    public static byte[] frame(String room, String name, String clientMsgId, byte[] bytes) {
        return AttachmentTest.frame(Map.of("room", room, "name", name, "type", "text/plain", "client_msg_id", clientMsgId), bytes);
    }

    public static List<JsonNode> texts(List<Object> frames) {
        return Wire.texts(frames);
    }
}
