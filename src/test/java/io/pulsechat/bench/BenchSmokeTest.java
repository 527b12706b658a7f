package io.pulsechat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.ChatServerTest;
import io.pulsechat.ExternalTool;

/**
 * The load tool's smoke run, so it compiles and works in every {@code ./mvnw verify}: every scenario with tiny
 * numbers against a real server on a random port (and against the Node.js peer when Node and npm are there).
 * It asserts only that the messages arrived and the report was written; nothing here measures speed.
 */
@ChatServerTest
class BenchSmokeTest {

    @LocalServerPort
    int port;

    @TempDir
    Path out;

    final BenchConfig cfg = BenchConfig.smoke();

    @Test
    void everyScenarioRunsAgainstPulseAndTheReportIsWritten() throws Exception {
        Results results = new Results("Pulse");
        try (PulseTarget pulse = PulseTarget.attach(port, ProcessHandle.current().pid())) {
            pulse.prepareUsers(cfg.users(), "smoke" + port);
            results.description = pulse.describe();
            runAll(pulse, results, true);
        }
        assertArrived(results);
        assertThat(results.coldRoom.delivered()).isEqualTo(results.coldRoom.expected()).isPositive();
        assertThat(results.durable).allSatisfy(d -> assertThat(d.summary().acked()).isEqualTo(d.summary().sent()).isPositive());

        String summary = new Report(List.of(results), cfg, Map.of("date", "smoke")).write(out);
        assertThat(summary).contains("| heap per idle connection");
        assertReport();
    }

    @Test
    void everyScenarioRunsAgainstThePeer() throws Exception {
        ExternalTool.require("Node.js", "install it (apt-get install -y nodejs npm) to run the benchmark's peer", "node", "nodejs");
        ExternalTool.require("npm", "install it (apt-get install -y npm) to run the benchmark's peer", "npm");
        Results results = new Results("peer");
        try (PeerTarget peer = PeerTarget.start(Path.of("src", "test", "bench", "peer"), out.resolve("peer.log"))) {
            results.description = peer.describe();
            runAll(peer, results, false);
        }
        assertArrived(results);
        new Report(List.of(results), cfg, Map.of("date", "smoke")).write(out);
        assertReport();
    }

    private void runAll(Target target, Results results, boolean cold) throws Exception {
        Traffic traffic = new Traffic();
        try (WsPool pool = new WsPool(1, true, traffic)) {
            Benchmark bench = new Benchmark(pool, traffic, cfg, System.out::println);
            if (cold) {
                bench.coldRun(target, results);
            }
            for (String scenario : Benchmark.SCENARIOS) {
                bench.run(scenario, target, results);
            }
        }
    }

    private void assertArrived(Results r) {
        assertThat(r.handshakes.opened()).isEqualTo(cfg.handshakes());
        assertThat(r.ladder).hasSize(cfg.ladder().length)
                .allSatisfy(step -> assertThat(step.held()).isEqualTo(step.connections()));
        assertThat(r.rates).hasSize(cfg.rates().length).allSatisfy(step -> {
            assertThat(step.summary().expected()).isEqualTo(Math.round(step.rate() * cfg.rateSeconds()) * cfg.roomSize());
            assertThat(step.summary().delivered()).isEqualTo(step.summary().expected());
        });
        assertThat(r.mix.delivered()).isEqualTo(r.mix.expected()).isPositive();
        assertThat(r.slow.without().delivered()).isEqualTo(r.slow.without().expected()).isPositive();
        assertThat(r.slow.with().delivered()).isPositive();
        assertThat(r.durable).isNotEmpty().allSatisfy(d -> assertThat(d.summary().delivered()).isEqualTo(d.summary().sent()));
    }

    private void assertReport() throws Exception {
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("## Summary", "## Idle ladder", "## Handshakes", "## Chat mix", "## Slow readers",
                "## Durable acked messages");
        for (String chart : List.of("latency-per-rate.png", "memory-per-connection.png")) {
            assertThat(report).contains("(" + chart + ")");
            byte[] png = Files.readAllBytes(out.resolve(chart));
            assertThat(png).hasSizeGreaterThan(1000).startsWith(0x89, 'P', 'N', 'G');
        }
    }
}
