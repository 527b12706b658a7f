package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.event;
import static io.pulsechat.realtime.Wire.message;
import static io.pulsechat.realtime.Wire.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pulsechat.RedisSupport;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * Outages (issue 9), against a Redis this test starts and kills itself: with Redis down, cross-node delivery goes on
 * from the database and nothing is lost, duplicated or reordered; a node that dies without a goodbye has its users
 * leave the survivors' rooms, and its clients resume on another node with nothing missed.
 */
class ClusterOutageTest {

    @TempDir
    Path dir;

    final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
    }

    <T extends AutoCloseable> T closing(T resource) {
        closeAfter.add(resource);
        return resource;
    }

    /** One client: everything it receives, read on a thread of its own. */
    static final class Reader {
        final WsClient client;
        final Map<String, Long> acks = new ConcurrentHashMap<>();
        final List<Long> ids = new CopyOnWriteArrayList<>();
        final List<JsonNode> errors = new CopyOnWriteArrayList<>();

        Reader(WsClient client) {
            this.client = client;
        }

        void read() {
            while (!Thread.currentThread().isInterrupted()) {
                if (client.pollOrNull(Duration.ofMillis(100)) instanceof JsonNode f) {
                    switch (f.path("resp_type").asInt()) {
                        case 4 -> acks.put(f.get("client_msg_id").asString(), f.get("id").asLong());
                        case 2 -> ids.add(f.get("id").asLong());
                        case 9 -> errors.add(f);
                        default -> {
                        }
                    }
                }
            }
        }
    }

    @Test
    void withRedisDownDeliveryGoesOnFromTheDatabaseAndNothingIsLostDuplicatedOrReordered() throws Exception {
        RedisSupport.Server redis = closing(new RedisSupport.Server().start());
        Cluster cluster = closing(new Cluster("127.0.0.1", redis.port, Map.of()));
        TestApi one = Cluster.api(cluster.start("o1"));
        TestApi two = Cluster.api(cluster.start("o2"));
        TestApi.User alice = one.register();
        TestApi.User bob = two.register();
        String room = one.createRoom(alice);

        List<Reader> readers = new ArrayList<>();
        for (var entry : List.of(Map.entry(one, alice), Map.entry(one, bob), Map.entry(two, alice), Map.entry(two, bob))) {
            WsClient client = entry.getKey().connect(entry.getValue(), "chat");
            client.join(room);
            closing(client::closeQuietly);
            readers.add(new Reader(client));
        }
        List<Reader> senders = readers.subList(0, 3); // two on the first node, one on the second
        // someone only on the second node, seen joining by the first node before the outage
        TestApi.User carol = two.register();
        WsClient carolClient = two.connect(carol, "chat");
        closing(carolClient::closeQuietly);
        // her comings and goings number the room's announcements well past what a fresh Redis will reach
        for (int i = 0; i < 3; i++) {
            carolClient.join(room);
            readers.get(0).client.await(event(room, "joined", carol.userid()));
            carolClient.send(Map.of("req_type", 4, "room", room));
            readers.get(0).client.await(event(room, "left", carol.userid()));
        }
        carolClient.join(room);
        readers.get(0).client.await(event(room, "joined", carol.userid()));
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(8);
        closing(threads::shutdownNow);
        readers.forEach(r -> threads.execute(r::read));
        AtomicInteger sent = new AtomicInteger();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        // the second node's sender pauses during the outage: its own commits would show it the gaps, so what
        // reaches it then comes by polling the database alone
        java.util.concurrent.atomic.AtomicBoolean outage = new java.util.concurrent.atomic.AtomicBoolean();
        for (Reader sender : senders) {
            threads.scheduleAtFixedRate(() -> {
                if (sender == senders.get(2) && outage.get()) {
                    return;
                }
                String id = "o-" + sent.incrementAndGet();
                sentAt.put(id, System.nanoTime());
                sender.client.sendMessage(room, "steady " + id, id);
            }, 0, 200, TimeUnit.MILLISECONDS); // 5 a second each: within the rate limit
        }

        pause(Duration.ofSeconds(2));
        outage.set(true);
        redis.kill();
        pause(Duration.ofSeconds(3));
        // down: readiness stays UP, health shows the outage
        assertThat(TestApi.json(one.get("/actuator/health/readiness", null)).get("status").asString()).isEqualTo("UP");
        assertThat(one.get("/actuator/health", null).statusCode()).isEqualTo(503);
        pause(Duration.ofSeconds(2));
        // what was acked during the outage crossed nodes by polling the database, before Redis came back
        long before = System.nanoTime() - Duration.ofSeconds(3).toNanos();
        List<Long> crossedDuringOutage = new ArrayList<>();
        senders.get(0).acks.forEach((id, messageId) -> {
            if (sentAt.get(id) < before && sentAt.get(id) > before - Duration.ofSeconds(2).toNanos()) {
                crossedDuringOutage.add(messageId);
            }
        });
        assertThat(crossedDuringOutage).isNotEmpty();
        assertThat(readers.get(3).ids).as("node 2 got node 1's messages while Redis was down").containsAll(crossedDuringOutage);

        closing(new RedisSupport.Server(redis.port).start());
        outage.set(false);
        pause(Duration.ofSeconds(3));
        threads.shutdownNow().forEach(Runnable::run); // stop sending (readers read on below)
        readers.forEach(r -> new Thread(r::read).start());

        Map<String, Long> acked = new ConcurrentHashMap<>();
        senders.forEach(s -> acked.putAll(s.acks));
        assertThat(acked.size()).isGreaterThan(60);
        // every reader ends with exactly the room's history: every message once, in order (a last send may still be
        // on its way when the senders stop, so the history is read again until the readers agree with it)
        org.awaitility.Awaitility.await("every reader has the whole history").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    List<Long> history = one.history(room, alice).stream().map(m -> m.get("id").asLong()).toList();
                    return readers.stream().allMatch(r -> List.copyOf(r.ids).equals(history));
                });
        List<Long> history = one.history(room, alice).stream().map(m -> m.get("id").asLong()).toList();
        for (Reader reader : readers) {
            assertThat(List.copyOf(reader.ids)).as("every acked message once, in order").containsExactlyElementsOf(history)
                    .containsAll(acked.values());
        }
        senders.forEach(s -> assertThat(s.errors).isEmpty());

        // presence after the outage: the restarted Redis numbers announcements afresh, and they still count
        WsClient watcher = one.connect(bob, "chat");
        closing(watcher::closeQuietly);
        watcher.join(room);
        carolClient.send(Map.of("req_type", 4, "room", room));
        watcher.await(event(room, "left", carol.userid()));
    }

    @Test
    void aNodeThatDiesWithoutAGoodbyeEndsItsUsersPresenceAndItsClientsResumeElsewhere() throws Exception {
        RedisSupport.Server redis = closing(new RedisSupport.Server().start());
        Map<String, String> lease = Map.of("chat.cluster.presence-lease", "3s", "chat.cluster.lease-renewal", "1s");
        Cluster cluster = closing(new Cluster("127.0.0.1", redis.port, lease));
        TestApi survivor = Cluster.api(cluster.start("survivor"));
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=redis", "--chat.cluster.node-id=doomed"));
        cluster.shared.forEach((key, value) -> args.add("--" + key + "=" + value));
        ForkedServer doomed = closing(new ForkedServer(dir, "doomed", args));

        TestApi.User alice = survivor.register();
        TestApi.User bob = survivor.register();
        String room = survivor.createRoom(alice);
        WsClient watcher = survivor.connect(bob, "chat");
        closing(watcher::closeQuietly);
        watcher.join(room);
        WsClient mover = doomed.api().connect(alice, "chat");
        closing(mover::closeQuietly);
        mover.join(room);
        watcher.await(event(room, "joined", alice.userid()));
        String seen = cmid();
        mover.sendMessage(room, "from the doomed node", seen);
        long lastSeen = mover.await(message(seen)).get("id").asLong();
        watcher.await(message(seen));

        doomed.kill();
        long killed = System.nanoTime();
        assertThat(mover.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1006);
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = cmid();
            missed.add(id);
            watcher.sendMessage(room, "while alice moves " + i, id);
            watcher.await(ack(id));
        }
        watcher.await(event(room, "left", alice.userid()), Duration.ofSeconds(20));
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("within about lease + renewal").isLessThan(Duration.ofSeconds(15));

        WsClient moved = survivor.connect(alice, "chat");
        closing(moved::closeQuietly);
        moved.join(room);
        moved.send(Map.of("req_type", 6, "room", room, "after", lastSeen));
        List<JsonNode> replayed = Wire.texts(moved.until(type(6))).stream().filter(type(2)).toList();
        assertThat(replayed).extracting(m -> m.get("client_msg_id").asString()).containsExactlyElementsOf(missed);
    }

    static void pause(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos()); // the load runs in real time
    }
}
