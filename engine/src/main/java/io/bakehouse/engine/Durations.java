package io.bakehouse.engine;

import io.bakehouse.engine.error.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Step durations as users write them: {@code 90s}, {@code 45m}, {@code 2h}; a bare number means minutes. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*([smh]?)");

    private Durations() {
    }

    /** Parses a required duration given for {@code field}. */
    public static Duration parse(String field, String text) {
        return parse(field, InvalidInputException.require(field, text), null);
    }

    /** Parses {@code text} for the step parameter {@code field}; {@code null} or blank gives {@code fallback}. */
    public static Duration parse(String field, String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new InvalidInputException(field, field + " '" + text + "' is not a duration",
                    "use a positive number with s, m or h, such as 90s, 45m or 2h (a bare number means minutes)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** The shortest of those forms that states {@code d} exactly, e.g. {@code 90s}, {@code 45m}, {@code 2h}. */
    public static String format(Duration d) {
        long seconds = d.getSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
