package io.pulsechat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The peer: {@code src/test/bench/peer/peer.js}, a minimal Node.js {@code ws} broadcast server (nothing stored,
 * no auth, permessage-deflate off), run with the machine's {@code node} after {@code npm ci}.
 */
final class PeerTarget implements Target {

    private final ServerProcess process;
    private final int port;
    private final String nodeVersion;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private PeerTarget(ServerProcess process, int port, String nodeVersion) {
        this.process = process;
        this.port = port;
        this.nodeVersion = nodeVersion;
    }

    /** {@code npm ci} in the peer's folder, then starts it on a free port. */
    static PeerTarget start(Path peerDir, Path log) throws InterruptedException {
        String npmOut = ServerProcess.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", peerDir.toAbsolutePath().toString()));
        if (!npmOut.contains("added")) {
            throw new IllegalStateException("npm ci did not install the peer's packages: " + npmOut);
        }
        String version = ServerProcess.run(List.of("node", "--version")).strip();
        ServerProcess process = ServerProcess.start("peer", List.of("node", "--expose-gc", "peer.js", "0"), peerDir, log);
        int port = Integer.parseInt(ServerProcess.awaitLine(log, Pattern.compile("listening (\\d+)"), 30));
        return new PeerTarget(process, port, version);
    }

    @Override
    public String name() {
        return "peer";
    }

    @Override
    public URI uri(int i) {
        return URI.create("ws://127.0.0.1:" + port + "/?userid=u" + (i % 1000) + "&version=bench&platform=bench");
    }

    @Override
    public void createRooms(Collection<String> rooms) {
        // rooms exist once joined
    }

    @Override
    public boolean acks() {
        return false;
    }

    /** Heap: V8's heap in use plus memory outside it (Buffers), after {@code gc()}; RSS from /proc. */
    @Override
    public Memory memory() {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode stats = JsonMapper.builder().build().readTree(response.body());
            return new Memory(stats.get("heapUsed").asLong() + stats.get("external").asLong(), ServerProcess.rss(process.pid()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "`node --expose-gc peer.js` (Node.js " + nodeVersion + ", ws, permessage-deflate off, nothing stored)";
    }

    @Override
    public void close() {
        process.close();
    }
}
