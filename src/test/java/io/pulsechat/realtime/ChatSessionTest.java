package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

import io.pulsechat.realtime.protocol.CloseCode;

/** The session's writer: order, the queue limit (1013), and the close written after everything queued before it. */
@ExtendWith(OutputCaptureExtension.class)
class ChatSessionTest {

    final FakeWebSocketSession socket = new FakeWebSocketSession("chat");
    final Sessions.ManualExecutor writers = new Sessions.ManualExecutor();

    ChatSession session(DataSize bufferLimit) {
        return Sessions.session(socket, Sessions.user("u1"), writers, Sessions.limits(bufferLimit), 0);
    }

    static TextMessage frame(String text) {
        return new TextMessage(text);
    }

    @Test
    void sendOnlyQueuesAndOneWriterWritesInOrder() {
        ChatSession session = session(DataSize.ofMegabytes(1));
        session.send(frame("a"), 1);
        session.send(frame("b"), 2);
        session.send(frame("c"), 3);
        assertThat(socket.written).as("nothing written on the caller's thread").isEmpty();
        assertThat(writers.runAll()).as("one writer task for the three frames").isEqualTo(1);
        assertThat(socket.texts()).containsExactly("a", "b", "c");
        assertThat(session.lastSent()).isEqualTo(3);
    }

    @Test
    void moreThanTheBufferLimitWaitingClosesWith1013AtOnceAndDropsTheRest() {
        ChatSession session = session(DataSize.ofBytes(1024 * 64));
        String kilobyte = "k".repeat(1024);
        for (int i = 0; i < 64; i++) {
            session.send(frame(kilobyte), i);
        }
        assertThat(session.isOpen()).isTrue();
        session.send(frame("one byte too many"), 64);
        assertThat(session.ignoresInput()).isTrue();
        session.send(frame("after the close"), 65);
        writers.runAll();
        assertThat(socket.closeStatus()).isEqualTo(ChatSession.TOO_SLOW);
        assertThat(socket.closeStatus().getCode()).isEqualTo(1013);
        assertThat(socket.texts()).as("a client too slow to read gets nothing more").isEmpty();
    }

    @Test
    void aCloseIsWrittenAfterEveryFrameQueuedBeforeIt() {
        ChatSession session = session(DataSize.ofMegabytes(1));
        session.send(frame("ack 1"), 1);
        session.send(frame("ack 2"), 1);
        session.close(CloseCode.POLICY, "abuse");
        session.send(frame("after the decision"), 2);
        writers.runAll();
        assertThat(socket.written).hasSize(3);
        assertThat(socket.texts()).containsExactly("ack 1", "ack 2");
        assertThat(socket.written.get(2)).isEqualTo(new CloseStatus(1008, "abuse"));
    }

    @Test
    void aCloseAfterPendingStoresWaitsForTheirAcks() {
        ChatSession session = session(DataSize.ofMegabytes(1));
        CompletableFuture<Void> stored = new CompletableFuture<>();
        session.storing(stored.thenRun(() -> session.send(frame("the ack"), 5)));
        session.closeAfterPendingStores(CloseCode.POLICY.status("abuse"));
        assertThat(session.ignoresInput()).as("input is ignored once the close is decided").isTrue();
        writers.runAll();
        assertThat(socket.written).as("nothing closes while an ack is pending").isEmpty();
        stored.complete(null);
        writers.runAll();
        assertThat(socket.written).hasSize(2);
        assertThat(socket.texts()).containsExactly("the ack");
        assertThat(socket.closeStatus().getCode()).isEqualTo(1008);
    }

    @Test
    void aFailedWriteClosesWith1011AndIsLogged(CapturedOutput output) {
        ChatSession session = session(DataSize.ofMegabytes(1));
        socket.failWrites = new IOException("broken pipe");
        session.send(frame("a"), 1);
        writers.runAll();
        session.send(frame("b"), 2);
        writers.runAll();
        assertThat(socket.closeStatus().getCode()).isEqualTo(1011);
        assertThat(output).contains("with 1011").contains("broken pipe").contains("u1");
    }

    @Test
    void closeForErrorLogsTheCause(CapturedOutput output) {
        ChatSession session = session(DataSize.ofMegabytes(1));
        session.closeForError("storing a message failed", new IllegalStateException("disk full"));
        writers.runAll();
        assertThat(socket.closeStatus().getCode()).isEqualTo(1011);
        assertThat(output).contains("with 1011: storing a message failed").contains("disk full");
    }

    @Test
    void aConnectionThatEndedWritesNothingMore() {
        ChatSession session = session(DataSize.ofMegabytes(1));
        session.send(frame("queued"), 1);
        session.ended(CloseStatus.NORMAL);
        session.send(frame("later"), 2);
        writers.runAll();
        assertThat(socket.written).isEqualTo(List.of());
    }
}
