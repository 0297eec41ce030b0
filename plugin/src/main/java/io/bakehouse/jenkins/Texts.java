package io.bakehouse.jenkins;

/** Small text helpers shared by the steps. */
public final class Texts {

    private Texts() {
    }

    /** {@code null} for null or blank text, otherwise the text trimmed. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
