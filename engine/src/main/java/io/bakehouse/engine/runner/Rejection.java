package io.bakehouse.engine.runner;

import io.bakehouse.engine.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why the gatekeeper refused a request: which container, script, option and value, and a
 * sentence saying why.
 */
public record Rejection(Reason reason, String container, String script, String option, String value, String message)
        implements JsonValue {

    /** Every class of refusal. */
    public enum Reason {
        UNKNOWN_CONTAINER, UNKNOWN_SCRIPT, UNKNOWN_OPTION, RESTRICTED_OPTION, MISSING_VALUE, UNEXPECTED_VALUE,
        VALUE_NOT_ALLOWED, UNSAFE_CHARACTERS, POSITIONAL_NOT_ALLOWED, TOO_MANY_ARGUMENTS, ARGUMENT_TOO_LONG,
        REPOSITORY_NOT_ALLOWED, REF_NOT_ALLOWED, CPU_NOT_ALLOWED, MEMORY_NOT_ALLOWED, REPEATED_OPTION,
        LEADING_DASH, COMMIT_NOT_ALLOWED
    }

    private static final int SHOWN = 80;

    public Rejection {
        value = shorten(value);
    }

    /**
     * A value as shown in messages: at most 80 characters; the characters the gatekeeper
     * always refuses (controls, format characters such as bidi overrides, line separators)
     * are shown escaped, so a message never reorders or breaks the log line it lands in.
     */
    static String shorten(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < value.length() && s.length() < SHOWN) {
            int cp = value.codePointAt(i);
            if (Arguments.refused(cp)) {
                s.append(cp < 0x100 ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
            } else {
                s.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return i < value.length() ? s + "..." : s.toString();
    }

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rejected", true);
        m.put("reason", reason.name());
        m.put("container", container);
        m.put("script", script);
        m.put("option", option);
        m.put("value", value);
        m.put("message", message);
        return m;
    }
}
