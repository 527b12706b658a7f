package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;
import io.pulsechat.WsClient;
import io.pulsechat.account.LoggedOut;
import io.pulsechat.message.MessageStore;
import io.pulsechat.message.NewMessage;

/**
 * A close the server decides on (here 4401) reaches the client with its code even when a write to that session
 * is in progress and blocked: the browser client acts on the code (docs/protocol.md section 7), and a close that races
 * with a write would otherwise be dropped as a bare connection loss (1006). The send buffer is large here so that
 * the backlog stays under it and the session is not closed as too slow instead.
 */
@ChatServerTest(properties = "chat.limits.send-buffer-limit=64MB")
class CloseCodeTest extends OpenClients {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    MessageStore store;

    @Autowired
    SessionRegistry registry;

    @Test
    void aCloseWhileAWriteIsBlockedStillCarriesItsCode() throws Exception {
        TestApi api = new TestApi(port);
        TestApi.User alice = api.register();
        TestApi.User bob = api.register();
        String room = api.createRoom(alice);
        WsClient a = api.connect(alice, "chat");
        clients.add(a);
        a.join(room);
        a.stopReading();

        // 8 MB for a client that does not read: more than the socket buffers hold, so the writer blocks
        String text = "b".repeat(4000);
        List<CompletableFuture<?>> stored = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            stored.add(store.store(new NewMessage(room, bob.userid(), bob.displayName(), text, "b-" + i, null)));
        }
        CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        ChatSession session = registry.all().stream().filter(s -> s.id().equals(a.sessionId())).findFirst().orElseThrow();
        assertThat(session.isOpen()).as("not closed as too slow: the backlog is under the send buffer").isTrue();

        events.publishEvent(new LoggedOut(alice.userid()));
        Wire.eventually(Duration.ofSeconds(5), "session closing", () -> !session.isOpen());
        a.resumeReading();
        assertThat(a.awaitClose(Duration.ofSeconds(30)).code()).isEqualTo(4401);
    }
}
