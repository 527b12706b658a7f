package io.pulsechat.realtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * The threads that write to clients. Each session drains its own queue with at most one of them at a time
 * (see {@link ChatSession}); a stuck write holds one thread for at most the send time limit.
 */
@Component
class Senders implements java.util.concurrent.Executor {

    private final AtomicInteger n = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(
            Math.max(8, Runtime.getRuntime().availableProcessors() * 4), r -> {
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
