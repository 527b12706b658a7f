package io.pulsechat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pulsechat.ChatServerTest;
import io.pulsechat.TestApi;

/**
 * An open session must not cost the attachment limit in heap: Tomcat allocates a session's binary buffer at the
 * container's maximum when it opens, which with a 10 MiB limit made every connection (chat ones included) cost
 * about 12 MB. The bound here is generous (measured: about 12 MB before the fix, well under 1 MB after).
 */
@ChatServerTest
class SessionMemoryTest extends OpenClients {

    static final int SESSIONS = 40;

    static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void anOpenSessionDoesNotHoldABufferOfTheAttachmentLimit() throws InterruptedException {
        TestApi api = new TestApi(port);
        List<TestApi.User> users = new ArrayList<>();
        for (int i = 0; i < SESSIONS / 8; i++) {
            users.add(api.register());
        }
        clients.add(api.connect(users.get(0), "chat")); // warm up
        long before = usedHeap();
        for (int i = 0; i < SESSIONS; i++) {
            clients.add(api.connect(users.get(i % users.size()), i % 2 == 0 ? "chat" : "superchat"));
        }
        long perSession = (usedHeap() - before) / SESSIONS;
        System.out.printf("SessionMemoryTest: %.2f MB of heap per open session%n", perSession / 1024.0 / 1024.0);
        assertThat(perSession).as("heap bytes per open session").isLessThan(3L * 1024 * 1024);
    }
}
