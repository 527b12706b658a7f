package io.pulsechat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.transaction.support.TransactionTemplate;

import io.pulsechat.account.Accounts;
import io.pulsechat.account.ChatUser;
import io.pulsechat.account.NewAccount;
import io.pulsechat.account.UsernameTaken;
import io.pulsechat.room.NewRoom;
import io.pulsechat.room.RoomExists;
import io.pulsechat.room.Rooms;

/**
 * What the storage must guarantee, run against each database (H2 and PostgreSQL subclasses): accounts,
 * rooms, per-room ids in commit order (also with two writers, as two nodes would have), idempotent
 * client_msg_ids, attachments, history pages and login sessions.
 */
abstract class PersistenceContract {

    @Autowired
    Accounts accounts;
    @Autowired
    Rooms rooms;
    @Autowired
    MessageStore store;
    @Autowired
    History history;
    @Autowired
    MessageRepository repository;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AttachmentProperties attachments;
    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 100_000_000L, 36);
    }

    void createRoom(String id, String name) {
        rooms.create(newUser().userid(), new NewRoom(id, name));
    }

    ChatUser newUser() {
        String name = unique("p_");
        accounts.register(new NewAccount(name, "password-123", "Persisted " + name), "127.0.0.1");
        return accounts.loadUserByUsername(name);
    }

    @Test
    void accountsAreStoredWithAHashedPasswordAndUniqueNames() {
        ChatUser user = newUser();
        assertThat(accounts.findById(user.userid())).get().extracting(ChatUser::username).isEqualTo(user.username());
        assertThat(user.passwordHash()).startsWith("{bcrypt-sha256}").doesNotContain("password-123");
        assertThatThrownBy(() -> accounts.register(new NewAccount(user.username(), "password-123", "again"), "127.0.0.1"))
                .isInstanceOf(UsernameTaken.class);
    }

    @Test
    void roomsAreStoredAndLobbyExists() {
        assertThat(rooms.exists(Rooms.LOBBY)).isTrue();
        String id = unique("r-");
        createRoom(id, "A room");
        assertThat(rooms.publicRooms(id, null, 10).rooms()).anyMatch(r -> r.id().equals(id) && r.name().equals("A room"));
        assertThatThrownBy(() -> createRoom(id, "again")).isInstanceOf(RoomExists.class);
    }

    @Test
    void concurrentSendersFromTwoWritersGetGaplessIncreasingIdsInCommitOrder() {
        ChatUser user = newUser();
        String room = unique("c-");
        createRoom(room, "concurrent");
        // a second writer on the same database, as a second node would have
        List<MessageStored> published = new CopyOnWriteArrayList<>();
        ApplicationEventPublisher capture = event -> published.add((MessageStored) event);
        var secondNode = new MessageStore(repository, transactions, capture, new MessageProperties(64, 10_000), attachments,
                Clock.systemUTC());
        try {
            List<CompletableFuture<StoreResult>> results = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                MessageStore writer = i % 2 == 0 ? store : secondNode;
                results.add(writer.store(new NewMessage(room, user.userid(), user.displayName(), "m" + i, room + "-" + i, null)));
            }
            List<Long> ids = results.stream().map(f -> f.join().message().id()).sorted().toList();
            assertThat(ids).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 300).boxed().toList());
            // what the second node published after its commits came out in increasing id order
            List<Long> publishedIds = published.stream().map(e -> e.message().id()).toList();
            assertThat(publishedIds).hasSize(150).isSorted();
            // history holds exactly those, ascending
            var all = history.after(room, 0, 1000);
            assertThat(all).extracting(ChatMessage::id).containsExactlyElementsOf(ids);
        } finally {
            secondNode.stop();
        }
    }

    @Test
    void theSameClientMsgIdIsStoredOnce() {
        ChatUser user = newUser();
        String room = unique("i-");
        createRoom(room, "idempotent");
        var first = store.store(new NewMessage(room, user.userid(), user.displayName(), "once", "same-id", null)).join();
        var again = store.store(new NewMessage(room, user.userid(), user.displayName(), "once", "same-id", null)).join();
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(first.message());
        // two in the same batch
        var a = store.store(new NewMessage(room, user.userid(), user.displayName(), "twice", "batch-id", null));
        var b = store.store(new NewMessage(room, user.userid(), user.displayName(), "twice", "batch-id", null));
        assertThat(b.join().message().id()).isEqualTo(a.join().message().id());
        assertThat(history.after(room, 0, 100)).hasSize(2);
    }

    @Test
    void attachmentsAreStoredWithTheirBytes() {
        ChatUser user = newUser();
        String room = unique("a-");
        createRoom(room, "files");
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        var stored = store.store(new NewMessage(room, user.userid(), user.displayName(), "", "file-1",
                new NewMessage.NewFile("photo.png", "image/png", bytes))).join().message();
        assertThat(stored.attachment().name()).isEqualTo("photo.png");
        assertThat(stored.attachment().size()).isEqualTo(300_000);
        assertThat(stored.attachment().url()).isEqualTo("/api/attachments/" + stored.attachment().id());
        var file = repository.attachment(stored.attachment().id()).orElseThrow();
        assertThat(file.bytes()).isEqualTo(bytes);
        assertThat(file.type()).isEqualTo("image/png");
        assertThat(history.page(room, null, null, 10).messages().get(0).attachment()).isEqualTo(stored.attachment());
    }

    @Test
    void historyPagesAcrossCursors() {
        ChatUser user = newUser();
        String room = unique("h-");
        createRoom(room, "pages");
        for (int i = 0; i < 25; i++) {
            store.store(new NewMessage(room, user.userid(), user.displayName(), "t" + i, room + i, null)).join();
        }
        var newest = history.page(room, null, null, 10);
        assertThat(newest.messages()).extracting(ChatMessage::id).containsExactly(16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L);
        assertThat(newest.hasMore()).isTrue();
        assertThat(history.page(room, 16L, null, 10).messages()).extracting(ChatMessage::id).startsWith(6L).endsWith(15L);
        var oldest = history.page(room, 6L, null, 10);
        assertThat(oldest.messages()).extracting(ChatMessage::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(oldest.hasMore()).isFalse();
        var afterPage = history.page(room, null, 20L, 10);
        assertThat(afterPage.messages()).extracting(ChatMessage::id).containsExactly(21L, 22L, 23L, 24L, 25L);
        assertThat(afterPage.hasMore()).isFalse();
    }

    @Test
    void loginSessionsAreStoredInTheDatabase() {
        Session session = sessions.createSession();
        session.setAttribute("probe", "value");
        saveUnchecked(session);
        assertThat(sessions.findById(session.getId())).isNotNull()
                .extracting(s -> s.getAttribute("probe")).isEqualTo("value");
        assertThat(jdbc.sql("select count(*) from spring_session where session_id = ?").param(session.getId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void saveUnchecked(Session session) {
        ((FindByIndexNameSessionRepository) sessions).save(session);
    }

    @Test
    void idsOfAGivenRoomDoNotDependOnOtherRooms() {
        ChatUser user = newUser();
        String one = unique("x-");
        String two = unique("y-");
        createRoom(one, "one");
        createRoom(two, "two");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            seen.add(store.store(new NewMessage(one, user.userid(), user.displayName(), "a", one + i, null)).join().message().id());
            store.store(new NewMessage(two, user.userid(), user.displayName(), "b", two + i, null)).join();
        }
        assertThat(seen).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    }
}
