package io.pulsechat.realtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A message that arrives in parts, assembled. The handler takes partial messages so that Tomcat's per-session
 * buffers stay small ({@link WebSocketConfig#TEXT_BUFFER_CHARS}): Tomcat hands over a part when its buffer fills or a
 * fragmented message's frame ends. Almost every chat frame arrives whole and is passed on as it is; only while a
 * longer one is in flight is anything kept here, and never more than the limit: the part that would pass it ends the
 * session with 1009, as the contract's limits are in UTF-8 bytes (docs/protocol.md section 7).
 * <p>
 * Not thread-safe: Tomcat hands one session's messages over one at a time.
 */
final class Fragments {

    /** The message passed its limit; the session closes with 1009. */
    static final class TooBig extends Exception {
        TooBig() {
            super(null, null, false, false);
        }
    }

    private StringBuilder text;
    private long textBytes;
    private ByteArrayOutputStream binary;

    /** @return the whole text once its last part came, else null (more parts to come) */
    String text(String part, boolean last, long maxBytes) throws TooBig {
        if (last && text == null) {
            // a UTF-16 unit is at most 3 UTF-8 bytes: only a part longer than a third of the limit needs counting
            if (part.length() * 3L > maxBytes) {
                check(utf8Length(part), maxBytes);
            }
            return part;
        }
        textBytes += utf8Length(part);
        check(textBytes, maxBytes);
        if (text == null) {
            text = new StringBuilder(part.length() * 2);
        }
        text.append(part);
        if (!last) {
            return null;
        }
        String whole = text.toString();
        text = null;
        textBytes = 0;
        return whole;
    }

    /** @return the whole binary message once its last part came, else null (more parts to come) */
    ByteBuffer binary(ByteBuffer part, boolean last, long maxBytes) throws TooBig {
        if (last && binary == null) {
            check(part.remaining(), maxBytes);
            return part;
        }
        long size = (binary == null ? 0 : binary.size()) + (long) part.remaining();
        check(size, maxBytes);
        if (binary == null) {
            binary = new ByteArrayOutputStream(Math.max(part.remaining() * 2, 64));
        }
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        binary.writeBytes(bytes);
        if (!last) {
            return null;
        }
        ByteBuffer whole = ByteBuffer.wrap(binary.toByteArray());
        binary = null;
        return whole;
    }

    private void check(long bytes, long maxBytes) throws TooBig {
        if (bytes > maxBytes) {
            text = null;
            textBytes = 0;
            binary = null;
            throw new TooBig();
        }
    }

    /**
     * UTF-8 bytes of UTF-16 text. A surrogate counts 2, so a pair counts 4 even when a part ends between its halves
     * (the receiver already turned malformed input into U+FFFD, 3 bytes, which a lone surrogate never is here).
     */
    static long utf8Length(CharSequence s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
