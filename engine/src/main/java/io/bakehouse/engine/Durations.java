package io.bakehouse.engine;

import io.bakehouse.engine.error.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as steps take them: {@code 90s}, {@code 45m}, {@code 2h}, {@code 1h30m}; a bare number means minutes. */
public final class Durations {

    private static final Pattern BARE = Pattern.compile("\\d{1,9}");
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}[dhms])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([dhms])");

    private Durations() {
    }

    /** Parses an optional {@code text} for {@code field}: {@code null} or blank gives {@code fallback}. */
    public static Duration parse(String field, String text, Duration fallback) {
        return text == null || text.isBlank() ? fallback : parse(field, text);
    }

    /** Parses {@code text} for the parameter {@code field}; fails with a usage error naming it. */
    public static Duration parse(String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (BARE.matcher(t).matches()) {
            return Duration.ofMinutes(Long.parseLong(t));
        }
        if (!WHOLE.matcher(t).matches()) {
            throw new InvalidInputException(field, field + " '" + text + "' is not a duration",
                    "use a number with a unit, e.g. 90s, 45m, 2h or 1h30m (a bare number means minutes)");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        if (total.isZero()) {
            throw new InvalidInputException(field, field + " must be longer than zero");
        }
        return total;
    }

    /** The short form {@link #parse} reads back, e.g. {@code 2h}, {@code 1h30m}, {@code 45s}. */
    public static String format(Duration d) {
        StringBuilder s = new StringBuilder();
        long h = d.toHours();
        long m = d.toMinutesPart();
        long sec = d.toSecondsPart();
        if (h > 0) {
            s.append(h).append('h');
        }
        if (m > 0) {
            s.append(m).append('m');
        }
        if (sec > 0 || s.length() == 0) {
            s.append(sec).append('s');
        }
        return s.toString();
    }
}
