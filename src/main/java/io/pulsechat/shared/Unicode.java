package io.pulsechat.shared;

/**
 * Text rules shared by every field: lengths count code points, and text must be well-formed UTF-16. JSON's
 * {@code \uD800} escapes let a valid UTF-8 frame or body carry a lone surrogate, which no encoder can write out
 * again; such text is refused on the way in and replaced with U+FFFD on the way out, so one bad string can never
 * break a frame or a page for its readers.
 */
public final class Unicode {

    public static final char REPLACEMENT = '\uFFFD';

    private Unicode() {
    }

    /** The text with every lone surrogate replaced by U+FFFD; the same instance when there is none. */
    public static String scrub(String text) {
        if (text == null || isWellFormed(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /** Length in code points (an emoji outside the BMP counts once), as every limit in the contract does. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** True when {@code length(text)} is within {@code min..max}; false for null. */
    public static boolean lengthWithin(String text, int min, int max) {
        if (text == null) {
            return false;
        }
        int length = length(text);
        return length >= min && length <= max;
    }

    /**
     * False when the text holds a lone surrogate (a high one not followed by a low one, or a low one alone), the
     * only way a Java string can be text that no UTF encoding can carry (a JSON escape like {@code \ud800} makes one).
     */
    public static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
