package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * A client that stops reading while the room floods is closed once more than its send buffer waits for it,
 * and never delays delivery to the others (issue: "one writer per session ... a client that stops reading
 * is closed once over its buffer ... and never delays delivery to the others"). The flood is paced by the healthy
 * reader (a room whose traffic outruns every reader closes them all, by design). The send time limit is the
 * default 10 s, so a stall of a shared thread on the stuck socket would show as a gap of seconds.
 */
@ChatServerTest(properties = {"chat.limits.send-buffer-limit=256KB", "chat.limits.send-time-limit=10s",
        "chat.limits.sends-per-second=100000", "chat.limits.send-burst=100000"})
class SlowConsumerTest extends OpenClients {

    static final int MESSAGES = 2000;
    static final int WINDOW = 32;
    static final String TEXT = "z".repeat(3990);

    @Autowired
    SessionRegistry registry;

    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    Optional<ChatSession> session(WsClient client) {
        return registry.all().stream().filter(s -> s.id().equals(client.sessionId())).findFirst();
    }

    @Test
    void aClientThatStopsReadingIsClosedAndTheOthersGetEverythingPromptly() throws Exception {
        TestApi api = new TestApi(port);
        TestApi.User owner = api.register();
        String room = api.createRoom(owner);
        WsClient stuck = api.connect(api.register(), "chat");
        WsClient reader = api.connect(api.register(), "superchat");
        WsClient flooder = api.connect(owner, "chat");
        clients.addAll(List.of(stuck, reader, flooder));
        stuck.join(room);
        reader.join(room);
        flooder.join(room);
        String warmUp = cmid();
        flooder.sendMessage(room, "warm-up", warmUp);
        stuck.await(Wire.message(warmUp));
        reader.await(Wire.message(warmUp));
        flooder.await(ack(warmUp));

        stuck.stopReading();
        long started = System.nanoTime();
        AtomicInteger readerGot = new AtomicInteger();
        Future<long[]> reading = threads.submit(() -> {
            // arrival order and the largest gap between two consecutive messages
            long expected = -1;
            long last = System.nanoTime();
            long maxGap = 0;
            int got = 0;
            while (got < MESSAGES) {
                JsonNode m = reader.await(Wire.type(2).and(f -> f.path("client_msg_id").asString().startsWith("flood-")),
                        Duration.ofSeconds(30));
                long now = System.nanoTime();
                maxGap = Math.max(maxGap, now - last);
                last = now;
                long id = m.get("id").asLong();
                assertThat(id).isGreaterThan(expected);
                expected = id;
                assertThat(m.get("client_msg_id").asString()).isEqualTo("flood-" + got);
                got++;
                readerGot.set(got);
            }
            return new long[] {now() - started, maxGap};
        });
        // the flooder reads its own frames on another thread, like any healthy client
        Future<Integer> flooderReading = threads.submit(() -> {
            int acks = 0;
            while (acks < MESSAGES) {
                JsonNode f = flooder.await(Wire.type(4).or(Wire.type(9)), Duration.ofSeconds(30));
                assertThat(f.get("resp_type").asInt()).as("flooder got %s", f).isEqualTo(4);
                acks++;
            }
            return acks;
        });
        // as fast as the healthy reader takes them: at most WINDOW messages (about 130 KB) ahead of it, so only a
        // client that does not read at all can fall more than the 256 KB buffer behind
        for (int i = 0; i < MESSAGES; i++) {
            while (i - readerGot.get() >= WINDOW && !reading.isDone()) {
                Thread.onSpinWait();
            }
            flooder.sendMessage(room, TEXT, "flood-" + i);
        }

        long[] result = reading.get(40, TimeUnit.SECONDS);
        assertThat(flooderReading.get(30, TimeUnit.SECONDS)).isEqualTo(MESSAGES);
        System.out.printf("SlowConsumerTest: %d messages of %d chars (%.1f MB per session) reached the reader in %.2f s,"
                + " largest gap %d ms%n", MESSAGES, TEXT.length(), MESSAGES * 4.1 / 1024, result[0] / 1e9, result[1] / 1_000_000);
        assertThat(Duration.ofNanos(result[0])).as("all delivered to the reading client").isLessThan(Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(result[1])).as("largest gap between two messages at the reading client")
                .isLessThan(Duration.ofSeconds(5));

        // the stuck one was closed (1013) by the server; its session is done with
        Wire.eventually(Duration.ofSeconds(15), "the stuck session closed by the server",
                () -> session(stuck).map(s -> !s.isOpen()).orElse(true));
        assertThat(session(reader)).get().matches(ChatSession::isOpen);
        assertThat(session(flooder)).get().matches(ChatSession::isOpen);

        // and gone from the registry (its slot and its presence freed) even though the client still does not read
        Wire.eventually(Duration.ofSeconds(30), "the stuck session removed from the registry", () -> session(stuck).isEmpty());
        // once it reads again it sees the frames that made it onto the wire, then the close
        stuck.resumeReading();
        WsClient.Close close = stuck.awaitClose(Duration.ofSeconds(30));
        System.out.println("SlowConsumerTest: the stuck client saw close " + close);
        assertThat(close.code()).isIn(1013, 1006);
    }

    private static long now() {
        return System.nanoTime();
    }
}
