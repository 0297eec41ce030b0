package io.bakehouse.engine.runner;

import java.util.regex.Pattern;

/** The argument forms the gatekeeper knows: option names, refused characters, plain values, commit IDs. */
final class Arguments {

    /** {@code --name} or {@code -n}: what counts as an option. */
    static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * The characters a value without a pattern of its own may hold: no shell metacharacters,
     * whitespace or quotes, at most 1024 of them. Whether it may start with {@code -} is a
     * separate rule ({@code dashValueOptions}, {@code dashPositionals}).
     */
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]{1,1024}");

    /** A bare commit ID: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits, in either case. */
    static final Pattern COMMIT = Pattern.compile("[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64}");

    /** A branch name a bare commit must be reachable from (configuration's {@code commitBranches}). */
    static final Pattern BRANCH = Pattern.compile("(?!.*\\.\\.)(?!.*/\\.)(?!.*\\.lock$)[A-Za-z0-9_][A-Za-z0-9_./-]{0,127}");

    /** The longest single argument accepted (in characters, i.e. Unicode code points), whatever its pattern. */
    static final int MAX_LENGTH = 4096;

    /** The option the gatekeeper passes each of {@code commitBranches} with. */
    static final String COMMIT_BRANCH_OPTION = "--commit-branch";

    private Arguments() {
    }

    /** Safe characters and no leading {@code -}: commands, repository URLs, hardcoded values. */
    static boolean isPlain(String value) {
        return value != null && SAFE.matcher(value).matches() && value.charAt(0) != '-';
    }

    /** Whether {@code arg} has more than {@link #MAX_LENGTH} characters (code points). */
    static boolean tooLong(String arg) {
        return arg.length() > MAX_LENGTH && arg.codePointCount(0, arg.length()) > MAX_LENGTH;
    }

    static boolean isSafe(String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    /** Whether {@code arg} looks like an option (and so must be one the script allows). */
    static boolean looksLikeOption(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-';
    }

    /** The option name of {@code --name} or {@code --name=value}. */
    static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    /**
     * Whether {@code value} holds a character that is never passed, whatever a pattern says:
     * Unicode controls (Cc: C0, DEL, C1 such as NEL and CSI), format characters (Cf: bidi
     * overrides and isolates, zero-width characters, the soft hyphen), line and paragraph
     * separators (Zl, Zp), and lone surrogates (Cs, which no encoding carries).
     */
    static boolean hasRefusedCharacter(String value) {
        return firstRefused(value) >= 0;
    }

    /** The index of the first refused character in {@code value}, or -1. */
    static int firstRefused(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (refused(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    static boolean refused(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
