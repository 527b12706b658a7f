package io.pulsechat.message;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** Reading history in pages, for REST and for resume. */
@Service
public class History {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final MessageRepository repository;

    History(MessageRepository repository) {
        this.repository = repository;
    }

    /** One page and whether more lie beyond it (older for before/none, newer for after). */
    public record Page(List<ChatMessage> messages, boolean hasMore) {
    }

    /**
     * @throws ResponseStatusException 400 for a cursor below 0 or a limit outside 1..200
     */
    public Page page(String room, Long before, Long after, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        if ((before != null && before < 0) || (after != null && after < 0)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "before and after must be message ids (0 or more)");
        }
        List<ChatMessage> found = repository.page(room, before, after, size + 1);
        if (found.size() <= size) {
            return new Page(found, false);
        }
        // one more than asked for: drop it from the far end of the page
        return after != null ? new Page(found.subList(0, size), true) : new Page(found.subList(1, found.size()), true);
    }

    /** Up to {@code max} messages newer than {@code after}, ascending (for resume). */
    public List<ChatMessage> after(String room, long after, int max) {
        return repository.page(room, null, after, max);
    }
}
