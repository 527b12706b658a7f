package io.pulsechat.bench;

import java.util.ArrayList;
import java.util.List;

/** Everything measured for one target; the report lays two of these side by side. */
final class Results {

    record Handshakes(int opened, int failed, double perSecond, double p50, double p99, double max) {

        static Handshakes of(WsPool.ConnectStats s) {
            return new Handshakes(s.opened(), s.failed(), s.perSecond(), s.handshakeMicros().getValueAtPercentile(50) / 1000.0,
                    s.handshakeMicros().getValueAtPercentile(99) / 1000.0, s.handshakeMicros().getMaxValue() / 1000.0);
        }
    }

    record IdleStep(int connections, int held, long heapBytes, long rssBytes, double heapPerConnection,
                    double rssPerConnection, double connectPerSecond, int failed) {
    }

    record RateStep(double rate, Probe.Summary summary) {
    }

    record Slow(Probe.Summary without, Probe.Summary with, long closedTooSlow, long closedOther) {
    }

    record DurableStep(double offered, Probe.Summary summary, double ackedPerSecond) {
    }

    final String name;
    String description;
    Target.Memory baseline;
    Handshakes coldHandshakes;
    Probe.Summary coldRoom;
    Handshakes handshakes;
    final List<IdleStep> ladder = new ArrayList<>();
    final List<RateStep> rates = new ArrayList<>();
    Probe.Summary mix;
    Slow slow;
    final List<DurableStep> durable = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Results(String name) {
        this.name = name;
    }

    /** The highest rate whose p99 stayed under 100 ms with every delivery in time, or 0. */
    double highestRateUnder100ms() {
        double best = 0;
        for (RateStep s : rates) {
            if (s.summary().p99() < 100 && s.summary().inTimePct() >= 99.9) {
                best = Math.max(best, s.rate());
            }
        }
        return best;
    }

    RateStep atRate(double rate) {
        return rates.stream().filter(s -> s.rate() == rate).findFirst().orElse(null);
    }

    IdleStep atConnections(int n) {
        return ladder.stream().filter(s -> s.connections() == n).findFirst().orElse(null);
    }

    double bestDurable() {
        return durable.stream().mapToDouble(DurableStep::ackedPerSecond).max().orElse(0);
    }
}
