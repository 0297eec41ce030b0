package io.bakehouse.engine.output;

import io.bakehouse.engine.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The secret values a run holds, so they can be masked wherever text leaves the engine: Reporter lines, JSON
 * results, exception messages. A secret is masked as it is and in the forms it takes on the way out:
 * <ul>
 *   <li>each line of a multi-line secret on its own (a tool prints it a line at a time);</li>
 *   <li>JSON-escaped (quotes, backslashes, control characters, as a JSON result writes them);</li>
 *   <li>URL-encoded ({@code +} or {@code %20} for a space, upper- or lower-case hex);</li>
 *   <li>HTML-escaped (as a report page writes it).</li>
 * </ul>
 */
public final class Secrets {

    public static final String MASK = "****";

    /** Values this short would mask ordinary words; they are never treated as secrets. */
    private static final int MIN_LENGTH = 4;

    private final Set<String> values = new LinkedHashSet<>();
    /** Every form of every secret, longest first, so a form that contains another is masked whole. */
    private volatile List<String> forms = List.of();

    public Secrets add(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return this;
        }
        synchronized (this) {
            if (!values.add(secret)) {
                return this;
            }
            Set<String> all = new LinkedHashSet<>(forms);
            all.addAll(formsOf(secret));
            List<String> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            forms = List.copyOf(sorted);
        }
        return this;
    }

    public boolean isEmpty() {
        return forms.isEmpty();
    }

    public String mask(String text) {
        List<String> current = forms;
        if (text == null || current.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String form : current) {
            if (masked.contains(form)) {
                masked = masked.replace(form, MASK);
            }
        }
        return masked;
    }

    /** The texts that give {@code secret} away: itself, its lines, and their escaped forms. */
    static Set<String> formsOf(String secret) {
        Set<String> pieces = new LinkedHashSet<>();
        pieces.add(secret);
        for (String line : secret.split("\r\n|\r|\n")) {
            pieces.add(line);
            pieces.add(line.strip());
        }
        Set<String> forms = new LinkedHashSet<>();
        for (String piece : pieces) {
            if (piece.length() < MIN_LENGTH) {
                continue;
            }
            forms.add(piece);
            forms.add(Json.escaped(piece));
            String url = URLEncoder.encode(piece, StandardCharsets.UTF_8);
            forms.add(url);
            forms.add(url.replace("+", "%20"));
            forms.add(lowerHex(url));
            forms.add(lowerHex(url.replace("+", "%20")));
            forms.add(htmlEscaped(piece));
        }
        return forms;
    }

    static String htmlEscaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String lowerHex(String urlEncoded) {
        StringBuilder out = new StringBuilder(urlEncoded.length());
        for (int i = 0; i < urlEncoded.length(); i++) {
            char c = urlEncoded.charAt(i);
            out.append(c);
            if (c == '%' && i + 2 < urlEncoded.length()) {
                out.append(urlEncoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            }
        }
        return out.toString();
    }
}
