package io.pulsechat.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Every change of a room's messages goes through here, on one writer thread with group commit: new messages, edits,
 * deletes and reactions alike. The writer takes every queued change (up to {@code chat.messages.batch-max}) and
 * commits them in one transaction. Per change it locks the room row and takes the room's next revision (and, for a
 * new message, its next id), so ids and revisions strictly increase in commit order, also across nodes sharing a
 * database. Only after the commit returns (durable: H2 runs with WRITE_DELAY=0) are the {@link RoomChange}s
 * published (delivery) and the futures completed (the ack), in revision order.
 */
@Service
public class MessageStore implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageStore.class);

    /** How long the writer waits for work before looking again whether it should stop: bounds shutdown latency. */
    private static final long POLL_MS = 200;
    /**
     * How long stopping waits for the writer to commit what is queued. Past it the rest is refused: those changes
     * were never acked, so their clients send them again after reconnecting.
     */
    private static final long STOP_WAIT_MS = 10_000;

    /** Thrown (through the future) when the writer's queue is full or the server stops; nothing was stored. */
    public static class Overloaded extends RejectedExecutionException {
        Overloaded() {
            super("message queue full");
        }
    }

    /** A change for the writer; {@code result} completes after the commit. */
    private sealed interface Command permits Create, Edit, Delete, React {
        String room();

        CompletableFuture<?> result();
    }

    private record Create(NewMessage message, CompletableFuture<StoreResult> result) implements Command {
        public String room() {
            return message.room();
        }
    }

    private record Edit(String room, long id, String userid, String text, CompletableFuture<ChatMessage> result) implements Command {
    }

    private record Delete(String room, long id, String userid, boolean moderator, CompletableFuture<ChatMessage> result)
            implements Command {
    }

    private record React(String room, long id, String userid, String emoji, boolean add, CompletableFuture<ChatMessage> result)
            implements Command {
    }

    /** What a command came to inside the transaction: a value for its future, and the change to publish, if any. */
    private record Outcome(Command command, Object value, RoomChange change, RuntimeException refusal) {
    }

    private final MessageRepository repository;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final MessageProperties properties;
    private final AttachmentProperties attachments;
    private final Clock clock;
    private final BlockingQueue<Command> queue;
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
     * Queues a new message; the future completes once it is durably stored (or was stored before under the same
     * client_msg_id), and fails with {@link Overloaded} when the queue is full or the server stops, or with a
     * {@link MessageProblem} (the message it replies to does not exist).
     */
    public CompletableFuture<StoreResult> store(NewMessage message) {
        return offer(new Create(message, new CompletableFuture<>()));
    }

    /** The author changes the text; fails with {@link MessageProblem.NotFound} or {@link MessageProblem.Forbidden}. */
    public CompletableFuture<ChatMessage> edit(String room, long id, String userid, String text) {
        return offer(new Edit(room, id, userid, text, new CompletableFuture<>()));
    }

    /** The author, or a moderator of the room (its owner, an admin), deletes the message. */
    public CompletableFuture<ChatMessage> delete(String room, long id, String userid, boolean moderator) {
        return offer(new Delete(room, id, userid, moderator, new CompletableFuture<>()));
    }

    /** Adds or removes the user's reaction; at most 20 distinct emoji per message ({@link MessageProblem.Invalid}). */
    public CompletableFuture<ChatMessage> react(String room, long id, String userid, String emoji, boolean add) {
        return offer(new React(room, id, userid, emoji, add, new CompletableFuture<>()));
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> offer(Command command) {
        if (!running || !queue.offer(command)) {
            command.result().completeExceptionally(new Overloaded());
        }
        return (CompletableFuture<T>) command.result();
    }

    private void writeLoop() {
        List<Command> batch = new ArrayList<>(properties.batchMax());
        while (running || !queue.isEmpty()) {
            try {
                Command first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
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

    private void commit(List<Command> batch) {
        List<Outcome> outcomes;
        try {
            outcomes = transactions.execute(tx -> writeAll(batch));
        } catch (RuntimeException batchFailed) {
            // e.g. a client_msg_id raced in from another node: retry one by one so only the culprit fails
            outcomes = new ArrayList<>();
            for (Command c : batch) {
                try {
                    outcomes.addAll(transactions.execute(tx -> writeAll(List.of(c))));
                } catch (RuntimeException e) {
                    log.warn("could not store a change of room {}: {}", c.room(), e.toString());
                    c.result().completeExceptionally(e);
                }
            }
        }
        // committed: publish in revision order, then answer
        for (Outcome o : outcomes) {
            if (o.change() != null) {
                try {
                    events.publishEvent(o.change());
                } catch (RuntimeException e) {
                    // stored all the same: the ack still goes out, and readers catch up by resume / history
                    log.error("delivering revision {} of room {} failed", o.change().message().rev(), o.command().room(), e);
                }
            }
        }
        for (Outcome o : outcomes) {
            complete(o);
        }
    }

    @SuppressWarnings("unchecked")
    private static void complete(Outcome o) {
        if (o.refusal() != null) {
            o.command().result().completeExceptionally(o.refusal());
        } else {
            ((CompletableFuture<Object>) o.command().result()).complete(o.value());
        }
    }

    /** One transaction. The counters of each room are read once (under its lock) and written back at the end. */
    private List<Outcome> writeAll(List<Command> batch) {
        var tx = new Batch();
        List<Outcome> out = new ArrayList<>(batch.size());
        for (Command c : batch) {
            try {
                out.add(tx.apply(c));
            } catch (MessageProblem refused) {
                out.add(new Outcome(c, null, null, refused));
            }
        }
        tx.writeCounters();
        return out;
    }

    /** The state of one transaction: the rooms locked so far and their counters. */
    private final class Batch {

        private final Map<String, long[]> counters = new HashMap<>(); // room -> {lastMessageId, lastRev}
        private final Map<String, String> kinds = new HashMap<>();
        private final Map<String, StoreResult> created = new HashMap<>(); // userid \0 client_msg_id -> result

        /** Locks the room on first use; its counters. */
        private long[] room(String room) {
            long[] c = counters.get(room);
            if (c == null) {
                var locked = repository.lockRoom(room).orElseThrow(() -> new MessageProblem.NotFound(room, 0));
                c = new long[] {locked.lastMessageId(), locked.lastRev()};
                counters.put(room, c);
                kinds.put(room, locked.kind());
            }
            return c;
        }

        private long nextRev(String room) {
            return ++room(room)[1];
        }

        Outcome apply(Command c) {
            if (c instanceof Create create) {
                return create(create);
            } else if (c instanceof Edit edit) {
                return edit(edit);
            } else if (c instanceof Delete delete) {
                return delete(delete);
            }
            return react((React) c);
        }

        Outcome create(Create c) {
            NewMessage m = c.message();
            String key = m.userid() + '\u0000' + m.clientMsgId();
            StoreResult earlier = created.get(key);
            if (earlier == null) {
                earlier = repository.findByClientMsgId(m.userid(), m.clientMsgId()).map(found -> new StoreResult(found, true)).orElse(null);
            }
            if (earlier != null) {
                return new Outcome(c, new StoreResult(earlier.message(), true), null, null);
            }
            long[] counter = room(m.room());
            ChatMessage.ReplyTo reply = null;
            if (m.replyTo() != null) {
                ChatMessage quoted = repository.find(m.room(), m.replyTo()).filter(q -> !q.isDeleted())
                        .orElseThrow(() -> new MessageProblem.NotFound(m.room(), m.replyTo()));
                reply = new ChatMessage.ReplyTo(quoted.id(), quoted.from(), MessageRepository.excerpt(quoted.text()), null);
            }
            long id = ++counter[0];
            long rev = ++counter[1];
            long ts = clock.millis();
            ChatMessage.Attachment attachment = null;
            byte[] inline = null;
            if (m.file() != null) {
                long attachmentId = repository.insertAttachment(m.file(), ts);
                attachment = ChatMessage.Attachment.of(attachmentId, m.file().name(), m.file().type(), m.file().bytes().length);
                inline = m.file().bytes().length <= attachments.inlineMax().toBytes() ? m.file().bytes() : null;
            }
            repository.insert(m.room(), id, rev, m.userid(), m.text(), ts, m.clientMsgId(), attachment == null ? null : attachment.id(),
                    m.replyTo());
            List<String> mentions = mentions(m.room(), m.text(), m.mayMentionRoom());
            repository.addMentions(m.room(), id, mentions);
            var message = new ChatMessage(id, m.room(), new ChatMessage.Sender(m.userid(), m.displayName()), m.text(), ts,
                    m.clientMsgId(), attachment, rev, null, null, List.of(), reply, mentions);
            var result = new StoreResult(message, false);
            created.put(key, result);
            return new Outcome(c, result, new MessageStored(message, inline), null);
        }

        Outcome edit(Edit c) {
            room(c.room());
            var facts = existing(c.room(), c.id());
            if (!facts.userid().equals(c.userid())) {
                throw new MessageProblem.Forbidden("only the author may edit a message");
            }
            long rev = nextRev(c.room());
            repository.edit(c.room(), c.id(), rev, c.text(), clock.millis());
            // mentions follow the text; @room only counts as written by its first author, so it is not re-expanded
            repository.replaceMentions(c.room(), c.id(), mentions(c.room(), c.text(), false));
            return changed(c, c.room(), c.id());
        }

        Outcome delete(Delete c) {
            room(c.room());
            var facts = existing(c.room(), c.id());
            if (!facts.userid().equals(c.userid()) && !c.moderator()) {
                throw new MessageProblem.Forbidden("only the author, the room's owner or an admin may delete a message");
            }
            repository.delete(c.room(), c.id(), nextRev(c.room()), facts.attachmentId());
            return changed(c, c.room(), c.id());
        }

        Outcome react(React c) {
            room(c.room());
            existing(c.room(), c.id());
            boolean changed;
            if (c.add()) {
                List<String> emoji = repository.emojiOn(c.room(), c.id());
                if (!emoji.contains(c.emoji()) && emoji.size() >= ChatMessage.DISTINCT_EMOJI_MAX) {
                    throw new MessageProblem.Invalid("a message has at most 20 different reactions");
                }
                changed = repository.addReaction(c.room(), c.id(), c.emoji(), c.userid(), clock.millis());
            } else {
                changed = repository.removeReaction(c.room(), c.id(), c.emoji(), c.userid());
            }
            if (!changed) {
                // given twice, or removed without being given: nothing changes, nothing to deliver
                return new Outcome(c, repository.find(c.room(), c.id()).orElseThrow(), null, null);
            }
            repository.setRev(c.room(), c.id(), nextRev(c.room()));
            return changed(c, c.room(), c.id());
        }

        private MessageRepository.Facts existing(String room, long id) {
            return repository.facts(room, id).filter(f -> !f.deleted()).orElseThrow(() -> new MessageProblem.NotFound(room, id));
        }

        private Outcome changed(Command c, String room, long id) {
            ChatMessage now = repository.find(room, id).orElseThrow();
            return new Outcome(c, now, new MessageChanged(now), null);
        }

        private List<String> mentions(String room, String text, boolean mayMentionRoom) {
            Set<String> names = Mentions.in(text);
            boolean everyone = mayMentionRoom && names.remove(Mentions.ROOM);
            if (!mayMentionRoom) {
                names.remove(Mentions.ROOM); // plain text for others
            }
            if (names.isEmpty() && !everyone) {
                return List.of();
            }
            return repository.mentionable(room, kinds.get(room), names, everyone);
        }

        void writeCounters() {
            counters.forEach((room, c) -> repository.setCounters(room, c[0], c[1]));
        }
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

    /** Stops taking changes, then writes what is queued before returning. */
    @Override
    public void stop() {
        running = false;
        try {
            writer.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Command left;
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
