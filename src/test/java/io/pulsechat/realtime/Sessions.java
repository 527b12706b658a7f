package io.pulsechat.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.springframework.util.unit.DataSize;

import io.pulsechat.account.ChatUser;

/** Chat sessions over fake sockets for unit tests; writers run inline unless an executor is given. */
final class Sessions {

    static final Executor INLINE = Runnable::run;

    private Sessions() {
    }

    static LimitsProperties limits(DataSize sendBufferLimit) {
        return new LimitsProperties(10, 10, 20, 100, DataSize.ofKilobytes(64), Duration.ofSeconds(10), sendBufferLimit);
    }

    static ChatUser user(String userid) {
        return new ChatUser(userid, "user_" + userid, "User " + userid, "", true);
    }

    static ChatSession session(FakeWebSocketSession socket, ChatUser user, Executor writers, LimitsProperties limits, long now) {
        return new ChatSession(socket, new Handshake(user, "1", "test"), writers, limits, now);
    }

    static ChatSession session(ChatUser user, String protocol) {
        return session(new FakeWebSocketSession(protocol), user, INLINE, limits(DataSize.ofMegabytes(1)), 0);
    }

    /** Runs queued tasks when told to: a writer pool whose threads are all busy until then. */
    static final class ManualExecutor implements Executor {
        private final List<Runnable> tasks = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        /** Runs what is queued, including tasks queued meanwhile; returns how many ran. */
        int runAll() {
            int n = 0;
            while (true) {
                Runnable next;
                synchronized (this) {
                    if (tasks.isEmpty()) {
                        return n;
                    }
                    next = tasks.remove(0);
                }
                next.run();
                n++;
            }
        }
    }
}
