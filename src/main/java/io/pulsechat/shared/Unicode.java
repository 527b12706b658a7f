package io.pulsechat.shared;

/** Text rules shared by every field: lengths count code points, and text must be well-formed UTF-16. */
public final class Unicode {

    private Unicode() {
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
