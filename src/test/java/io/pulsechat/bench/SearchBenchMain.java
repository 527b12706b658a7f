package io.pulsechat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.pulsechat.PostgresSupport;
import io.pulsechat.PulseChatApplication;
import io.pulsechat.message.Search;
import io.pulsechat.message.SearchPlans;

/**
 * The search benchmark (issue 10: search over 1,000,000 messages on PostgreSQL, p99 under 200 ms). In a fresh schema of
 * the test PostgreSQL (see {@link PostgresSupport}; dropped when the run ends): migrates up to version 4, loads the
 * data with COPY ({@link SearchData}), runs the remaining migrations so the search indexes are built as they would be
 * on an upgraded server, VACUUM ANALYZE, starts Pulse on that schema, runs the query mix through its {@link Search}
 * ({@link SearchMix}) and writes {@code search-report.md} with the EXPLAIN of the slowest query.
 * <p>
 * Run it with {@code ./mvnw -Pbench test-compile exec:exec@search}; options in {@code -Dbench.search.args="..."}:
 * {@code --messages N} (default 1000000), {@code --per-kind N} measured queries of each kind (default 150),
 * {@code --warmup N} per kind (default 25), {@code --out DIR}; {@code --keep} leaves the loaded schema in place (its
 * name is logged) and {@code --schema NAME} runs against it again with the same {@code --messages} (to try a query or
 * index change without loading again; drop it yourself afterwards).
 */
public final class SearchBenchMain {

    /** Only this schema's tables (found through the connection's currentSchema). */
    private static final String VACUUM = "vacuum analyze users, rooms, room_members, messages, reactions, message_mentions";

    private SearchBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 1_000_000;
        int perKind = 150;
        int warmup = 25;
        Path out = Path.of("target", "bench");
        boolean keep = false;
        String reuse = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "" -> { }
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--per-kind" -> perKind = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--schema" -> reuse = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see SearchBenchMain's javadoc)");
            }
        }
        Consumer<String> log = line -> System.out.printf("[search-bench %s] %s%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), line);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        env.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("load average before", loadAverage());
        env.put("command", "`./mvnw -Pbench test-compile exec:exec@search`"
                + (args.length == 0 || String.join("", args).isBlank() ? "" : " with `" + String.join(" ", args).strip() + "`"));

        Map<String, String> schema = reuse != null ? PostgresSupport.schema(reuse)
                : keep ? PostgresSupport.schema("pulse_bench_" + Long.toHexString(System.nanoTime())) : PostgresSupport.freshSchema();
        String name = schema.get("spring.flyway.schemas");
        DataSource plain = new DriverManagerDataSource(schema.get("spring.datasource.url"), schema.get("spring.datasource.username"),
                schema.get("spring.datasource.password"));
        var flyway = Flyway.configure().dataSource(plain).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .schemas(name).defaultSchema(name);
        SearchData data = new SearchData(SearchData.Size.of(messages));
        JdbcClient jdbc = JdbcClient.create(plain);
        if (reuse == null) {
            flyway.target("4").load().migrate();
            log.accept("schema " + name + " migrated to version 4; loading " + messages + " messages");
            long t0 = System.nanoTime();
            data.load(plain, log);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            flyway.target("latest").load().migrate();
            double migrateSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            jdbc.sql(VACUUM).update();
            double analyzeSeconds = (System.nanoTime() - t0) / 1e9;
            env.put("loading", String.format("COPY %.0f s; remaining migrations (index builds) %.0f s; VACUUM ANALYZE %.0f s",
                    loadSeconds, migrateSeconds, analyzeSeconds));
            log.accept(env.get("loading"));
            try {
                // the load's dirty pages written now, not by the checkpointer while queries are measured
                jdbc.sql("checkpoint").update();
            } catch (RuntimeException notAllowed) {
                log.accept("no CHECKPOINT (needs a superuser or pg_checkpoint): " + notAllowed.getMessage());
            }
        } else {
            data.generate();
            flyway.target("latest").load().migrate();
            jdbc.sql(VACUUM).update();
            env.put("loading", "reused schema " + name + " of an earlier run (--schema), migrated to the latest version");
        }
        env.put("PostgreSQL", jdbc.sql("select version()").query(String.class).single().replaceAll(" on .*", "")
                + ", " + settings(jdbc));
        env.put("data", describe(jdbc, data));
        env.put("sizes", jdbc.sql("""
                select string_agg(c.relname || ' ' || pg_size_pretty(pg_relation_size(c.oid)), ', ' order by c.relname)
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and (c.relname = 'messages' or c.relname like 'messages%ix')""")
                .query(String.class).single());

        List<String> properties = new ArrayList<>();
        schema.forEach((k, v) -> properties.add("--" + k + "=" + v)); // arguments: above application.properties
        properties.addAll(List.of("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PulseChatApplication.class)
                .run(properties.toArray(String[]::new))) {
            log.accept("Pulse started on schema " + name);
            Search search = app.getBean(Search.class);
            SearchMix mix = new SearchMix(data);
            List<SearchMix.Kind> kinds = mix.kinds();
            log.accept("warm-up: " + warmup * kinds.size() + " queries");
            mix.run(search, kinds, mix.queries(kinds, warmup), line -> { });
            log.accept("measuring: " + perKind * kinds.size() + " queries, one at a time");
            List<SearchMix.Figures> figures = mix.run(search, kinds, mix.queries(kinds, perKind), log);
            env.put("load average after", loadAverage());

            SearchMix.Figures worstKind = figures.subList(0, figures.size() - 1).stream()
                    .max((a, b) -> Long.compare(a.micros().getValueAtPercentile(99), b.micros().getValueAtPercentile(99))).orElseThrow();
            SearchMix.Query slow = worstKind.slowest();
            String plan = SearchPlans.explain(app.getBean(DataSource.class), slow.userid(), slow.q(), slow.room(), Search.DEFAULT_LIMIT);
            String report = report(env, figures, worstKind, plan);
            Files.createDirectories(out);
            Files.writeString(out.resolve("search-report.md"), report);
            System.out.println();
            System.out.println(SearchMix.table(figures));
            System.out.println("Report: " + out.resolve("search-report.md").toAbsolutePath());
        }
    }

    static String report(Map<String, String> env, List<SearchMix.Figures> figures, SearchMix.Figures worstKind, String plan) {
        StringBuilder s = new StringBuilder("# Search benchmark\n\n");
        env.forEach((k, v) -> s.append("* ").append(k).append(": ").append(v).append('\n'));
        SearchMix.Figures all = figures.get(figures.size() - 1);
        long p99 = all.micros().getValueAtPercentile(99);
        s.append("\n").append(SearchMix.table(figures)).append("\n")
                .append(p99 < 200_000 ? "Goal (p99 under 200 ms over all queries): **met**" : "Goal (p99 under 200 ms over all queries): **not met**")
                .append(" (").append(SearchMix.ms(p99)).append(").\n\n")
                .append("## Slowest kind by p99: ").append(worstKind.name()).append("\n\n")
                .append("Its slowest query: `q=").append(worstKind.slowest().q()).append('`')
                .append(worstKind.slowest().room() == null ? "" : " in `" + worstKind.slowest().room() + "`")
                .append(" (").append(SearchMix.ms(worstKind.slowestMicros()))
                .append(" in the run). Its steps run again with EXPLAIN (ANALYZE, BUFFERS):\n\n```\n").append(plan).append("\n```\n");
        return s.toString();
    }

    private static String describe(JdbcClient jdbc, SearchData data) {
        return jdbc.sql("""
                select (select count(*) from messages) || ' messages (' || (select count(*) from messages where deleted)
                       || ' deleted, ' || (select count(*) from messages where text ~ '[一-龥]') || ' with Chinese), '
                       || (select count(*) from users) || ' users, '
                       || (select count(*) from rooms where kind = 'public') || ' public, '
                       || (select count(*) from rooms where kind = 'private') || ' private and '
                       || (select count(*) from rooms where kind = 'direct') || ' direct rooms, '
                       || (select count(*) from room_members) || ' memberships; busiest room '
                       || (select max(last_message_id) from rooms) || ' messages'""").query(String.class).single()
                + "; " + data.searchers.size() + " searchers, each a member of lobby and of "
                + data.rooms.stream().filter(r -> r.kind().equals("private") && r.members().contains(0)).count()
                + " (the first) private rooms";
    }

    private static String settings(JdbcClient jdbc) {
        return jdbc.sql("""
                select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings
                where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit',
                               'max_parallel_workers_per_gather')""").query(String.class).single();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
