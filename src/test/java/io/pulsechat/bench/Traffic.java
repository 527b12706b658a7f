package io.pulsechat.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;

/**
 * Sorts what the servers send: message deliveries ({@code resp_type} 2) and acks (4) go to the {@link Probe}
 * named in their {@code client_msg_id}; a join answer (3 with {@code online}) completes the connection's join;
 * errors (9) are counted. Frames of probes already finished or of unmeasured connections are ignored.
 */
final class Traffic implements WsPool.Listener {

    private final Map<Integer, Probe> probes = new ConcurrentHashMap<>();
    private int nextProbe;
    final LongAdder errorFrames = new LongAdder();
    final LongAdder strayFrames = new LongAdder();

    synchronized Probe newProbe() {
        Probe probe = new Probe(++nextProbe);
        probes.put(probe.id, probe);
        return probe;
    }

    /** Stops counting for the probe (late frames of it are then ignored). */
    void finish(Probe probe) {
        probes.remove(probe.id);
    }

    @Override
    public void text(Conn conn, ByteBuf frame, long nanos) {
        switch (Wire.respType(frame)) {
            case 2 -> {
                long[] id = Wire.benchId(frame);
                Probe probe = id == null ? null : probes.get((int) id[0]);
                if (probe != null && conn.measured) {
                    probe.delivered(Wire.micros(nanos) - id[1], nanos);
                } else if (id == null) {
                    strayFrames.increment();
                }
            }
            case 4 -> {
                long[] id = Wire.benchId(frame);
                Probe probe = id == null ? null : probes.get((int) id[0]);
                if (probe != null) {
                    probe.acked(Wire.micros(nanos) - id[1], nanos);
                }
            }
            case 3 -> {
                if (Wire.hasOnline(frame)) {
                    conn.joined.complete(null);
                }
            }
            case 9 -> {
                errorFrames.increment();
                long[] id = Wire.benchId(frame);
                Probe probe = id == null ? null : probes.get((int) id[0]);
                if (probe != null) {
                    probe.errors.increment();
                }
            }
            default -> {
            }
        }
    }
}
