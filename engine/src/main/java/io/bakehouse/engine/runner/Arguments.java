package io.bakehouse.engine.runner;

import java.util.regex.Pattern;

/** The argument forms the gatekeeper knows: option names and values safe without a pattern. */
final class Arguments {

    /** {@code --name} or {@code -n}: what counts as an option. */
    static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * A value with no shell metacharacters, whitespace or quotes that does not start with
     * {@code -} (so a script's own parser cannot take it for an option). Values that need
     * more get an explicit pattern in the configuration.
     */
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./][A-Za-z0-9_@%+=:,./-]{0,1023}");

    /** The longest single argument accepted, whatever its pattern. */
    static final int MAX_LENGTH = 4096;

    private Arguments() {
    }

    static boolean isSafe(String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    /** Whether {@code arg} looks like an option (and so must be one the script allows). */
    static boolean looksLikeOption(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-';
    }

    /** Control characters (NUL, newline, escape...) are never passed, whatever a pattern says. */
    static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
