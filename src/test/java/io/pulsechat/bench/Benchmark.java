package io.pulsechat.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The scenarios of issue 10, each run against one target at a time with the same client pool. Every scenario
 * opens its own connections and closes them again, so the scenarios do not disturb one another.
 */
final class Benchmark {

    /** The scenarios, in the order they run. */
    static final List<String> SCENARIOS = List.of("idle", "handshake", "room", "mix", "slow", "durable");

    private final WsPool pool;
    private final Traffic traffic;
    private final BenchConfig cfg;
    private final String text;
    private final Consumer<String> log;

    Benchmark(WsPool pool, Traffic traffic, BenchConfig cfg, Consumer<String> log) {
        this.pool = pool;
        this.traffic = traffic;
        this.cfg = cfg;
        this.text = Wire.text(cfg.textLength());
        this.log = log;
    }

    void run(String scenario, Target t, Results r) throws Exception {
        switch (scenario) {
            case "idle" -> idleLadder(t, r);
            case "handshake" -> r.handshakes = handshakes(t, "handshakes");
            case "room" -> room(t, r);
            case "mix" -> r.mix = chatMix(t);
            case "slow" -> r.slow = slowReaders(t);
            case "durable" -> durable(t, r);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario + "; known: " + SCENARIOS);
        }
    }

    /** The first measurements in a fresh server process: a handshake burst, then the room at one rate. */
    void coldRun(Target t, Results r) throws Exception {
        r.coldHandshakes = handshakes(t, "cold handshakes");
        r.coldRoom = roomAt(t, "cold-room", cfg.coldRate(), cfg.coldSeconds(), "cold room");
    }

    /** Traffic that is not measured: JIT-compiles the server's (and the client's own) paths first. */
    void warmUp(Target t) throws Exception {
        handshakes(t, "warm-up handshakes");
        if (cfg.warmupSeconds() > 0) {
            roomAt(t, "warm-room", cfg.coldRate(), cfg.warmupSeconds(), "warm-up room");
        }
    }

    Results.Handshakes handshakes(Target t, String label) throws InterruptedException {
        List<WsPool.ConnectStats> stats = new ArrayList<>();
        List<Conn> conns = pool.connectAll(cfg.handshakes(), cfg.handshakeConcurrency(), t::uri, 0, stats);
        pool.closeAll(conns, 30);
        var result = Results.Handshakes.of(stats.get(0));
        log.accept(String.format("%s: %s: %d opened (%d failed %s) at %.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                t.name(), label, result.opened(), result.failed(), stats.get(0).failures(), result.perSecond(), result.p50(),
                result.p99(), result.max()));
        settle();
        return result;
    }

    void idleLadder(Target t, Results r) throws InterruptedException {
        r.baseline = t.memory();
        List<Conn> held = new ArrayList<>();
        for (int step : cfg.ladder()) {
            int offset = held.size();
            List<WsPool.ConnectStats> stats = new ArrayList<>();
            held.addAll(pool.connectAll(step - offset, cfg.handshakeConcurrency(), i -> t.uri(offset + i), 0, stats,
                    cfg.handshakeConcurrency() * 2));
            Thread.sleep(2000); // the server's welcome frames go out
            int open = (int) held.stream().filter(Conn::isOpen).count();
            Target.Memory m = t.memory();
            var s = new Results.IdleStep(step, open, m.heap(), m.rss(), (m.heap() - r.baseline.heap()) / (double) open,
                    (m.rss() - r.baseline.rss()) / (double) open, stats.get(0).perSecond(), stats.get(0).failed());
            r.ladder.add(s);
            log.accept(String.format("%s: idle %d: %d held, heap %.1f KB/conn, RSS %.1f KB/conn, connected at %.0f/s, %d failed %s",
                    t.name(), step, open, s.heapPerConnection() / 1024, s.rssPerConnection() / 1024, s.connectPerSecond(),
                    s.failed(), stats.get(0).failures()));
            if (stats.get(0).failed() > 0) {
                r.notes.add(String.format("Idle ladder stopped at %,d: %,d connections held, then %d handshakes failed %s.",
                        step, open, stats.get(0).failed(), stats.get(0).failures()));
                break;
            }
        }
        pool.closeAll(held, 120);
        settle();
    }

    void room(Target t, Results r) throws Exception {
        String room = "fanout-room";
        t.createRooms(List.of(room));
        List<Conn> conns = connectAndJoin(t, cfg.roomSize(), 0, 0, i -> room);
        List<OpenLoop.Sender> senders = conns.stream().map(c -> new OpenLoop.Sender(c, room, conns.size())).toList();
        for (double rate : cfg.rates()) {
            Probe.Summary s = measure(t, senders, rate, cfg.rateSeconds(), String.format("room of %d at %.0f msg/s", conns.size(), rate));
            r.rates.add(new Results.RateStep(rate, s));
            if (s.inTimePct() < 50) {
                r.notes.add(String.format("Room of %d: higher rates not run, at %.0f msg/s only %.0f%% of the deliveries came within 1 s.",
                        conns.size(), rate, s.inTimePct()));
                break;
            }
        }
        pool.closeAll(conns, 30);
        settle();
    }

    Probe.Summary roomAt(Target t, String room, double rate, double seconds, String label) throws Exception {
        t.createRooms(List.of(room));
        List<Conn> conns = connectAndJoin(t, cfg.roomSize(), 0, 0, i -> room);
        List<OpenLoop.Sender> senders = conns.stream().map(c -> new OpenLoop.Sender(c, room, conns.size())).toList();
        Probe.Summary s = measure(t, senders, rate, seconds, label);
        pool.closeAll(conns, 30);
        settle();
        return s;
    }

    Probe.Summary chatMix(Target t) throws Exception {
        int rooms = cfg.mixConnections() / cfg.mixRoomSize();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            names.add("mix-" + i);
        }
        t.createRooms(names);
        // consecutive connections share a room, so a room's members are different users
        List<Conn> conns = connectAndJoin(t, rooms * cfg.mixRoomSize(), 0, 0, i -> names.get(i / cfg.mixRoomSize()));
        Map<String, Integer> members = new HashMap<>();
        Map<Conn, String> roomOf = new HashMap<>();
        for (int i = 0; i < conns.size(); i++) {
            roomOf.put(conns.get(i), names.get(i / cfg.mixRoomSize()));
        }
        // joined connections only: the ones that failed to connect shift nothing, the room simply has fewer members
        roomOf.values().forEach(room -> members.merge(room, 1, Integer::sum));
        List<OpenLoop.Sender> senders = new ArrayList<>();
        for (int k = 0; k < cfg.mixRoomSize(); k++) { // one message per room in turn, each member in turn
            for (int room = 0; room < rooms; room++) {
                int i = room * cfg.mixRoomSize() + k;
                if (i < conns.size()) {
                    String name = roomOf.get(conns.get(i));
                    senders.add(new OpenLoop.Sender(conns.get(i), name, members.get(name)));
                }
            }
        }
        Probe.Summary s = measure(t, senders, rooms * cfg.mixPerRoomRate(), cfg.mixSeconds(),
                String.format("chat mix, %d connections in %d rooms", conns.size(), rooms));
        pool.closeAll(conns, 60);
        settle();
        return s;
    }

    Results.Slow slowReaders(Target t) throws Exception {
        String room = "slow-room";
        t.createRooms(List.of(room));
        List<Conn> slow = connectAndJoin(t, cfg.slowReaders(), 0, cfg.slowReceiveBuffer(), i -> room);
        List<Conn> readers = connectAndJoin(t, cfg.slowRoomSize() - cfg.slowReaders(), cfg.slowReaders(), 0, i -> room);
        slow.forEach(c -> c.measured = false);
        List<OpenLoop.Sender> senders = readers.stream().map(c -> new OpenLoop.Sender(c, room, readers.size())).toList();
        Probe.Summary without = measure(t, senders, cfg.slowRate(), cfg.slowSeconds(), "slow readers: all reading");
        slow.forEach(Conn::stopReading);
        Probe.Summary with = measure(t, senders, cfg.slowRate(), cfg.slowSeconds(),
                String.format("slow readers: %d of %d not reading", slow.size(), slow.size() + readers.size()));
        long closedTooSlow = slow.stream().filter(c -> !c.isOpen()).count();
        long readersClosed = readers.stream().filter(c -> !c.isOpen()).count();
        log.accept(String.format("%s: slow readers: %d of %d slow readers closed by the server, %d readers closed",
                t.name(), closedTooSlow, slow.size(), readersClosed));
        List<Conn> all = new ArrayList<>(slow);
        all.addAll(readers);
        pool.closeAll(all, 30);
        settle();
        return new Results.Slow(without, with, closedTooSlow, readersClosed);
    }

    void durable(Target t, Results r) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cfg.durableSenders(); i++) {
            names.add("solo-" + i);
        }
        t.createRooms(names);
        List<Conn> conns = connectAndJoin(t, names.size(), 0, 0, names::get);
        List<OpenLoop.Sender> senders = new ArrayList<>();
        for (int i = 0; i < conns.size(); i++) {
            senders.add(new OpenLoop.Sender(conns.get(i), names.get(i), 1));
        }
        for (double rate : cfg.durableRates()) {
            Probe.Summary s = measure(t, senders, rate, cfg.durableSeconds(),
                    String.format("%d senders at %.0f msg/s in all", conns.size(), rate));
            // Pulse: acks (stored durably); the peer stores nothing and has no ack: its echo to the sender
            long answered = t.acks() ? s.acked() : s.delivered();
            double perSecond = answered / s.answeredSeconds();
            r.durable.add(new Results.DurableStep(rate, s, perSecond));
            log.accept(String.format("%s: %.0f %s/s at %.0f offered", t.name(), perSecond, t.acks() ? "acked" : "echoed", rate));
            if (perSecond < 0.9 * rate) {
                break;
            }
        }
        pool.closeAll(conns, 30);
        settle();
    }

    /** One open-loop run into the senders' rooms, drained and summarised. */
    private Probe.Summary measure(Target t, List<OpenLoop.Sender> senders, double rate, double seconds, String label)
            throws InterruptedException {
        Probe probe = traffic.newProbe();
        OpenLoop.run(probe, rate, seconds, senders, text);
        probe.awaitDrained(t.acks(), 20);
        traffic.finish(probe);
        Probe.Summary s = probe.summary();
        log.accept(String.format("%s: %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms, in time %.1f%%, %d of %d delivered%s",
                t.name(), label, s.p50(), s.p99(), s.max(), s.inTimePct(), s.delivered(), s.expected(),
                t.acks() ? String.format(", acks p99 %.1f ms (%d of %d, %d refused)", s.ackP99(), s.acked(), s.sent(), s.errors()) : ""));
        return s;
    }

    /**
     * Opens {@code n} connections (the {@code offset}-th onwards of the target's URIs) and joins each to its room;
     * {@code receiveBuffer} > 0 gives them a small socket receive buffer.
     */
    private List<Conn> connectAndJoin(Target t, int n, int offset, int receiveBuffer, IntFunction<String> roomOf)
            throws Exception {
        List<WsPool.ConnectStats> stats = new ArrayList<>();
        List<Conn> conns = pool.connectAll(n, cfg.handshakeConcurrency(), i -> t.uri(offset + i), receiveBuffer, stats,
                cfg.handshakeConcurrency() * 2);
        if (stats.get(0).failed() > 0) {
            log.accept(t.name() + ": " + stats.get(0).failed() + " connections failed: " + stats.get(0).failures());
        }
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < conns.size(); i++) {
            joins.add(conns.get(i).join(roomOf.apply(i)));
        }
        LongAdder failed = new LongAdder();
        for (CompletableFuture<Void> join : joins) {
            try {
                join.get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                failed.increment();
            }
        }
        if (failed.sum() > 0) {
            log.accept(t.name() + ": " + failed.sum() + " joins failed");
        }
        return conns;
    }

    /** Lets the server finish closing and collecting before the next measurement. */
    private void settle() throws InterruptedException {
        Thread.sleep(cfg.settleMillis());
    }

    static Set<String> all() {
        return Set.copyOf(SCENARIOS);
    }
}
