package io.pulsechat.realtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;

import io.pulsechat.message.AttachmentProperties;
import io.pulsechat.message.ChatMessage;
import io.pulsechat.message.History;
import io.pulsechat.message.MessageChanged;
import io.pulsechat.message.MessageStored;
import io.pulsechat.message.RoomChange;
import io.pulsechat.realtime.protocol.FrameEncoder;
import io.pulsechat.realtime.protocol.ServerFrame;
import io.pulsechat.room.Memberships;
import io.pulsechat.room.RoomIds;

/**
 * Delivers each room's changes to this node's subscribed sessions exactly once and in revision order, whether a
 * change was committed here or came over the {@link Bus} from another node: the one ordered path of DESIGN.md.
 * <p>
 * Per room it remembers the last revision delivered. A change whose revision is not the next one makes it fetch the
 * missing revisions from the database first; an older one is a duplicate and is dropped. Every
 * {@code chat.cluster.check-interval} (every {@code poll-interval} while the bus is down) it compares the rooms it
 * tracks with the database, which catches a tail that never came. A room is tracked from the first subscription
 * here (from the position read before that subscription) until it has no subscribers left.
 * <p>
 * Concurrency: everything that touches the positions runs on one thread, {@code room-feed}; the entry points only
 * queue work for it. Sending only queues frames (see {@link ChatSession}), so the thread never waits for a client.
 */
@Component
class RoomFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoomFeed.class);

    /** Members of direct rooms never change: remembered, up to this many rooms, to notify the other member. */
    private static final int DIRECT_MEMBERS_CACHED = 10_000;

    private final Hub hub;
    private final SessionRegistry registry;
    private final History history;
    private final Memberships memberships;
    private final FrameEncoder frames;
    private final Bus bus;
    private final ChatMetrics metrics;
    private final AttachmentProperties attachments;
    private final ClusterProperties cluster;
    private final Clock clock;
    /** room -> the last message id and revision delivered here; feed thread only. */
    private final Map<String, History.Position> delivered = new HashMap<>();
    /** Changes of rooms whose tracking is on its way (a subscription just happened); feed thread only. */
    private final Map<String, List<Pending>> waiting = new HashMap<>();
    private final Map<String, List<String>> directMembers = new ConcurrentHashMap<>();
    private ExecutorService thread;
    private ScheduledExecutorService timer;
    private volatile boolean running;
    private volatile long lastCheck;

    /** A change and a small attachment's bytes, if it has one to deliver inline. */
    private record Pending(RoomChange change, byte[] inline) {
    }

    RoomFeed(Hub hub, SessionRegistry registry, History history, Memberships memberships, FrameEncoder frames, Bus bus,
             ChatMetrics metrics, AttachmentProperties attachments, ClusterProperties cluster, Clock clock) {
        this.hub = hub;
        this.registry = registry;
        this.history = history;
        this.memberships = memberships;
        this.frames = frames;
        this.bus = bus;
        this.metrics = metrics;
        this.attachments = attachments;
        this.cluster = cluster;
        this.clock = clock;
        start(); // before the first commit can happen
    }

    // ----- entry points (any thread) -----

    /** Committed on this node (the message writer's thread, in revision order): deliver here, tell the others. */
    @EventListener
    void committed(RoomChange change) {
        byte[] inline = change instanceof MessageStored stored ? stored.inlineBytes() : null;
        submit(() -> accept(new Pending(change, inline)));
        bus.publish(change, inline);
    }

    /** From another node, over the bus. */
    void received(RoomChange change, byte[] inline) {
        submit(() -> accept(new Pending(change, inline)));
    }

    /** A session here subscribed to the room; {@code before} is where the room stood just before. */
    void subscribed(String room, History.Position before) {
        submit(() -> track(room, before));
    }

    /** The bus is back: compare the tracked rooms with the database now. */
    @EventListener(BusReconnected.class)
    void catchUp() {
        submit(this::check);
    }

    private void submit(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("room feed task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            log.debug("room feed stopped: a change is left to resume and history");
        }
    }

    // ----- the feed thread -----

    private void accept(Pending p) {
        String room = p.change().message().room();
        History.Position position = delivered.get(room);
        if (position == null) {
            if (!hub.subscribers(room).isEmpty()) {
                waiting.computeIfAbsent(room, k -> new ArrayList<>()).add(p); // its tracking is queued behind us
            }
            return;
        }
        apply(room, position, p);
    }

    private void apply(String room, History.Position position, Pending p) {
        ChatMessage m = p.change().message();
        if (m.rev() <= position.rev()) {
            metrics.duplicate();
            return;
        }
        if (m.rev() > position.rev() + 1) {
            position = fill(room, position, m.rev() - 1);
        }
        boolean isNew = p.change() instanceof MessageStored;
        deliver(m, isNew, p.inline());
        delivered.put(room, new History.Position(isNew ? Math.max(position.lastId(), m.id()) : position.lastId(), m.rev()));
    }

    /** Delivers the revisions in (position.rev, upTo] from the database; returns the new position. */
    private History.Position fill(String room, History.Position position, long upTo) {
        List<ChatMessage> missing = history.revisions(room, position.rev(), upTo);
        metrics.gapFilled(missing.size());
        long lastId = position.lastId();
        for (ChatMessage m : missing) {
            boolean isNew = m.id() > lastId; // created after what this node delivered: new to its sessions
            byte[] inline = isNew && m.attachment() != null && m.attachment().size() <= attachments.inlineMax().toBytes()
                    ? history.attachmentBytes(m.attachment().id()).orElse(null) : null;
            deliver(m, isNew, inline);
            lastId = Math.max(lastId, m.id());
        }
        History.Position filled = new History.Position(lastId, upTo); // revisions overwritten by later ones leave holes
        delivered.put(room, filled);
        return filled;
    }

    private void track(String room, History.Position before) {
        if (!delivered.containsKey(room)) {
            delivered.put(room, before);
        }
        List<Pending> early = waiting.remove(room);
        if (early != null) {
            early.sort(Comparator.comparingLong(p -> p.change().message().rev()));
            early.forEach(p -> apply(room, delivered.get(room), p));
        }
        // a change committed between reading 'before' and the subscription may have passed while nobody listened here
        check(Set.of(room));
    }

    private void check() {
        // rooms nobody here listens to any more are forgotten
        delivered.keySet().removeIf(room -> hub.subscribers(room).isEmpty());
        waiting.keySet().removeIf(room -> hub.subscribers(room).isEmpty());
        check(delivered.keySet());
    }

    private void check(Set<String> rooms) {
        if (rooms.isEmpty()) {
            return;
        }
        history.positions(new ArrayList<>(rooms)).forEach((room, now) -> {
            History.Position position = delivered.get(room);
            if (position != null && now.rev() > position.rev()) {
                metrics.caughtUp();
                fill(room, position, now.rev());
            }
        });
    }

    private void deliver(ChatMessage m, boolean isNew, byte[] inline) {
        long now = clock.millis();
        TextMessage text = frames.text(isNew ? new ServerFrame.Message(m, null) : new ServerFrame.MessageUpdate(m));
        byte[] binary = isNew && inline != null ? frames.binary(new ServerFrame.Message(m, null), inline) : null;
        int count = 0;
        for (ChatSession session : hub.subscribers(m.room())) {
            session.send(text, now);
            count++;
            if (binary != null && session.superchat()) {
                session.send(new BinaryMessage(binary), now);
            }
        }
        metrics.delivered(count);
        if (isNew) {
            metrics.stored();
            notifyAbout(m, now);
        }
    }

    /** resp_type 11 to the mentioned users and the other member of a direct room, on their sessions not in the room. */
    private void notifyAbout(ChatMessage m, long now) {
        Set<String> users = new java.util.LinkedHashSet<>(m.mentions());
        if (RoomIds.isDirect(m.room())) {
            users.addAll(directMembers(m.room()));
        }
        users.remove(m.from().userid());
        TextMessage frame = null;
        for (String userid : users) {
            for (ChatSession session : registry.ofUser(userid)) {
                if (!hub.isSubscribed(session, m.room())) {
                    if (frame == null) {
                        frame = frames.text(new ServerFrame.Notify(m.room(), m));
                    }
                    session.send(frame, now);
                }
            }
        }
    }

    private List<String> directMembers(String room) {
        if (directMembers.size() > DIRECT_MEMBERS_CACHED) {
            directMembers.clear();
        }
        return directMembers.computeIfAbsent(room, memberships::members);
    }

    // ----- lifecycle -----

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "room-feed"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "room-feed-timer");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.min(cluster.checkInterval().toMillis(), cluster.pollInterval().toMillis());
        timer.scheduleWithFixedDelay(() -> {
            long now = clock.millis();
            long due = (bus.up() ? cluster.checkInterval() : cluster.pollInterval()).toMillis();
            if (now - lastCheck >= due || now < lastCheck) {
                lastCheck = now;
                submit(this::check);
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Stops after the sessions are closed and before the message writer: what is committed until then is delivered. */
    @Override
    public synchronized void stop() {
        running = false;
        timer.shutdownNow();
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 256;
    }
}
