package io.pulsechat.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts one measured run of messages: what was sent and how many deliveries were expected, every delivery's
 * latency from the message's scheduled send time (so a stalled server cannot hide behind a waiting client), and
 * for the sender the ack's latency (Pulse's {@code resp_type} 4). Recorded from the event loop threads.
 */
final class Probe {

    static final long DEADLINE_MICROS = TimeUnit.SECONDS.toMicros(1);

    final int id;
    final Histogram latency = new ConcurrentHistogram(1, TimeUnit.HOURS.toMicros(1), 3);
    final Histogram ackLatency = new ConcurrentHistogram(1, TimeUnit.HOURS.toMicros(1), 3);
    final LongAdder sent = new LongAdder();
    final LongAdder expected = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder inTime = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder errors = new LongAdder();
    volatile long firstSendNanos;
    volatile long lastSendNanos;
    volatile long lastAckNanos;
    volatile long lastDeliveryNanos;

    Probe(int id) {
        this.id = id;
    }

    void delivered(long micros, long nanos) {
        lastDeliveryNanos = nanos;
        latency.recordValue(Math.max(1, Math.min(micros, latency.getHighestTrackableValue())));
        delivered.increment();
        if (micros <= DEADLINE_MICROS) {
            inTime.increment();
        }
    }

    void acked(long micros, long nanos) {
        ackLatency.recordValue(Math.max(1, Math.min(micros, ackLatency.getHighestTrackableValue())));
        acked.increment();
        lastAckNanos = nanos;
    }

    /** Waits until every expected delivery (and ack, when {@code acks}) arrived, or nothing came for a while. */
    void awaitDrained(boolean acks, long maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        long lastProgress = System.nanoTime();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            long now = delivered.sum() + acked.sum() + errors.sum();
            if (delivered.sum() >= expected.sum() && (!acks || acked.sum() + errors.sum() >= sent.sum())) {
                return;
            }
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(5)) {
                return; // nothing more is coming
            }
            Thread.sleep(50);
        }
    }

    /** The figures of a finished probe, in milliseconds and percent. */
    Summary summary() {
        double sendSeconds = Math.max(1e-3, (lastSendNanos - firstSendNanos) / 1e9);
        long lastEvent = Math.max(lastAckNanos, lastDeliveryNanos);
        double answeredSeconds = Math.max(1e-3, (lastEvent - firstSendNanos) / 1e9);
        return new Summary(sent.sum(), expected.sum(), delivered.sum(),
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()),
                expected.sum() == 0 ? 0 : 100.0 * inTime.sum() / expected.sum(),
                acked.sum(), ms(ackLatency.getValueAtPercentile(50)), ms(ackLatency.getValueAtPercentile(99)),
                ms(ackLatency.getMaxValue()), errors.sum(), sent.sum() / sendSeconds, sendSeconds, answeredSeconds);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** {@code inTimePct}: deliveries within 1 s of the scheduled send, in percent of the expected ones. */
    record Summary(long sent, long expected, long delivered, double p50, double p99, double max, double inTimePct,
                   long acked, double ackP50, double ackP99, double ackMax, long errors, double sentPerSecond,
                   double sendSeconds, double answeredSeconds) {

        long lost() {
            return expected - delivered;
        }
    }
}
