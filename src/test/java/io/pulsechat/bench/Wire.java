package io.pulsechat.bench;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * The frames the load tool sends (docs/protocol.md sections 4 and 8; the peer understands the same join and send) and a
 * quick reader for the ones it receives: only {@code resp_type} and the {@code client_msg_id} are looked at,
 * straight in the frame's bytes, so the client spends little CPU per delivery.
 *
 * <p>A benchmark message's {@code client_msg_id} is {@code b<probe>.<seq>.<scheduled>}: the probe that counts it,
 * a sequence number (unique per run, since the server deduplicates ids per user), and its scheduled send time in
 * microseconds on the tool's clock ({@link #micros}), from which every receiver computes the latency.
 */
final class Wire {

    private static final long EPOCH = System.nanoTime();
    private static final byte[] RESP_TYPE = "\"resp_type\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_MSG_ID = "\"client_msg_id\":\"b".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONLINE = "\"online\":".getBytes(StandardCharsets.US_ASCII);

    private Wire() {
    }

    /** Microseconds on the tool's clock for a {@link System#nanoTime()} value. */
    static long micros(long nanos) {
        return (nanos - EPOCH) / 1000;
    }

    static String join(String room) {
        return "{\"req_type\":3,\"room\":\"" + room + "\"}";
    }

    static String heartbeat(long millis) {
        return "{\"req_type\":8,\"req_no\":\"" + millis + "\"}";
    }

    static String clientMsgId(int probe, long seq, long scheduledNanos) {
        return "b" + probe + "." + seq + "." + micros(scheduledNanos);
    }

    /** A send; {@code text} must need no JSON escaping (the tool's texts are plain ASCII). */
    static String send(String room, String text, String clientMsgId) {
        return "{\"req_type\":2,\"room\":\"" + room + "\",\"text\":\"" + text + "\",\"client_msg_id\":\"" + clientMsgId + "\"}";
    }

    /** A text of exactly {@code length} plain characters. */
    static String text(int length) {
        String words = "the quick brown fox jumps over the lazy dog and the bench measures how long it takes ";
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            b.append(words);
        }
        return b.substring(0, length);
    }

    /** The frame's {@code resp_type}, or -1. */
    static int respType(ByteBuf frame) {
        int at = indexOf(frame, RESP_TYPE, frame.readerIndex(), Math.min(frame.writerIndex(), frame.readerIndex() + 64));
        if (at < 0) {
            return -1;
        }
        int value = 0;
        for (int i = at + RESP_TYPE.length; i < frame.writerIndex(); i++) {
            byte b = frame.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    static boolean hasOnline(ByteBuf frame) {
        return indexOf(frame, ONLINE, frame.readerIndex(), frame.writerIndex()) >= 0;
    }

    /** The benchmark id in the frame as {probe, scheduled micros}, or null when it carries none. */
    static long[] benchId(ByteBuf frame) {
        // searched from the end: both servers put client_msg_id after the text
        int at = lastIndexOf(frame, CLIENT_MSG_ID, frame.readerIndex(), frame.writerIndex());
        if (at < 0) {
            return null;
        }
        long[] parts = new long[3];
        int part = 0;
        for (int i = at + CLIENT_MSG_ID.length; i < frame.writerIndex(); i++) {
            byte b = frame.getByte(i);
            if (b == '"') {
                return part == 2 ? new long[] {parts[0], parts[2]} : null;
            } else if (b == '.') {
                if (++part > 2) {
                    return null;
                }
            } else if (b >= '0' && b <= '9') {
                parts[part] = parts[part] * 10 + (b - '0');
            } else {
                return null;
            }
        }
        return null;
    }

    private static int lastIndexOf(ByteBuf buf, byte[] needle, int from, int to) {
        outer:
        for (int i = to - needle.length; i >= from; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (buf.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOf(ByteBuf buf, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
