package io.pulsechat.realtime;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulsechat.WsClient;

/** A test against the running server whose WebSocket clients (added to {@link #clients}) are closed after each test. */
abstract class OpenClients {

    @LocalServerPort
    int port;

    final List<WsClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::closeQuietly);
    }
}
