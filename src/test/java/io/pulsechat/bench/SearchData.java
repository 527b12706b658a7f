package io.pulsechat.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * A realistic chat history for the search benchmark, loaded into PostgreSQL with COPY: users, rooms of every kind
 * (public, private, direct) with members, and messages spread over the rooms by a Zipf law (a few busy rooms, many
 * quiet ones). About three messages in four are English, built from a Zipf-distributed vocabulary (common chat words
 * first, then a long tail of made-up words, so rare words occur tens of times); the rest is Chinese or a mix. 1% are
 * deleted, some are replies, some have reactions and mentions. The same seed gives the same data.
 */
final class SearchData {

    /** Sizes of the data set. */
    record Size(int messages, int users, int publicRooms, int privateRooms, int directRooms, int searchers) {

        static Size of(int messages) {
            int scale = Math.max(1, messages / 1000);
            return new Size(messages, Math.min(2000, 20 + scale * 2), Math.min(800, 5 + scale), Math.min(300, 3 + scale / 3),
                    Math.min(100, 2 + scale / 10), Math.min(20, 5 + scale / 50));
        }
    }

    static final String[] COMMON = ("the to i you a and it is that of in for we on this be have not with are can "
            + "just do so but at what my if was will me get all be about like one no up out there your know they "
            + "think now time good today going would people need how when see then make them work back also let "
            + "thanks yes here new meeting deploy release build server test review bug fix issue team week tomorrow "
            + "morning lunch coffee design docs update please check problem database login error branch merge ticket "
            + "customer deadline sprint demo weekend friday monday office remote call slides budget report").split(" ");

    /** Common Chinese words (most frequent first): two characters mostly, as chat is written. */
    static final String[] CHINESE = ("我们 今天 明天 问题 会议 已经 没有 可以 时间 项目 需要 一下 现在 大家 这个 什么 谢谢 设计 "
            + "测试 服务器 数据库 部署 上线 评审 代码 文档 客户 周末 下午 上午 晚上 同事 周报 版本 功能 需求 修复 发布 "
            + "环境 接口 前端 后端 性能 日志 告警 监控 预算 报告 演示 合同 会议室 午饭 咖啡 出差 请假 加班 计划 目标 "
            + "进度 风险 老板 团队 用户 产品 市场 销售 财务 合作 培训 面试 招聘 系统 网络 安全 权限 账号 密码 备份 "
            + "迁移 升级 回滚 故障 排查 分析 优化 重构 架构 方案 讨论 确认 同步 跟进 反馈 总结 流程 规范 标准 质量").split(" ");

    static final int TAIL_WORDS = 30_000;

    private final Size size;
    private final SplittableRandom random = new SplittableRandom(20261130L);
    final String[] words; // English vocabulary by rank
    private final double[] wordCdf;
    private final double[] chineseCdf;
    private final long[] wordCount; // occurrences of each English word in stored (not deleted) messages
    private final long[] chineseCount;

    final List<String> users = new ArrayList<>();
    final List<Room> rooms = new ArrayList<>();
    /** Users who search: each a member of lobby, several public rooms and several private rooms. */
    final List<String> searchers = new ArrayList<>();
    long startTs = 1_735_689_600_000L; // 2025-01-01
    private boolean lobbyExists;

    record Room(String id, String kind, List<Integer> members, long[] messages) {
        long count() {
            return messages[0];
        }
    }

    SearchData(Size size) {
        this.size = size;
        words = vocabulary();
        wordCdf = zipf(words.length, 1.0);
        chineseCdf = zipf(CHINESE.length, 0.9);
        wordCount = new long[words.length];
        chineseCount = new long[CHINESE.length];
    }

    Size size() {
        return size;
    }

    private String[] vocabulary() {
        String[] onsets = {"b", "br", "c", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "kl", "l", "m", "n", "p",
                "pl", "qu", "r", "s", "sk", "st", "t", "tr", "v", "w", "z", "zh"};
        String[] vowels = {"a", "e", "i", "o", "u", "ai", "ou", "y"};
        String[] codas = {"", "n", "r", "s", "x", "l", "m", "nd", "st", "k"};
        Set<String> all = new LinkedHashSet<>(List.of(COMMON));
        SplittableRandom r = new SplittableRandom(42);
        while (all.size() < COMMON.length + TAIL_WORDS) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + r.nextInt(2);
            for (int s = 0; s < syllables; s++) {
                w.append(onsets[r.nextInt(onsets.length)]).append(vowels[r.nextInt(vowels.length)]);
            }
            w.append(codas[r.nextInt(codas.length)]);
            all.add(w.toString());
        }
        return all.toArray(String[]::new);
    }

    private static double[] zipf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    private int draw(double[] cdf) {
        int i = java.util.Arrays.binarySearch(cdf, random.nextDouble());
        return Math.min(cdf.length - 1, i < 0 ? -i - 1 : i);
    }

    /** Loads everything into the (migrated, possibly unindexed) schema of {@code data}. */
    void load(DataSource data, Consumer<String> log) throws SQLException, java.io.IOException {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement(); var rs = st.executeQuery("select count(*) from rooms where id = 'lobby'")) {
                rs.next();
                lobbyExists = rs.getInt(1) > 0; // a started server made it
            }
            load(c.unwrap(PGConnection.class).getCopyAPI(), log);
            try (var update = c.prepareStatement("update rooms set last_message_id = ?, last_rev = ? where id = ?")) {
                for (Room room : rooms) {
                    update.setLong(1, room.count());
                    update.setLong(2, room.count());
                    update.setString(3, room.id());
                    update.addBatch();
                }
                update.executeBatch();
            }
            c.commit();
        }
    }

    /** Makes the same data again without loading it (for a schema loaded by an earlier run with the same size). */
    void generate() throws SQLException, java.io.IOException {
        load((org.postgresql.copy.CopyManager) null, line -> { });
    }

    private void load(org.postgresql.copy.CopyManager manager, Consumer<String> log) throws SQLException, java.io.IOException {
        {
            Copy copy = (sql, rows) -> {
                if (manager != null) {
                    manager.copyIn(sql, new StringReader(rows));
                }
            };
            StringBuilder out = new StringBuilder();
            for (int u = 0; u < size.users(); u++) {
                String id = String.format("00000000-0000-4000-8000-%012d", u);
                users.add(id);
                row(out, id, "user" + u, "{noop}-", "User " + u, "t", String.valueOf(startTs - 86_400_000L + u), "f", null, "0");
            }
            copy.copyIn("copy users (id, username, password_hash, display_name, enabled, created_at, admin, banned_at,"
                    + " tokens_valid_after) from stdin", out.toString());
            searchers.addAll(users.subList(0, size.searchers()));

            makeRooms();
            out.setLength(0);
            StringBuilder members = new StringBuilder();
            for (Room room : rooms) {
                if (room.id().equals("lobby") && lobbyExists) {
                    for (int i = 0; i < room.members().size(); i++) {
                        row(members, room.id(), users.get(room.members().get(i)), "member", String.valueOf(startTs - 86_400_000L), "0");
                    }
                    continue;
                }
                String direct = room.kind().equals("direct")
                        ? users.get(room.members().get(0)) + "|" + users.get(room.members().get(1)) : null;
                row(out, room.id(), room.kind().equals("direct") ? "" : "Room " + room.id(), String.valueOf(startTs - 86_400_000L),
                        "0", room.kind(), "", users.get(room.members().get(0)), "0", direct);
                for (int i = 0; i < room.members().size(); i++) {
                    row(members, room.id(), users.get(room.members().get(i)), i == 0 ? "owner" : "member",
                            String.valueOf(startTs - 86_400_000L), "0");
                }
            }
            copy.copyIn("copy rooms (id, name, created_at, last_message_id, kind, topic, created_by, last_rev, direct_key)"
                    + " from stdin", out.toString());
            copy.copyIn("copy room_members (room_id, user_id, role, joined_at, last_read) from stdin",
                    members.toString());
            log.accept(users.size() + " users, " + rooms.size() + " rooms loaded");

            double[] roomCdf = zipf(rooms.size(), 1.0);
            long ts = startTs;
            out.setLength(0);
            StringBuilder reactions = new StringBuilder();
            StringBuilder mentions = new StringBuilder();
            for (int n = 0; n < size.messages(); n++) {
                Room room = rooms.get(draw(roomCdf));
                long id = ++room.messages()[0];
                ts += 1 + random.nextInt(60_000);
                String user = users.get(room.members().get(random.nextInt(room.members().size())));
                boolean deleted = random.nextInt(100) == 0;
                String text = deleted ? "" : text();
                String replyTo = id > 1 && random.nextInt(30) == 0 ? String.valueOf(id - 1 - random.nextInt((int) Math.min(id - 1, 20))) : null;
                row(out, room.id(), String.valueOf(id), user, text, String.valueOf(ts), "b" + n, null, String.valueOf(id), null,
                        deleted ? "t" : "f", replyTo);
                if (!deleted && random.nextInt(50) == 0) {
                    row(reactions, room.id(), String.valueOf(id), "👍", users.get(room.members().get(0)), String.valueOf(ts + 1000));
                }
                if (!deleted && random.nextInt(100) == 0) {
                    row(mentions, room.id(), String.valueOf(id), users.get(room.members().get(0)));
                }
                if (out.length() > 8_000_000 || n == size.messages() - 1) {
                    copy.copyIn("copy messages (room_id, id, user_id, text, ts, client_msg_id, attachment_id, rev, edited_at,"
                            + " deleted, reply_to) from stdin", out.toString());
                    out.setLength(0);
                    if ((n + 1) % 200_000 < 20_000 || n == size.messages() - 1) {
                        log.accept((n + 1) + " messages loaded");
                    }
                }
            }
            copy.copyIn("copy reactions (room_id, message_id, emoji, user_id, created_at) from stdin",
                    reactions.toString());
            copy.copyIn("copy message_mentions (room_id, message_id, user_id) from stdin", mentions.toString());
        }
    }

    private interface Copy {
        void copyIn(String sql, String rows) throws SQLException, java.io.IOException;
    }

    private void makeRooms() {
        List<Integer> everyone = new ArrayList<>();
        for (int u = 0; u < size.users(); u++) {
            everyone.add(u);
        }
        rooms.add(new Room("lobby", "public", everyone, new long[1]));
        List<Room> others = new ArrayList<>();
        for (int i = 0; i < size.publicRooms(); i++) {
            others.add(new Room("pub-" + i, "public", someUsers(5, 60), new long[1]));
        }
        for (int i = 0; i < size.privateRooms(); i++) {
            others.add(new Room("prv-" + i, "private", someUsers(3, 40), new long[1]));
        }
        Set<String> pairs = new HashSet<>();
        for (int i = 0; pairs.size() < size.directRooms(); i++) {
            int a = random.nextInt(size.users());
            int b = random.nextInt(size.users());
            if (a != b && pairs.add(Math.min(a, b) + "|" + Math.max(a, b))) {
                others.add(new Room(String.format("dm-%024x", i), "direct", List.of(Math.min(a, b), Math.max(a, b)), new long[1]));
            }
        }
        // busy and quiet rooms of every kind: the order decides the Zipf rank (lobby stays the busiest)
        for (int i = others.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Room t = others.get(i);
            others.set(i, others.get(j));
            others.set(j, t);
        }
        rooms.addAll(others);
        // each searcher reads a few private rooms (and some public ones), besides lobby
        for (int s = 0; s < size.searchers(); s++) {
            int joined = 0;
            for (Room room : others) {
                if (room.kind().equals("direct") || room.members().contains(s)) {
                    continue;
                }
                if (random.nextInt(room.kind().equals("private") ? 8 : 16) == 0 && joined < 12) {
                    room.members().add(s);
                    joined++;
                }
            }
        }
    }

    private List<Integer> someUsers(int min, int max) {
        Set<Integer> picked = new LinkedHashSet<>();
        int n = Math.min(size.users() - size.searchers(), min + random.nextInt(max - min + 1));
        while (picked.size() < n) {
            picked.add(size.searchers() + random.nextInt(size.users() - size.searchers()));
        }
        return new ArrayList<>(picked);
    }

    private String text() {
        int kind = random.nextInt(100);
        if (kind < 72) {
            return english(3 + random.nextInt(16));
        }
        if (kind < 95) {
            return chinese(3 + random.nextInt(10));
        }
        return chinese(2 + random.nextInt(4)) + " " + english(2 + random.nextInt(5)) + " " + chinese(1 + random.nextInt(3));
    }

    private String english(int count) {
        StringBuilder s = new StringBuilder();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int w = draw(wordCdf);
            if (seen.add(w)) {
                wordCount[w]++;
            }
            if (i > 0) {
                s.append(random.nextInt(12) == 0 ? ", " : " ");
            }
            String word = words[w];
            s.append(i == 0 || random.nextInt(40) == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        }
        return s.append(random.nextInt(4) == 0 ? "?" : random.nextInt(3) == 0 ? "!" : "").toString();
    }

    private String chinese(int count) {
        StringBuilder s = new StringBuilder();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int w = draw(chineseCdf);
            if (seen.add(w)) {
                chineseCount[w]++;
            }
            s.append(CHINESE[w]);
            if (random.nextInt(6) == 0) {
                s.append(random.nextBoolean() ? "，" : "。");
            }
        }
        return s.toString();
    }

    /** English words that occur as a word in between {@code min} and {@code max} messages (a lower bound of the hits). */
    List<String> englishWords(long min, long max) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            if (wordCount[i] >= min && wordCount[i] <= max && words[i].length() >= 3) {
                found.add(words[i]);
            }
        }
        return found;
    }

    /** Two-character Chinese words in between {@code min} and {@code max} messages. */
    List<String> chineseWords(long min, long max) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < CHINESE.length; i++) {
            if (CHINESE[i].length() == 2 && chineseCount[i] >= min && chineseCount[i] <= max) {
                found.add(CHINESE[i]);
            }
        }
        return found;
    }

    long count(String word) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals(word)) {
                return wordCount[i];
            }
        }
        for (int i = 0; i < CHINESE.length; i++) {
            if (CHINESE[i].equals(word)) {
                return chineseCount[i];
            }
        }
        return 0;
    }

    /** One row of COPY's text format (the generated values hold no tab, newline or backslash); null is \N. */
    private static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            out.append(values[i] == null ? "\\N" : values[i]);
        }
        out.append('\n');
    }
}
