package io.pulsechat.message;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.pulsechat.shared.Unicode;

/**
 * Message search (docs/protocol.md section 13): newest first, in the rooms the caller may read (public rooms and their
 * rooms), not deleted, whose text contains every word of the query. A word matches as a case-insensitive substring:
 * that is the contract's rule for Chinese, Japanese and Korean, and the same rule for every script keeps answers
 * predictable (and alike on H2 and PostgreSQL). On PostgreSQL a trigram index serves the substring search.
 */
@Service
public class Search {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    public static final int QUERY_MAX = 200;

    private final MessageRepository repository;
    private final TransactionTemplate transactions;

    Search(MessageRepository repository, TransactionTemplate transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    /**
     * A page of results. {@code nextBefore} continues the search: a message id when it is within one room, a
     * timestamp across rooms ({@code paging} says which); null when there is nothing more.
     */
    public record Results(List<ChatMessage> messages, boolean hasMore, Long nextBefore, String paging) {
    }

    /** @throws History.InvalidQuery for a query outside 1..200 code points or a limit outside 1..50 */
    public Results search(String userid, String query, String room, Long before, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new History.InvalidQuery("limit must be between 1 and " + MAX_LIMIT);
        }
        if (query == null || query.isBlank() || Unicode.length(query) > QUERY_MAX || !Unicode.isWellFormed(query)) {
            throw new History.InvalidQuery("q must be 1 to " + QUERY_MAX + " characters and not blank");
        }
        if (before != null && before < 0) {
            throw new History.InvalidQuery("before must be 0 or more");
        }
        // one transaction: the search's settings on PostgreSQL hold for its queries only
        List<ChatMessage> found = transactions.execute(status -> repository.search(userid, words(query), room, before, size + 1));
        boolean more = found.size() > size;
        List<ChatMessage> page = more ? found.subList(0, size) : found;
        Long next = null;
        if (more && !page.isEmpty()) {
            ChatMessage last = page.get(page.size() - 1);
            next = room != null ? last.id() : last.ts();
        }
        return new Results(page, more, next, room != null ? "id" : "ts");
    }

    /** The query's words, lowercased. */
    static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        for (String word : query.strip().split("\\s+")) {
            words.add(word.toLowerCase(java.util.Locale.ROOT));
        }
        return words;
    }
}
