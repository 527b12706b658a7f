package io.pulsechat.realtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * The threads that write to clients. Each session drains its own queue with at most one of them at a time (see
 * {@link ChatSession}).
 */
@Component
class Senders implements java.util.concurrent.Executor {

    /**
     * Writes block (Tomcat's blocking send): a client whose TCP window is full holds a thread for up to
     * {@code chat.limits.send-time-limit}. Four per core keep the cores busy while a few such writes wait, and at
     * least 8 so that a handful of stuck clients on a small machine cannot stall everyone else's delivery.
     */
    static final int THREADS = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);

    private final AtomicInteger n = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "ws-send-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
