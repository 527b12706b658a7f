package io.pulsechat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the whole benchmark: starts the peer and Pulse (the packaged jar) as their own processes, warms up, runs
 * every scenario against Pulse and then the peer, and writes {@code report.md} and PNG charts. Run it with
 * {@code ./mvnw -Pbench verify}; options go in {@code -Dbench.args="..."}:
 * <ul>
 * <li>{@code --scenarios idle,handshake,room,mix,slow,durable} (default all) and {@code --targets pulse,peer}</li>
 * <li>{@code --pulse-jvm=<flag>} and {@code --pulse-arg=<arg>} (repeatable): extra JVM flags / application
 *     arguments for Pulse, for experiments (e.g. {@code --pulse-arg=--chat.limits.text-message-max=8KB})</li>
 * <li>{@code --no-deflate}: the clients do not offer permessage-deflate (browsers do)</li>
 * <li>{@code --ladder 1000,5000}: other idle ladder steps; {@code --warmup=<seconds>}: another warm-up (0: only
 *     the handshake burst)</li>
 * <li>{@code --no-cold}: skip the cold first run; {@code --smoke}: tiny numbers; {@code --label=...}: named in the report</li>
 * </ul>
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = null;
        Path out = Path.of("target", "bench");
        Path peerDir = Path.of("src", "test", "bench", "peer");
        Set<String> targets = new LinkedHashSet<>(List.of("pulse", "peer"));
        List<String> scenarios = new ArrayList<>(Benchmark.SCENARIOS);
        List<String> jvm = new ArrayList<>();
        List<String> appArgs = new ArrayList<>();
        boolean deflate = true;
        boolean cold = true;
        boolean smoke = false;
        int[] ladder = null;
        Double warmup = null;
        String label = null;
        List<String> options = new ArrayList<>(); // for the report: what differed from the default run
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isBlank()) {
                continue;
            }
            if (!a.equals("--jar") && !a.equals("--out") && !a.equals("--peer-dir")) {
                options.add(a);
            }
            switch (a.contains("=") ? a.substring(0, a.indexOf('=')) : a) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--peer-dir" -> peerDir = Path.of(args[++i]);
                case "--targets" -> {
                    targets = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                    options.set(options.size() - 1, a + " " + args[i]);
                }
                case "--scenarios" -> {
                    scenarios = Arrays.asList(args[++i].split(","));
                    options.set(options.size() - 1, a + " " + args[i]);
                }
                case "--pulse-jvm" -> jvm.add(a.substring(a.indexOf('=') + 1));
                case "--pulse-arg" -> appArgs.add(a.substring(a.indexOf('=') + 1));
                case "--label" -> label = a.substring(a.indexOf('=') + 1);
                case "--no-deflate" -> deflate = false;
                case "--no-cold" -> cold = false;
                case "--smoke" -> smoke = true;
                case "--warmup" -> warmup = Double.parseDouble(a.substring(a.indexOf('=') + 1));
                case "--ladder" -> {
                    ladder = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                    options.set(options.size() - 1, a + " " + args[i]);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (see BenchMain's javadoc)");
            }
        }
        if (targets.contains("pulse") && (jar == null || !Files.isRegularFile(jar))) {
            throw new IllegalArgumentException("--jar must name the packaged Pulse jar (./mvnw -Pbench verify builds it): " + jar);
        }
        BenchConfig cfg = smoke ? BenchConfig.smoke() : BenchConfig.full();
        if (ladder != null) {
            cfg = cfg.withLadder(ladder);
        }
        if (warmup != null) {
            cfg = cfg.withWarmup(warmup);
        }
        Files.createDirectories(out);
        long startNanos = System.nanoTime();
        Consumer<String> log = line -> System.out.printf("[bench %s] %s%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), line);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        env.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + Math.round(physicalMemoryGiB()) + " GiB, " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("load average before", loadAverage());
        env.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("command", "`./mvnw -Pbench verify" + (options.isEmpty() ? "" : " -Dbench.args=\"" + String.join(" ", options) + "\"") + "`");
        env.put("clients", "one JVM, Netty, permessage-deflate " + (deflate ? "offered (as browsers do)" : "not offered"));
        if (label != null) {
            env.put("label", label);
        }

        Traffic traffic = new Traffic();
        List<Results> results = new ArrayList<>();
        List<Target> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread stopServers = new Thread(() -> started.forEach(Target::close)); // also when the runner is interrupted
        Runtime.getRuntime().addShutdownHook(stopServers);
        PeerTarget peer = null;
        PulseTarget pulse = null;
        try (WsPool pool = new WsPool(2, deflate, traffic)) {
            Benchmark bench = new Benchmark(pool, traffic, cfg, log);
            List<Target> running = new ArrayList<>();
            Results pulseResults = new Results("Pulse");
            Results peerResults = new Results("peer");
            if (targets.contains("peer")) {
                peer = PeerTarget.start(peerDir, out.resolve("peer.log"));
                started.add(peer);
                peerResults.description = peer.describe();
                log.accept("peer started; warming up the load client against it");
                bench.warmUp(peer); // the client's own JIT, before the cold Pulse run
            }
            if (targets.contains("pulse")) {
                pulse = PulseTarget.start(jar, jvm, appArgs, out.resolve("pulse.log"));
                started.add(pulse);
                pulseResults.description = pulse.describe();
                pulse.prepareUsers(cfg.users(), "bench");
                log.accept("Pulse started (pid " + pulse.pid() + "), " + cfg.users() + " users registered with tokens");
                if (cold) {
                    bench.coldRun(pulse, pulseResults);
                }
                bench.warmUp(pulse);
                running.add(pulse);
                results.add(pulseResults);
            }
            if (peer != null) {
                running.add(peer);
                results.add(peerResults);
            }
            for (String scenario : scenarios) {
                for (Target t : running) {
                    bench.run(scenario, t, t == pulse ? pulseResults : peerResults);
                }
            }
            if (!pool.closeCodes.isEmpty()) {
                log.accept("close codes sent by the servers: " + pool.closeCodes);
            }
        } finally {
            started.forEach(Target::close);
            started.clear();
            Runtime.getRuntime().removeShutdownHook(stopServers);
        }
        env.put("load average after (other work on the machine shows here)", loadAverage());
        env.put("duration", String.format("%.1f min", (System.nanoTime() - startNanos) / 60e9));
        String summary = new Report(results, cfg, env).write(out);
        System.out.println();
        System.out.println(summary);
        System.out.println("Report: " + out.resolve("report.md").toAbsolutePath());
    }

    /** The 1, 5 and 15 minute load averages: the benchmark shares the machine, and this says how busy it was. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double physicalMemoryGiB() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() / (1024.0 * 1024 * 1024);
        }
        return 0;
    }
}
