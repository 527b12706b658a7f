package io.pulsechat.realtime;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/**
 * The usual cast of a messaging test against the running server: two registered users, a fresh room created
 * by alice, and the clients a test opens, closed after each test.
 */
abstract class ChatFixture {

    @LocalServerPort
    int port;

    TestApi api;
    TestApi.User alice;
    TestApi.User bob;
    String room;
    final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void castAndRoom() {
        api = new TestApi(port);
        alice = api.register();
        bob = api.register();
        room = api.createRoom(alice);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::closeQuietly);
    }

    /** A connected session (welcome read), closed after the test. */
    WsClient connect(TestApi.User user, String... protocols) {
        WsClient client = api.connect(user, protocols);
        clients.add(client);
        return client;
    }

    /** A connected session that has joined {@link #room}. */
    WsClient connectAndJoin(TestApi.User user, String... protocols) {
        WsClient client = connect(user, protocols);
        client.join(room);
        return client;
    }
}
