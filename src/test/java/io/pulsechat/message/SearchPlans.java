package io.pulsechat.message;

import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The plans PostgreSQL runs for a search, with timings and buffers, and the search without a context (for the search benchmark). */
public final class SearchPlans {

    private SearchPlans() {
    }

    /** The search service wired by hand on a data source, as the application wires it (for tests without a context). */
    public static Search search(DataSource data) {
        return new Search(new MessageRepository(JdbcClient.create(data), data),
                new TransactionTemplate(new DataSourceTransactionManager(data)));
    }

    /**
     * {@code EXPLAIN (ANALYZE, BUFFERS)} of each step of the SQL that {@link Search#search} runs for these arguments, up
     * to the step that fills the page, each headed by its SQL.
     */
    public static String explain(DataSource data, String userid, String query, String room, int limit) {
        return new TransactionTemplate(new DataSourceTransactionManager(data)).execute(status -> explainSteps(data, userid, query, room, limit));
    }

    private static String explainSteps(DataSource data, String userid, String query, String room, int limit) {
        JdbcClient jdbc = JdbcClient.create(data);
        var repository = new MessageRepository(jdbc, data);
        repository.searchSettings(); // as the search itself does
        List<MessageRepository.SearchQuery> steps = repository.searchQueries(userid, Search.words(query), room, null, limit + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            int found = jdbc.sql(step.sql()).params(step.params()).query((rs, n) -> 1).list().size();
            out.append("-- step ").append(i + 1).append(" of ").append(steps.size()).append(" (").append(found)
                    .append(" rows)\n").append(step.sql().strip()).append("\n\n")
                    .append(jdbc.sql("explain (analyze, buffers) " + step.sql()).params(step.params()).query(String.class).list()
                            .stream().collect(Collectors.joining("\n"))).append("\n\n");
            if (found > limit) {
                break;
            }
        }
        return out.toString().strip();
    }
}
