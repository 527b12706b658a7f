package io.pulsechat.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores messages with group commit: one writer thread takes every queued message (up to
 * {@code chat.messages.batch-max}) and commits them in one transaction. Per message it locks the room
 * row and takes the room's next id, so ids strictly increase in commit order, also across nodes
 * sharing a database. Only after the commit returns (durable: H2 runs with WRITE_DELAY=0) are the
 * futures completed (the ack) and {@link MessageStored} published (delivery), in id order.
 */
@Service
public class MessageStore implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageStore.class);

    /** Thrown (through the future) when the writer's queue is full; nothing was stored. */
    public static class Overloaded extends RejectedExecutionException {
        Overloaded() {
            super("message queue full");
        }
    }

    private record Pending(NewMessage message, CompletableFuture<StoreResult> result) {
    }

    private record Written(Pending pending, StoreResult result, byte[] inlineBytes) {
    }

    private final MessageRepository repository;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final MessageProperties properties;
    private final AttachmentProperties attachments;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private volatile boolean running;
    private Thread writer;

    MessageStore(MessageRepository repository, TransactionTemplate transactions, ApplicationEventPublisher events,
                 MessageProperties properties, AttachmentProperties attachments, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.attachments = attachments;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(properties.queueMax());
        start(); // ready before the web server takes the first connection
    }

    /**
     * Queues a message; the future completes once it is durably stored (or was stored before under the
     * same client_msg_id), and fails with {@link Overloaded} when the queue is full or the server stops.
     */
    public CompletableFuture<StoreResult> store(NewMessage message) {
        var pending = new Pending(message, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            pending.result().completeExceptionally(new Overloaded());
        }
        return pending.result();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(properties.batchMax());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.batchMax() - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("message writer failed on a batch of {}", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<Written> written;
        try {
            written = transactions.execute(tx -> writeAll(batch));
        } catch (RuntimeException batchFailed) {
            // e.g. a client_msg_id raced in from another node: retry one by one so only the culprit fails
            written = new ArrayList<>();
            for (Pending p : batch) {
                try {
                    written.addAll(transactions.execute(tx -> writeAll(List.of(p))));
                } catch (RuntimeException e) {
                    log.warn("could not store a message for room {}: {}", p.message().room(), e.toString());
                    p.result().completeExceptionally(e);
                }
            }
        }
        // committed: publish in id order, then ack
        for (Written w : written) {
            if (!w.result().duplicate()) {
                try {
                    events.publishEvent(new MessageStored(w.result().message(), w.inlineBytes()));
                } catch (RuntimeException e) {
                    // stored all the same: the ack still goes out, and readers catch up by resume / history
                    log.error("delivering message {} of room {} failed", w.result().message().id(), w.result().message().room(), e);
                }
            }
        }
        for (Written w : written) {
            w.pending().result().complete(w.result());
        }
    }

    private List<Written> writeAll(List<Pending> batch) {
        List<Written> out = new ArrayList<>(batch.size());
        Map<String, Long> lastIds = new HashMap<>();
        Map<String, StoreResult> sameBatch = new HashMap<>();
        for (Pending p : batch) {
            NewMessage m = p.message();
            String key = m.userid() + '\u0000' + m.clientMsgId();
            StoreResult earlier = sameBatch.get(key);
            if (earlier == null) {
                earlier = repository.findByClientMsgId(m.userid(), m.clientMsgId()).map(c -> new StoreResult(c, true)).orElse(null);
            }
            if (earlier != null) {
                out.add(new Written(p, new StoreResult(earlier.message(), true), null));
                continue;
            }
            Long last = lastIds.get(m.room());
            if (last == null) {
                last = repository.lockRoom(m.room()).orElseThrow(() -> new IllegalArgumentException("no room " + m.room()));
            }
            long id = last + 1;
            lastIds.put(m.room(), id);
            long ts = clock.millis();
            ChatMessage.Attachment attachment = null;
            byte[] inline = null;
            if (m.file() != null) {
                long attachmentId = repository.insertAttachment(m.file(), ts);
                attachment = ChatMessage.Attachment.of(attachmentId, m.file().name(), m.file().type(), m.file().bytes().length);
                inline = m.file().bytes().length <= attachments.inlineMax().toBytes() ? m.file().bytes() : null;
            }
            repository.insert(m.room(), id, m.userid(), m.text(), ts, m.clientMsgId(), attachment == null ? null : attachment.id());
            var message = new ChatMessage(id, m.room(), new ChatMessage.Sender(m.userid(), m.displayName()), m.text(), ts,
                    m.clientMsgId(), attachment);
            var result = new StoreResult(message, false);
            sameBatch.put(key, result);
            out.add(new Written(p, result, inline));
        }
        lastIds.forEach(repository::setLastMessageId);
        return out;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = new Thread(this::writeLoop, "message-writer");
        writer.start();
    }

    /** Stops taking messages, then writes what is queued before returning. */
    @Override
    public void stop() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new Overloaded());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the WebSocket sessions are closed (they stop first, at the default phase) and before the web server. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
