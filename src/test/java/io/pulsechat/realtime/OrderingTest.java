package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * Four clients of four users send 200 messages each into one room at the same time: every session in the
 * room receives all 800 in one strictly increasing id order, each sender's acks match, and REST history
 * agrees exactly (docs/protocol.md section 2: ids strictly increase within a room, in commit order).
 */
@ChatServerTest(properties = {"chat.limits.sends-per-second=100000", "chat.limits.send-burst=100000"})
class OrderingTest extends OpenClients {

    static final int SENDERS = 4;
    static final int EACH = 200;
    static final int TOTAL = SENDERS * EACH;

    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** What one receiver saw: the messages in arrival order, its own acks, and when the last message came. */
    record Received(List<JsonNode> messages, Map<String, JsonNode> acks, long lastAt) {
    }

    @Test
    void fourConcurrentSendersAreSeenInOneOrderByEveryoneAndHistoryAgrees() throws Exception {
        TestApi api = new TestApi(port);
        List<TestApi.User> users = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            users.add(api.register());
        }
        String room = api.createRoom(users.get(0));
        List<WsClient> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            WsClient client = api.connect(users.get(i), i % 2 == 0 ? "chat" : "superchat");
            client.join(room);
            senders.add(client);
        }
        WsClient observer = api.connect(api.register(), "chat");
        observer.join(room);
        clients.addAll(senders);
        clients.add(observer);
        List<WsClient> receivers = new ArrayList<>(senders);
        receivers.add(observer);

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Received>> collecting = new ArrayList<>();
        for (int r = 0; r < receivers.size(); r++) {
            WsClient receiver = receivers.get(r);
            int ownAcks = r < SENDERS ? EACH : 0;
            collecting.add(threads.submit(() -> collect(receiver, ownAcks)));
        }
        List<Future<?>> sending = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            WsClient sender = senders.get(s);
            int n = s;
            sending.add(threads.submit(() -> {
                start.await();
                for (int k = 0; k < EACH; k++) {
                    sender.sendMessage(room, "message " + k + " of sender " + n, "s" + n + "-" + k);
                }
                return null;
            }));
        }
        long started = System.nanoTime();
        start.countDown();
        for (Future<?> f : sending) {
            f.get(60, TimeUnit.SECONDS);
        }
        List<Received> seen = new ArrayList<>();
        for (Future<Received> f : collecting) {
            seen.add(f.get(90, TimeUnit.SECONDS));
        }
        long lastDelivered = seen.stream().mapToLong(Received::lastAt).max().orElseThrow();
        double seconds = (lastDelivered - started) / 1e9;
        System.out.printf("OrderingTest throughput: %d messages stored and delivered to %d sessions (%d frames) in %.2f s"
                        + " = %.0f messages/s, %.0f frames/s%n",
                TOTAL, receivers.size(), TOTAL * receivers.size(), seconds, TOTAL / seconds, TOTAL * receivers.size() / seconds);

        // every receiver: all 800, strictly increasing, and all receivers the same sequence
        List<Long> reference = ids(seen.get(0).messages());
        for (Received r : seen) {
            List<Long> ids = ids(r.messages());
            assertThat(ids).hasSize(TOTAL).doesNotHaveDuplicates();
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i)).as("id at position %d", i).isGreaterThan(ids.get(i - 1));
            }
            assertThat(ids).isEqualTo(reference);
            assertThat(r.messages()).isEqualTo(seen.get(0).messages());
        }
        List<JsonNode> messages = seen.get(0).messages();
        assertThat(messages).extracting(m -> m.get("client_msg_id").asString()).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("s[0-3]-\\d+"));
        // each sender's own messages keep the order it sent them in
        for (int s = 0; s < SENDERS; s++) {
            String prefix = "s" + s + "-";
            List<String> own = messages.stream().map(m -> m.get("client_msg_id").asString()).filter(id -> id.startsWith(prefix)).toList();
            List<String> sent = new ArrayList<>();
            for (int k = 0; k < EACH; k++) {
                sent.add(prefix + k);
            }
            assertThat(own).isEqualTo(sent);
            assertThat(messages.stream().filter(m -> m.get("client_msg_id").asString().startsWith(prefix)))
                    .allMatch(m -> m.get("from").get("userid").asString().equals(users.get(Integer.parseInt(prefix.substring(1, 2))).userid()));
        }
        // acks: one per message, with the id and ts it was delivered with
        Map<String, JsonNode> byClientId = new HashMap<>();
        messages.forEach(m -> byClientId.put(m.get("client_msg_id").asString(), m));
        for (int s = 0; s < SENDERS; s++) {
            Map<String, JsonNode> acks = seen.get(s).acks();
            assertThat(acks).hasSize(EACH);
            acks.forEach((id, ack) -> {
                assertThat(id).startsWith("s");
                assertThat(ack.get("id").asLong()).isEqualTo(byClientId.get(id).get("id").asLong());
                assertThat(ack.get("ts").asLong()).isEqualTo(byClientId.get(id).get("ts").asLong());
            });
        }

        // REST history, paged 200 at a time, is exactly what was delivered
        List<JsonNode> history = api.history(room, users.get(0));
        assertThat(history).hasSize(TOTAL);
        for (int i = 0; i < TOTAL; i++) {
            JsonNode live = ((tools.jackson.databind.node.ObjectNode) messages.get(i).deepCopy()).without("resp_type");
            assertThat(history.get(i)).as("history[%d]", i).isEqualTo(live);
        }
    }

    private static List<Long> ids(List<JsonNode> messages) {
        return messages.stream().map(m -> m.get("id").asLong()).toList();
    }

    /** Reads until all messages and the receiver's own acks are in; fails on any error frame. */
    private static Received collect(WsClient client, int acksExpected) {
        List<JsonNode> messages = new ArrayList<>();
        Map<String, JsonNode> acks = new HashMap<>();
        long lastAt = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (messages.size() < TOTAL || acks.size() < acksExpected) {
            Object frame = client.pollOrNull(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (frame == null) {
                throw new AssertionError("after 60 s " + messages.size() + " messages and " + acks.size() + " acks; closed: "
                        + client.closedOrNull());
            }
            if (frame instanceof JsonNode f) {
                switch (f.path("resp_type").asInt()) {
                    case 2 -> {
                        messages.add(f);
                        lastAt = System.nanoTime();
                    }
                    case 4 -> acks.put(f.get("client_msg_id").asString(), f);
                    case 9 -> throw new AssertionError("error frame during the run: " + f);
                    default -> {
                    }
                }
            }
        }
        return new Received(messages, acks, lastAt);
    }
}
