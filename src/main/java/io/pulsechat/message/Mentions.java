package io.pulsechat.message;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code @username} in a message's text (docs/protocol.md section 12): the username pattern of section 1, not preceded by a
 * letter, digit or {@code _} (so an e-mail address mentions nobody) and not running on into more username characters.
 * {@code @room} stands for every member.
 */
final class Mentions {

    static final String ROOM = "room";
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_])@([a-z0-9_]{3,32})(?![a-z0-9_])");

    private Mentions() {
    }

    /** The usernames mentioned, in order of first appearance, {@code room} included when {@code @room} appears. */
    static Set<String> in(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text == null || text.indexOf('@') < 0) {
            return names;
        }
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
