package io.pulsechat.realtime;

import org.junit.jupiter.api.BeforeEach;

import io.pulsechat.TestApi;
import io.pulsechat.WsClient;

/**
 * The usual cast of a messaging test against the running server: two registered users, a fresh room created
 * by alice; the clients a test opens are closed after it.
 */
abstract class ChatFixture extends OpenClients {

    TestApi api;
    TestApi.User alice;
    TestApi.User bob;
    String room;

    @BeforeEach
    void castAndRoom() {
        api = new TestApi(port);
        alice = api.register();
        bob = api.register();
        room = api.createRoom(alice);
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
