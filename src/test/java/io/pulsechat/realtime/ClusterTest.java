package io.pulsechat.realtime;

import static io.pulsechat.realtime.Wire.ack;
import static io.pulsechat.realtime.Wire.cmid;
import static io.pulsechat.realtime.Wire.event;
import static io.pulsechat.realtime.Wire.message;
import static io.pulsechat.realtime.Wire.noneOf;
import static io.pulsechat.realtime.Wire.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import io.pulsechat.RedisSupport;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes on one PostgreSQL and one Redis behave as one server (issue 9): delivery across nodes exactly once, one
 * order everywhere, presence per user across the cluster, typing, 4401 and the session limit across nodes, resume on
 * another node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTest {

    Cluster cluster;
    List<TestApi> apis;
    final List<WsClient> clients = new ArrayList<>();
    TestApi.User alice;
    TestApi.User bob;
    TestApi.User carol;
    String room;

    @BeforeAll
    void startThreeNodes() {
        RedisSupport.require();
        // ordering under load, not rate limits, is tested here
        cluster = new Cluster(RedisSupport.host(), RedisSupport.port(),
                Map.of("chat.limits.sends-per-second", "1000", "chat.limits.send-burst", "1000"));
        apis = new ArrayList<>();
        for (String name : List.of("n1", "n2", "n3")) {
            apis.add(Cluster.api(cluster.start(name)));
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void cast() {
        alice = apis.get(0).register();
        bob = apis.get(1).register();
        carol = apis.get(2).register();
        room = apis.get(0).createRoom(alice);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::closeQuietly);
        clients.clear();
    }

    WsClient connect(int node, TestApi.User user, String protocol) {
        WsClient client = apis.get(node).connect(user, protocol);
        clients.add(client);
        return client;
    }

    WsClient connectAndJoin(int node, TestApi.User user, String protocol) {
        WsClient client = connect(node, user, protocol);
        client.join(room);
        return client;
    }

    @Test
    void aMessageSentThroughOneNodeReachesEveryNodeOnceWithTheSameId() {
        WsClient a = connectAndJoin(0, alice, "superchat");
        WsClient b = connectAndJoin(1, bob, "chat");
        WsClient c = connectAndJoin(2, carol, "superchat");
        String id = cmid();
        a.sendMessage(room, "across the cluster", id);
        // the sender's copy may come before or after its ack (the contract orders neither): wait for both
        List<JsonNode> own = a.awaitEach(ack(id), message(id));
        JsonNode acked = own.get(0);
        for (WsClient reader : List.of(a, b, c)) {
            JsonNode got = reader == a ? own.get(1) : reader.await(message(id));
            assertThat(got.get("id").asLong()).isEqualTo(acked.get("id").asLong());
            assertThat(got.get("text").asString()).isEqualTo("across the cluster");
        }
        String sentinel = cmid();
        a.sendMessage(room, "sentinel", sentinel);
        for (WsClient reader : List.of(b, c)) {
            noneOf(reader.until(message(sentinel)), message(id), "a second copy");
        }
    }

    @Test
    void concurrentSendersOnEveryNodeAreSeenInOneOrderEverywhere() throws Exception {
        int perSender = 100;
        List<WsClient> senders = List.of(connectAndJoin(0, alice, "chat"), connectAndJoin(1, bob, "chat"), connectAndJoin(2, carol, "chat"));
        List<WsClient> readers = List.of(connectAndJoin(0, carol, "chat"), connectAndJoin(1, alice, "chat"), connectAndJoin(2, bob, "chat"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                WsClient sender = senders.get(s);
                int n = s;
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perSender; i++) {
                        sender.sendMessage(room, "s" + n + "-" + i, "order-" + n + "-" + i);
                    }
                    Set<String> acked = new HashSet<>();
                    while (acked.size() < perSender) {
                        acked.add(sender.await(type(4)).get("client_msg_id").asString());
                    }
                }, pool));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
        int total = perSender * senders.size();
        List<Long> history = apis.get(1).history(room, bob).stream().map(m -> m.get("id").asLong()).toList();
        assertThat(history).hasSize(total);
        for (WsClient reader : readers) {
            List<Long> seen = new ArrayList<>();
            while (seen.size() < total) {
                seen.add(reader.await(type(2)).get("id").asLong());
            }
            assertThat(seen).as("every node delivers every message once, in id order").containsExactlyElementsOf(history);
        }
    }

    @Test
    void presenceIsPerUserAcrossTheCluster() {
        WsClient watcher = connectAndJoin(1, bob, "chat");
        WsClient first = connect(0, alice, "chat");
        JsonNode joined = first.join(room);
        assertThat(joined.get("online")).extracting(u -> u.get("userid").asString()).contains(alice.userid(), bob.userid());
        watcher.await(event(room, "joined", alice.userid()));

        // alice's second session on another node: she is there already
        WsClient second = connect(2, alice, "superchat");
        JsonNode again = second.join(room);
        assertThat(again.get("online")).extracting(u -> u.get("userid").asString()).containsOnlyOnce(alice.userid());
        first.send(Map.of("req_type", 4, "room", room));
        first.await(event(room, "left", alice.userid()));
        String sentinel = cmid();
        second.sendMessage(room, "still here", sentinel);
        noneOf(watcher.until(message(sentinel)), event(room, "left", alice.userid()), "left while another session is in");

        // her last session anywhere leaves
        second.closeQuietly();
        watcher.await(event(room, "left", alice.userid()));
        JsonNode later = connect(2, carol, "chat").join(room);
        assertThat(later.get("online")).extracting(u -> u.get("userid").asString()).contains(bob.userid(), carol.userid())
                .doesNotContain(alice.userid());
    }

    @Test
    void typingCrossesNodes() {
        WsClient typist = connectAndJoin(0, alice, "superchat");
        WsClient reader = connectAndJoin(2, bob, "superchat");
        typist.send(Map.of("req_type", 5, "room", room));
        assertThat(reader.await(event(room, "typing")).get("user").get("userid").asString()).isEqualTo(alice.userid());
    }

    @Test
    void aLogoutOnOneNodeEndsTheUsersSessionsOnEveryNode() {
        List<WsClient> sessions = List.of(connect(0, alice, "chat"), connect(1, alice, "chat"), connect(2, alice, "superchat"));
        WsClient other = connect(1, bob, "chat");
        String before = apis.get(2).token(alice);
        assertThat(apis.get(2).handshakeStatus(apis.get(2).wsUrl(alice.userid(), before, null), java.util.Map.of(), "chat"))
                .as("the third node now knows alice's tokens").isEqualTo(101);
        cluster.nodes.get(0).getBean(io.pulsechat.account.Accounts.class).revokeTokens(alice.userid());
        for (WsClient s : sessions) {
            assertThat(s.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(4401);
        }
        assertThat(other.closedOrNull()).isNull();
        // what the other nodes remembered of her tokens went with the signal: the old token is refused at once
        for (TestApi api : apis) {
            assertThat(api.handshakeStatus(api.wsUrl(alice.userid(), before, null), java.util.Map.of(), "chat")).isEqualTo(401);
        }
    }

    @Test
    void theSessionLimitCountsEveryNodeAndSimultaneousHandshakesCannotOvershoot() throws Exception {
        TestApi.User dave = apis.get(0).register();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestApi api = apis.get(i % 3);
            urls.add(api.wsUrl(dave.userid(), api.token(dave), null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        List<WsClient> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < 20; i++) {
                TestApi api = apis.get(i % 3);
                String url = urls.get(i);
                statuses.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        opened.add(api.open(url, Map.of(), "chat"));
                        return 101;
                    } catch (TestApi.HandshakeRefused refused) {
                        return refused.status;
                    }
                }, pool));
            }
            List<Integer> results = statuses.stream().map(CompletableFuture::join).toList();
            assertThat(results.stream().filter(s -> s == 101)).as("the limit across three nodes").hasSize(10);
            assertThat(results.stream().filter(s -> s == 429)).hasSize(10);
        } finally {
            pool.shutdown();
            opened.forEach(WsClient::closeQuietly);
        }
        // slots come back when sessions close, on whichever node
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = apis.get(2).handshakeStatus(apis.get(2).wsUrl(dave.userid(), apis.get(2).token(dave), null), Map.of(), "chat");
        } while (status == 429 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(101);
    }

    @Test
    void aClientThatMovesToAnotherNodeResumesWithNothingMissed() {
        WsClient reader = connectAndJoin(0, bob, "chat");
        WsClient writer = connectAndJoin(1, alice, "chat");
        String seen = cmid();
        writer.sendMessage(room, "before the move", seen);
        long lastSeen = reader.await(message(seen)).get("id").asLong();
        reader.closeQuietly();

        Set<String> missed = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String id = cmid();
            missed.add(id);
            writer.sendMessage(room, "while away " + i, id);
            writer.await(ack(id));
        }
        WsClient moved = connectAndJoin(2, bob, "chat");
        moved.send(Map.of("req_type", 6, "room", room, "after", lastSeen));
        List<JsonNode> replayed = Wire.texts(moved.until(type(6))).stream().filter(type(2)).toList();
        assertThat(replayed).extracting(m -> m.get("client_msg_id").asString()).containsExactlyInAnyOrderElementsOf(missed);
        assertThat(replayed).extracting(m -> m.get("id").asLong()).isSorted();
    }
}
