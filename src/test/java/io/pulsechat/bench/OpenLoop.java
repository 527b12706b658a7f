package io.pulsechat.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop sending: message {@code i} is due at {@code start + i / rate} and goes out then, whether or not
 * earlier ones were answered; a sender that falls behind sends at once, and the latency of what it sends still
 * counts from the due time. Senders take turns, so each room and each connection sends at an even pace.
 */
final class OpenLoop {

    /** A connection that sends into {@code room}, whose message {@code receivers} measured connections get. */
    record Sender(Conn conn, String room, int receivers) {
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private OpenLoop() {
    }

    /** Sends {@code rate} messages per second for {@code seconds}, counted by {@code probe}; returns when the last is sent. */
    static void run(Probe probe, double rate, double seconds, List<Sender> senders, String text) {
        if (senders.isEmpty()) {
            throw new IllegalStateException("no connection to send from (did every connection fail?)");
        }
        long count = Math.max(1, Math.round(rate * seconds));
        double interval = 1e9 / rate;
        long start = System.nanoTime() + 10_000_000;
        probe.firstSendNanos = start;
        for (long i = 0; i < count; i++) {
            long due = start + (long) (i * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Sender s = senders.get((int) (i % senders.size()));
            if (!s.conn().isOpen()) {
                probe.errors.increment(); // closed by the server (e.g. as too slow): counted, not sent
                continue;
            }
            probe.sent.increment();
            probe.expected.add(s.receivers());
            s.conn().send(Wire.send(s.room(), text, Wire.clientMsgId(probe.id, SEQUENCE.incrementAndGet(), due)));
        }
        probe.lastSendNanos = System.nanoTime();
    }
}
