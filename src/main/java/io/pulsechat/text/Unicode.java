package io.pulsechat.text;

/**
 * Well-formed text: every surrogate in a pair. JSON's {@code \\uD800} escapes let a valid UTF-8 frame carry a lone
 * surrogate, which no encoder can write out again; such text is refused on the way in and replaced with U+FFFD on
 * the way out, so one bad string can never break a frame for its readers.
 */
public final class Unicode {

    public static final char REPLACEMENT = '\uFFFD';

    private Unicode() {
    }

    public static boolean isWellFormed(CharSequence text) {
        return firstBadIndex(text) < 0;
    }

    /** The text with every lone surrogate replaced by U+FFFD; the same instance when there is none. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        int bad = firstBadIndex(text);
        if (bad < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, bad);
        for (int i = bad; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /** Code points, as every length in the contract counts them. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static int firstBadIndex(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
