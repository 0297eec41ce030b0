package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The most findings of each severity an image's scan may report, e.g. {@code CRITICAL=0,HIGH=0}:
 * an ECR image whose scan found more is refused. Severities without a limit are not judged.
 *
 * @param limits severity (upper case, one of {@link #SEVERITIES}) → the most findings allowed
 */
public record FindingLimits(Map<String, Integer> limits) implements Serializable {

    /** The severities ECR reports, worst first (basic scanning; enhanced scanning adds UNTRIAGED). */
    public static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL",
            "UNDEFINED", "UNTRIAGED");
    /** No limits: the scan is reported, never judged. */
    public static final FindingLimits NONE = new FindingLimits(Map.of());
    static final String FIELD = "maxFindings";

    public FindingLimits {
        limits = limits == null ? Map.of() : limits;
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String severity : SEVERITIES) {
            Integer max = limits.get(severity);
            if (max != null) {
                ordered.put(severity, max);
            }
        }
        for (Map.Entry<String, Integer> e : limits.entrySet()) {
            if (!SEVERITIES.contains(e.getKey())) {
                throw new InvalidInputException(FIELD, "maxFindings names severity '" + e.getKey()
                        + "', which ECR does not report", "use " + String.join(", ", SEVERITIES));
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new InvalidInputException(FIELD, "maxFindings for " + e.getKey() + " must be 0 or more");
            }
        }
        limits = Collections.unmodifiableMap(ordered);
    }

    /** Reads {@code SEVERITY=N[,SEVERITY=N...]}, e.g. {@code CRITICAL=0,HIGH=0}; blank means {@link #NONE}. */
    public static FindingLimits parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, Object> given = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(FIELD, "maxFindings '" + text + "' is not SEVERITY=N[,SEVERITY=N...]",
                        "e.g. CRITICAL=0,HIGH=0");
            }
            given.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return of(given);
    }

    /** Severity → most findings, as a step's map gives them (numbers, or their text); null or empty means {@link #NONE}. */
    public static FindingLimits of(Map<String, ?> given) {
        if (given == null || given.isEmpty()) {
            return NONE;
        }
        Map<String, Integer> limits = new LinkedHashMap<>();
        given.forEach((severity, max) -> {
            String key = severity == null ? "" : severity.strip().toUpperCase(Locale.ROOT);
            if (limits.containsKey(key)) {
                throw new InvalidInputException(FIELD, "maxFindings gives " + key + " twice");
            }
            limits.put(key, count(key, max));
        });
        return new FindingLimits(limits);
    }

    private static Integer count(String severity, Object max) {
        if (max instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        String text = max == null ? "" : max.toString().strip();
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(FIELD, "maxFindings for " + severity + " is '" + text
                    + "', not a whole number", "e.g. CRITICAL=0,HIGH=0");
        }
    }

    public boolean isEmpty() {
        return limits.isEmpty();
    }

    /** The severities whose count in {@code found} exceeds its limit, worst first. */
    List<String> exceeded(Map<String, Integer> found) {
        return limits.entrySet().stream()
                .filter(e -> found.getOrDefault(e.getKey(), 0) > e.getValue())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The text {@link #parse} reads back, e.g. {@code CRITICAL=0,HIGH=0}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        limits.forEach((k, v) -> s.append(s.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return s.toString();
    }
}
