package io.bakehouse.engine.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The secret values a run holds, so they can be masked wherever text leaves the engine. */
public final class Secrets {

    public static final String MASK = "****";

    /** Values this short would mask ordinary words; they are never treated as secrets. */
    private static final int MIN_LENGTH = 4;

    private final List<String> values = new CopyOnWriteArrayList<>();

    public Secrets add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && !values.contains(secret)) {
            values.add(secret);
        }
        return this;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        // Longest first, so a secret that contains another is masked whole.
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        String masked = text;
        for (String secret : sorted) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
