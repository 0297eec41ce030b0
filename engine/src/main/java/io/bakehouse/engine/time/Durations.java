package io.bakehouse.engine.time;

import io.bakehouse.engine.error.InvalidInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the step contract writes them: {@code 90s}, {@code 45m}, {@code 2h}; a bare number is minutes. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})\\s*([smh]?)");

    private Durations() {
    }

    /** Parses {@code text} given for {@code field}; a usage error naming the field when it is not a duration. */
    public static Duration parse(String field, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException(field, field + " '" + text + "' is not a duration",
                    "write it as 90s, 45m or 2h (a bare number means minutes)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero()) {
            throw new InvalidInputException(field, field + " must be longer than zero");
        }
        return d;
    }

    /** The short form of {@code d}, e.g. {@code 1h30m}, {@code 45s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || out.length() == 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
