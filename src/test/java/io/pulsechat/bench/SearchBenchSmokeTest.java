package io.pulsechat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.pulsechat.PostgresSupport;
import io.pulsechat.message.Search;
import io.pulsechat.message.SearchPlans;

/**
 * The search benchmark's smoke run, so it keeps working in every {@code ./mvnw verify}: a few thousand messages in a
 * fresh PostgreSQL schema with every migration, every query kind a few times through {@link Search} (wired by hand,
 * without an application context, to stay quick), the report written. Nothing here measures speed; the full run is
 * {@code ./mvnw -Pbench test-compile exec:exec@search} ({@link SearchBenchMain}).
 */
class SearchBenchSmokeTest {

    @Test
    void everyQueryKindRunsAndTheReportIsWritten() throws Exception {
        Map<String, String> schema = PostgresSupport.freshSchema();
        DataSource data = new DriverManagerDataSource(schema.get("spring.datasource.url"), schema.get("spring.datasource.username"),
                schema.get("spring.datasource.password"));
        Flyway.configure().dataSource(data).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .schemas(schema.get("spring.flyway.schemas")).defaultSchema(schema.get("spring.flyway.schemas")).load().migrate();
        SearchData generated = new SearchData(SearchData.Size.of(5_000));
        generated.load(data, line -> { });
        JdbcClient.create(data).sql("analyze messages").update();

        SearchMix mix = new SearchMix(generated);
        List<SearchMix.Kind> kinds = mix.kinds();
        List<SearchMix.Figures> figures = mix.run(SearchPlans.search(data), kinds, mix.queries(kinds, 5), line -> { });

        assertThat(figures).hasSize(kinds.size() + 1);
        assertThat(figures.get(figures.size() - 1).count()).isEqualTo(5L * kinds.size());
        assertThat(figures.get(0).withResults()).as("common words are found").isEqualTo(5);
        assertThat(figures.get(4).withResults()).as("made-up words are not").isZero();
        SearchMix.Query slow = figures.get(0).slowest();
        String plan = SearchPlans.explain(data, slow.userid(), slow.q(), slow.room(), Search.DEFAULT_LIMIT);
        assertThat(plan).contains("-- step 1 of 2", "Execution Time");
        assertThat(SearchBenchMain.report(Map.of("date", "smoke"), figures, figures.get(0), plan))
                .contains("| common word, all rooms | 5 |", "**all queries**");
    }
}
