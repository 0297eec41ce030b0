package io.bakehouse.engine.runner;

/**
 * The labels a task carries, made fit for what ECS accepts: the one place a caller's free
 * text (a build tag, {@code user:alice}, a caller ARN) becomes a tag value or a
 * {@code startedBy}. Each character ECS would refuse becomes {@code _}, then the value is cut
 * to the field's length; ECS fails RunTask on either, which an emulator does not check.
 */
public final class TaskLabels {

    /** ECS tag values: up to 256 characters. */
    static final int MAX_TAG_VALUE = 256;
    /**
     * {@code startedBy}: ECS documents 36 characters for StartTask (and reports "longer than 36"
     * from the service); the same limit keeps RunTask's value valid under either reading.
     */
    static final int MAX_STARTED_BY = 36;

    private TaskLabels() {
    }

    /**
     * {@code value} as a tag value: letters, digits, spaces and {@code _ . : / = + - @} in any
     * script are kept, anything else becomes {@code _}; the first 256 characters.
     */
    public static String tagValue(String value) {
        String kept = value.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "_");
        return kept.length() <= MAX_TAG_VALUE ? kept : kept.substring(0, MAX_TAG_VALUE);
    }

    /**
     * {@code requestedBy} as RunTask's {@code startedBy}: only ASCII letters, digits, {@code -},
     * {@code /} and {@code _} are allowed, so anything else becomes {@code _} (one per code
     * point). Cut to the last 36 characters: a CI's tag ends with what tells its runs apart
     * (Jenkins's {@code BUILD_TAG} with the build number). The full value stays in the task's
     * {@code bakehouse:requested-by} tag.
     */
    public static String startedBy(String requestedBy) {
        StringBuilder kept = new StringBuilder();
        requestedBy.codePoints().forEach(c -> kept.append(isStartedByChar(c) ? (char) c : '_'));
        String s = kept.toString();
        return s.length() <= MAX_STARTED_BY ? s : s.substring(s.length() - MAX_STARTED_BY);
    }

    private static boolean isStartedByChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '/'
                || c == '_';
    }
}
