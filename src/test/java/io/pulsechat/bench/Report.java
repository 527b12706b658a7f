package io.pulsechat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes {@code report.md} and the charts: the two targets side by side, each figure with the ratio Pulse/peer, and
 * the goals of issue 10 with whether each is met. Returns the summary table, which the runner also prints.
 */
final class Report {

    private final List<Results> results;
    private final BenchConfig cfg;
    private final Map<String, String> environment;
    private final StringBuilder md = new StringBuilder();

    Report(List<Results> results, BenchConfig cfg, Map<String, String> environment) {
        this.results = results;
        this.cfg = cfg;
        this.environment = environment;
    }

    /** Writes the report and charts into {@code dir}; returns the summary table (Markdown). */
    String write(Path dir) throws IOException {
        Files.createDirectories(dir);
        md.append("# Pulse Chat benchmark\n\n");
        environment.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        for (Results r : results) {
            md.append("- ").append(r.name).append(": ").append(r.description).append('\n');
        }
        md.append("\nLatency is measured from each message's *scheduled* send time (open loop) to its arrival at each "
                + "receiver; \"in time\" means within 1 s. Handshakes are WebSocket upgrades with a pre-fetched token "
                + "(Pulse checks it; the peer has no auth), ").append(cfg.handshakeConcurrency()).append(" at a time.\n\n");
        String summary = summary();
        md.append("## Summary\n\n").append(summary).append('\n');
        cold();
        ladder(dir);
        handshakes();
        rates(dir);
        mix();
        slow();
        durable();
        for (Results r : results) {
            for (String note : r.notes) {
                md.append("- ").append(r.name).append(": ").append(note).append('\n');
            }
        }
        Files.writeString(dir.resolve("report.md"), md);
        return summary;
    }

    private Results pulse() {
        return results.stream().filter(r -> r.name.equals("Pulse")).findFirst().orElse(null);
    }

    private Results peer() {
        return results.stream().filter(r -> r.name.equals("peer")).findFirst().orElse(null);
    }

    private String summary() {
        Results pulse = pulse();
        Results peer = peer();
        var t = new StringBuilder("| measure | peer | Pulse | Pulse/peer | goal (issue 10) | met |\n|---|---|---|---|---|---|\n");
        int midStep = cfg.ladder()[Math.min(1, cfg.ladder().length - 1)];
        int lastStep = cfg.ladder()[cfg.ladder().length - 1];
        row(t, "heap per idle connection at " + String.format("%,d", midStep) + " (after GC)", pulse, peer,
                r -> r.atConnections(midStep) == null ? null : r.atConnections(midStep).heapPerConnection() / 1024, "%.1f KB",
                "≤ 40 KB", v -> v <= 40);
        row(t, "RSS with " + String.format("%,d", midStep) + " idle connections", pulse, peer,
                r -> r.atConnections(midStep) == null ? null : r.atConnections(midStep).rssBytes() / 1048576.0, "%.0f MB", "", null);
        row(t, "most idle connections held (of " + String.format("%,d", lastStep) + " tried)", pulse, peer,
                r -> r.ladder.isEmpty() ? null : (double) r.ladder.stream().mapToInt(Results.IdleStep::held).max().getAsInt(), "%.0f",
                String.format("%,d", lastStep), v -> v >= lastStep);
        Double peerHandshakes = peer == null || peer.handshakes == null ? null : peer.handshakes.perSecond();
        row(t, "handshakes/s (" + cfg.handshakeConcurrency() + " concurrent, warm)", pulse, peer,
                r -> r.handshakes == null ? null : r.handshakes.perSecond(), "%.0f", "≥ peer",
                v -> peerHandshakes != null && v >= peerHandshakes);
        row(t, "handshakes/s, cold JVM", pulse, null, r -> r.coldHandshakes == null ? null : r.coldHandshakes.perSecond(), "%.0f", "", null);
        double ref = 20;
        Double peerP99 = peer == null || peer.atRate(ref) == null ? null : peer.atRate(ref).summary().p99();
        row(t, String.format("room of %,d, %.0f msg/s: p99", cfg.roomSize(), ref), pulse, peer,
                r -> r.atRate(ref) == null ? null : r.atRate(ref).summary().p99(), "%.1f ms", "≤ peer",
                v -> peerP99 != null && v <= peerP99);
        row(t, String.format("room of %,d, %.0f msg/s: p99, cold JVM", cfg.roomSize(), cfg.coldRate()), pulse, null,
                r -> r.coldRoom == null ? null : r.coldRoom.p99(), "%.1f ms", "", null);
        Double peerBest = peer == null ? null : peer.highestRateUnder100ms();
        row(t, "highest rate with p99 < 100 ms (msg/s)", pulse, peer,
                r -> r.rates.isEmpty() ? null : r.highestRateUnder100ms(), "%.0f", "≥ 1.5 × peer",
                v -> peerBest != null && v > 0 && v >= 1.5 * peerBest);
        row(t, "chat mix: p99", pulse, peer, r -> r.mix == null ? null : r.mix.p99(), "%.1f ms", "", null);
        row(t, "chat mix: deliveries lost", pulse, peer, r -> r.mix == null ? null : (double) r.mix.lost(), "%.0f", "0", v -> v == 0);
        row(t, "slow readers: others' p99 with / without", pulse, peer,
                r -> r.slow == null || r.slow.without().p99() == 0 ? null : r.slow.with().p99() / r.slow.without().p99(), "%.2f",
                "≤ 1.20", v -> v <= 1.2);
        row(t, "durable: acked messages/s (peer: echoed, nothing stored)", pulse, peer,
                r -> r.durable.isEmpty() ? null : r.bestDurable(), "%.0f", "", null);
        return t.toString();
    }

    private static void row(StringBuilder t, String measure, Results pulse, Results peer, Function<Results, Double> value,
                            String format, String goal, java.util.function.DoublePredicate met) {
        Double a = pulse == null ? null : value.apply(pulse);
        Double b = peer == null ? null : value.apply(peer);
        if (a == null && b == null) {
            return;
        }
        t.append("| ").append(measure).append(" | ").append(b == null ? "–" : String.format(format, b))
                .append(" | ").append(a == null ? "–" : String.format(format, a))
                .append(" | ").append(a == null || b == null || b == 0 ? "–" : String.format("%.2f", a / b))
                .append(" | ").append(goal)
                .append(" | ").append(met == null || a == null ? "" : met.test(a) ? "yes" : "**no**").append(" |\n");
    }

    private void cold() {
        Results pulse = pulse();
        if (pulse == null || pulse.coldHandshakes == null) {
            return;
        }
        md.append("## Cold first run (Pulse)\n\nThe first measurements in the freshly started JVM, before any warm-up; every "
                + "other figure is taken after ").append(fmt(cfg.warmupSeconds())).append(" s of room traffic and a "
                + "handshake burst warmed the JVM.\n\n| measure | cold | warm |\n|---|---|---|\n");
        md.append(String.format("| handshakes/s | %.0f | %s |%n", pulse.coldHandshakes.perSecond(),
                pulse.handshakes == null ? "–" : String.format("%.0f", pulse.handshakes.perSecond())));
        md.append(String.format("| handshake p99 | %.1f ms | %s |%n", pulse.coldHandshakes.p99(),
                pulse.handshakes == null ? "–" : String.format("%.1f ms", pulse.handshakes.p99())));
        var warm = pulse.atRate(cfg.coldRate());
        md.append(String.format("| room of %,d at %s msg/s: p50 / p99 / max | %.1f / %.1f / %.1f ms | %s |%n%n", cfg.roomSize(),
                fmt(cfg.coldRate()), pulse.coldRoom.p50(), pulse.coldRoom.p99(), pulse.coldRoom.max(),
                warm == null ? "–" : String.format("%.1f / %.1f / %.1f ms", warm.summary().p50(), warm.summary().p99(), warm.summary().max())));
    }

    private void ladder(Path dir) throws IOException {
        if (results.stream().allMatch(r -> r.ladder.isEmpty())) {
            return;
        }
        md.append("## Idle ladder\n\nConnections opened and held without traffic (Pulse: welcome received, no room joined). Per "
                + "connection = (measure − measure before the ladder) / connections held. Heap: Pulse's JVM heap in use "
                + "right after `jcmd GC.run`; the peer's V8 heap plus external memory after `gc()`. RSS from "
                + "/proc/<pid>/status; a JVM's RSS follows its committed heap (grown by earlier traffic, shrunk by "
                + "the full GC), so its per-connection delta is rough and may even be negative.\n\n| connections | target | held | heap after GC | heap/conn | RSS | RSS/conn | connects/s |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (int step : cfg.ladder()) {
            for (Results r : results) {
                var s = r.atConnections(step);
                if (s != null) {
                    md.append(String.format("| %,d | %s | %,d | %.0f MB | %.1f KB | %.0f MB | %.1f KB | %.0f |%n", step, r.name, s.held(),
                            s.heapBytes() / 1048576.0, s.heapPerConnection() / 1024, s.rssBytes() / 1048576.0,
                            s.rssPerConnection() / 1024, s.connectPerSecond()));
                }
            }
        }
        for (Results r : results) {
            if (r.baseline != null) {
                md.append(String.format("%nBefore the ladder, %s: heap %.0f MB, RSS %.0f MB.", r.name, r.baseline.heap() / 1048576.0,
                        r.baseline.rss() / 1048576.0));
            }
        }
        Charts.memoryPerConnection(results, dir.resolve("memory-per-connection.png"));
        md.append("\n\n![memory per connection](memory-per-connection.png)\n\n");
    }

    private void handshakes() {
        if (results.stream().allMatch(r -> r.handshakes == null)) {
            return;
        }
        md.append("## Handshakes\n\n").append(String.format("%,d", cfg.handshakes())).append(" connections opened, ")
                .append(cfg.handshakeConcurrency()).append(" in flight at a time; time from TCP connect to the 101 answer.\n\n"
                        + "| target | opened | failed | per second | p50 | p99 | max |\n|---|---|---|---|---|---|---|\n");
        for (Results r : results) {
            if (r.handshakes != null) {
                var h = r.handshakes;
                md.append(String.format("| %s | %,d | %d | %.0f | %.1f ms | %.1f ms | %.1f ms |%n", r.name, h.opened(), h.failed(),
                        h.perSecond(), h.p50(), h.p99(), h.max()));
            }
        }
        md.append('\n');
    }

    private void rates(Path dir) throws IOException {
        if (results.stream().allMatch(r -> r.rates.isEmpty())) {
            return;
        }
        md.append("## One room of ").append(String.format("%,d", cfg.roomSize())).append(" at rising rates\n\nEach rate for ")
                .append(fmt(cfg.rateSeconds())).append(" s; every message goes to all members, the sender included.\n\n"
                        + "| msg/s | deliveries/s | target | p50 | p99 | max | in time | delivered |\n|---|---|---|---|---|---|---|---|\n");
        for (double rate : cfg.rates()) {
            for (Results r : results) {
                var s = r.atRate(rate);
                if (s != null) {
                    var m = s.summary();
                    md.append(String.format("| %s | %,.0f | %s | %.1f ms | %.1f ms | %.1f ms | %.1f%% | %,d / %,d |%n", fmt(rate),
                            rate * cfg.roomSize(), r.name, m.p50(), m.p99(), m.max(), m.inTimePct(), m.delivered(), m.expected()));
                }
            }
        }
        md.append('\n');
        for (Results r : results) {
            md.append(String.format("Highest rate with p99 < 100 ms and every delivery in time, %s: %s msg/s.%n%n", r.name,
                    fmt(r.highestRateUnder100ms())));
        }
        Charts.latencyPerRate(results, cfg.roomSize(), dir.resolve("latency-per-rate.png"));
        md.append("![latency per rate](latency-per-rate.png)\n\n");
    }

    private void mix() {
        if (results.stream().allMatch(r -> r.mix == null)) {
            return;
        }
        md.append("## Chat mix\n\n").append(String.format("%,d", cfg.mixConnections())).append(" connections in rooms of ")
                .append(cfg.mixRoomSize()).append(", each room getting ").append(fmt(cfg.mixPerRoomRate()))
                .append(" message(s) per second from its members in turn, for ").append(fmt(cfg.mixSeconds())).append(" s.\n\n"
                        + "| target | msg/s | p50 | p99 | max | delivered | lost |\n|---|---|---|---|---|---|---|\n");
        for (Results r : results) {
            if (r.mix != null) {
                var m = r.mix;
                md.append(String.format("| %s | %.0f | %.1f ms | %.1f ms | %.1f ms | %,d / %,d | %,d |%n", r.name, m.sentPerSecond(),
                        m.p50(), m.p99(), m.max(), m.delivered(), m.expected(), m.lost()));
            }
        }
        md.append('\n');
    }

    private void slow() {
        if (results.stream().allMatch(r -> r.slow == null)) {
            return;
        }
        md.append("## Slow readers\n\nA room of ").append(String.format("%,d", cfg.slowRoomSize())).append(" at ")
                .append(fmt(cfg.slowRate())).append(" msg/s for ").append(fmt(cfg.slowSeconds())).append(" s, first with every "
                        + "member reading, then with ").append(cfg.slowReaders()).append(" members (receive buffer ")
                .append(cfg.slowReceiveBuffer() / 1024).append(" KB) that stop reading. Figures are the other members'.\n\n"
                        + "| target | p99 all reading | p99 with slow readers | ratio | max with | delivered with | slow readers closed by the server |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (Results r : results) {
            if (r.slow != null) {
                var s = r.slow;
                md.append(String.format("| %s | %.1f ms | %.1f ms | %.2f | %.1f ms | %,d / %,d | %d |%n", r.name, s.without().p99(),
                        s.with().p99(), s.with().p99() / Math.max(0.001, s.without().p99()), s.with().max(), s.with().delivered(),
                        s.with().expected(), s.closedTooSlow()));
            }
        }
        md.append('\n');
    }

    private void durable() {
        if (results.stream().allMatch(r -> r.durable.isEmpty())) {
            return;
        }
        md.append("## Durable acked messages\n\n").append(cfg.durableSenders()).append(" senders, each alone in its own room, "
                + "open loop at rising total rates, ").append(fmt(cfg.durableSeconds())).append(" s each. Pulse: acks "
                + "(`resp_type` 4, sent after the commit to the H2 file with WRITE_DELAY=0). The peer stores nothing: its "
                + "figure is the echo of each message to its sender.\n\n"
                + "| offered msg/s | target | answered/s | answer p50 | answer p99 | answer max | refused |\n|---|---|---|---|---|---|---|\n");
        List<Double> rates = new ArrayList<>();
        for (double d : cfg.durableRates()) {
            rates.add(d);
        }
        for (double rate : rates) {
            for (Results r : results) {
                r.durable.stream().filter(s -> s.offered() == rate).findFirst().ifPresent(s -> {
                    var m = s.summary();
                    boolean acks = r.name.equals("Pulse");
                    md.append(String.format("| %s | %s | %.0f | %.1f ms | %.1f ms | %.1f ms | %d |%n", fmt(rate), r.name, s.ackedPerSecond(),
                            acks ? m.ackP50() : m.p50(), acks ? m.ackP99() : m.p99(), acks ? m.ackMax() : m.max(), m.errors()));
                });
            }
        }
        md.append('\n');
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format("%.0f", v) : String.valueOf(v);
    }
}
