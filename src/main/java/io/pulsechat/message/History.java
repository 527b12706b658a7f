package io.pulsechat.message;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.pulsechat.shared.DomainException;

/** Reading messages: history pages for REST, missed messages for resume, revisions for filling delivery gaps. */
@Service
public class History {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final MessageRepository repository;

    History(MessageRepository repository) {
        this.repository = repository;
    }

    /** One page and whether more lie beyond it (older for before/none, newer for after and since_rev). */
    public record Page(List<ChatMessage> messages, boolean hasMore) {
    }

    /** A history or search query outside the contract's ranges (answered 400). */
    public static final class InvalidQuery extends DomainException {
        InvalidQuery(String message) {
            super(Kind.INVALID, "invalid_query", message);
        }
    }

    /** No such room, attachment, ... for this caller (answered 404). */
    static final class NotFound extends DomainException {
        NotFound(String code, String message) {
            super(Kind.NOT_FOUND, code, message);
        }
    }

    /**
     * By id: {@code before} the newest page older than that id, {@code after} the oldest page newer, both the oldest
     * page between them, neither the newest page; or by revision: {@code sinceRev} the messages changed after it,
     * in revision order.
     *
     * @throws InvalidQuery for a cursor below 0, a limit outside 1..200, or since_rev with before/after
     */
    public Page page(String room, Long before, Long after, Long sinceRev, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidQuery("limit must be between 1 and " + MAX_LIMIT);
        }
        if ((before != null && before < 0) || (after != null && after < 0) || (sinceRev != null && sinceRev < 0)) {
            throw new InvalidQuery("before, after and since_rev must be 0 or more");
        }
        if (sinceRev != null) {
            if (before != null || after != null) {
                throw new InvalidQuery("since_rev pages by revision: it does not go with before or after");
            }
            List<ChatMessage> found = repository.sinceRev(room, sinceRev, size + 1);
            return found.size() <= size ? new Page(found, false) : new Page(found.subList(0, size), true);
        }
        List<ChatMessage> found = repository.page(room, before, after, size + 1);
        if (found.size() <= size) {
            return new Page(found, false);
        }
        // one more than asked for: drop it from the far end of the page
        return after != null ? new Page(found.subList(0, size), true) : new Page(found.subList(1, found.size()), true);
    }

    public Page page(String room, Long before, Long after, Integer limit) {
        return page(room, before, after, null, limit);
    }

    /** Up to {@code max} messages newer than {@code after}, ascending (resume by id). */
    public List<ChatMessage> after(String room, long after, int max) {
        return repository.page(room, null, after, max);
    }

    /** Up to {@code max} messages changed after revision {@code rev}, in revision order (resume by revision). */
    public List<ChatMessage> sinceRev(String room, long rev, int max) {
        return repository.sinceRev(room, rev, max);
    }

    /** Messages whose latest change lies in {@code (after, upTo]}, in revision order. */
    public List<ChatMessage> revisions(String room, long after, long upTo) {
        return repository.revisions(room, after, upTo);
    }

    /** The room's current revision: the number of changes it has seen. */
    public long currentRev(String room) {
        return repository.currentRev(room);
    }

    /** Where a room stands: its newest message id and its revision. */
    public record Position(long lastId, long rev) {
    }

    public Position position(String room) {
        long[] p = repository.positions(List.of(room)).get(room);
        return p == null ? new Position(0, 0) : new Position(p[0], p[1]);
    }

    /** The positions of the rooms given; rooms that do not exist are left out. */
    public java.util.Map<String, Position> positions(java.util.Collection<String> rooms) {
        var out = new java.util.HashMap<String, Position>();
        repository.positions(rooms).forEach((room, p) -> out.put(room, new Position(p[0], p[1])));
        return out;
    }

    /** The bytes of an attachment (for delivering a small one inline), if it still exists. */
    public Optional<byte[]> attachmentBytes(long id) {
        return repository.attachment(id).map(MessageRepository.StoredFile::bytes);
    }

    public Optional<ChatMessage> find(String room, long id) {
        return repository.find(room, id);
    }
}
