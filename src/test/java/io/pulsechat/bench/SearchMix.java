package io.pulsechat.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;

import io.pulsechat.message.Search;

/**
 * The search benchmark's query mix, run one query at a time through {@link Search#search} (the service behind
 * {@code GET /api/search}: the query, the visibility rule, the SQL, reactions and mentions of the page): eight kinds,
 * each for a random searcher (a member of lobby and of some public and private rooms), shuffled together; a warm-up
 * round first, then the measured round. Latency per query into an HdrHistogram per kind and overall.
 */
final class SearchMix {

    /** A kind of query: its words come from {@code words}, in one readable room or across all of them. */
    record Kind(String name, List<String> words, int wordsPerQuery, boolean oneRoom) {
    }

    /** One query as run. */
    record Query(Kind kind, String userid, String q, String room) {
    }

    /** The figures of one kind (or of all, {@code kind == null}). */
    record Figures(String name, Histogram micros, long withResults, long count, Query slowest, long slowestMicros) {
    }

    private final SearchData data;
    private final SplittableRandom random = new SplittableRandom(7);

    SearchMix(SearchData data) {
        this.data = data;
    }

    /** The kinds, with word frequencies scaled to the data set's size (share of messages that hold the word). */
    List<Kind> kinds() {
        long n = data.size().messages();
        List<String> common = data.englishWords(n / 100, n / 20);         // in 1% to 5% of messages
        List<String> medium = data.englishWords(n / 1000, n / 100);       // 0.1% to 1%
        List<String> rare = data.englishWords(Math.max(1, n / 100_000), Math.max(3, n / 10_000)); // about 10 to 100 in 1M
        List<String> chinese = data.chineseWords(n / 500, n / 20);        // 0.2% to 5%
        List<String> none = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            none.add(i % 2 == 0 ? "qxz" + Integer.toString(1000 + i, 36) : "鲸" + "鹦鹉猫狗熊虎龙蛇鹰鹤".charAt(i % 10));
        }
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("common word, all rooms", common, 1, false));
        kinds.add(new Kind("rare word, all rooms", rare, 1, false));
        kinds.add(new Kind("two words, all rooms", twoWords(common, medium), 1, false));
        kinds.add(new Kind("Chinese 2 characters, all rooms", chinese, 1, false));
        kinds.add(new Kind("no match (typo), all rooms", none, 1, false));
        kinds.add(new Kind("common word, one room", common, 1, true));
        kinds.add(new Kind("rare word, one room", rare, 1, true));
        kinds.add(new Kind("Chinese 2 characters, one room", chinese, 1, true));
        for (Kind k : kinds) {
            if (k.words().isEmpty()) {
                throw new IllegalStateException("no words for " + k.name() + ": data set too small");
            }
        }
        return kinds;
    }

    private List<String> twoWords(List<String> common, List<String> medium) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pairs.add(common.get(random.nextInt(common.size())) + " " + medium.get(random.nextInt(medium.size())));
        }
        return pairs;
    }

    /** {@code perKind} queries of each kind, shuffled together. */
    List<Query> queries(List<Kind> kinds, int perKind) {
        List<Query> queries = new ArrayList<>();
        for (Kind kind : kinds) {
            for (int i = 0; i < perKind; i++) {
                String userid = data.searchers.get(random.nextInt(data.searchers.size()));
                String q = kind.words().get(random.nextInt(kind.words().size()));
                queries.add(new Query(kind, userid, q, kind.oneRoom() ? readableRoom(userid) : null));
            }
        }
        Collections.shuffle(queries, new java.util.Random(random.nextLong()));
        return queries;
    }

    /** A room the user may read, chosen by its number of messages (people search where they talk). */
    private String readableRoom(String userid) {
        int user = data.users.indexOf(userid);
        List<SearchData.Room> readable = data.rooms.stream()
                .filter(r -> r.kind().equals("public") || r.members().contains(user)).toList();
        long total = readable.stream().mapToLong(SearchData.Room::count).sum();
        long pick = random.nextLong(Math.max(1, total));
        for (SearchData.Room r : readable) {
            pick -= r.count();
            if (pick < 0) {
                return r.id();
            }
        }
        return "lobby";
    }

    /** Runs the queries one after the other; figures per kind (in the kinds' order) and overall (last). */
    List<Figures> run(Search search, List<Kind> kinds, List<Query> queries, Consumer<String> log) {
        Map<Kind, Histogram> byKind = new LinkedHashMap<>();
        Map<Kind, long[]> counts = new LinkedHashMap<>(); // with results, count, slowest micros
        Map<Kind, Query> slowest = new LinkedHashMap<>();
        for (Kind k : kinds) {
            byKind.put(k, new Histogram(60_000_000L, 3));
            counts.put(k, new long[3]);
        }
        Histogram all = new Histogram(60_000_000L, 3);
        long allWith = 0;
        int done = 0;
        for (Query q : queries) {
            long start = System.nanoTime();
            Search.Results results = search.search(q.userid(), q.q(), q.room(), null, Search.DEFAULT_LIMIT);
            long micros = (System.nanoTime() - start) / 1000;
            byKind.get(q.kind()).recordValue(micros);
            all.recordValue(micros);
            long[] c = counts.get(q.kind());
            if (!results.messages().isEmpty()) {
                c[0]++;
                allWith++;
            }
            c[1]++;
            if (micros >= 200_000) {
                log.accept(String.format("slow: %s for q=%s%s", ms(micros), q.q(), q.room() == null ? "" : " in " + q.room()));
            }
            if (micros > c[2]) {
                c[2] = micros;
                slowest.put(q.kind(), q);
            }
            if (++done % 200 == 0) {
                log.accept(done + " of " + queries.size() + " queries");
            }
        }
        List<Figures> figures = new ArrayList<>();
        Query worst = null;
        long worstMicros = -1;
        for (Kind k : kinds) {
            long[] c = counts.get(k);
            figures.add(new Figures(k.name(), byKind.get(k), c[0], c[1], slowest.get(k), c[2]));
            if (c[2] > worstMicros) {
                worstMicros = c[2];
                worst = slowest.get(k);
            }
        }
        figures.add(new Figures("all queries", all, allWith, queries.size(), worst, worstMicros));
        return figures;
    }

    /** The figures as a Markdown table (milliseconds). */
    static String table(List<Figures> figures) {
        StringBuilder s = new StringBuilder("| query kind | queries | with results | p50 | p99 | max |\n|---|---|---|---|---|---|\n");
        for (Figures f : figures) {
            boolean total = f.name().equals("all queries");
            String b = total ? "**" : "";
            s.append(String.format("| %s%s%s | %,d | %d%% | %s | %s%s%s | %s |%n", b, f.name(), b, f.count(),
                    f.count() == 0 ? 0 : Math.round(100.0 * f.withResults() / f.count()), ms(f.micros().getValueAtPercentile(50)),
                    b, ms(f.micros().getValueAtPercentile(99)), b, ms(f.micros().getMaxValue())));
        }
        return s.toString();
    }

    static String ms(long micros) {
        return micros >= 10_000 ? String.format("%,d ms", Math.round(micros / 1000.0)) : String.format("%.1f ms", micros / 1000.0);
    }
}
