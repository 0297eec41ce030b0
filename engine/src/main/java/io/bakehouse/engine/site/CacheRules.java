package io.bakehouse.engine.site;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Cache-Control} header of each site file: the caller's rules (glob to header value, the
 * first that matches wins), then three built-in ones:
 * <ol>
 *   <li>HTML pages ({@code *.html}, {@code *.htm}): {@value #NO_CACHE}, so browsers and CloudFront
 *       ask again every time and a new release shows at once (they keep their copy while it has
 *       not changed);</li>
 *   <li>hashed assets (see {@link #isHashed}): {@value #IMMUTABLE}, since a new content gets a new
 *       name;</li>
 *   <li>everything else ({@code favicon.ico}, {@code robots.txt}, unhashed images): {@value #OTHER}.</li>
 * </ol>
 */
final class CacheRules {

    static final String NO_CACHE = "no-cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String OTHER = "public, max-age=300";

    /** The shortest run of letters and digits taken for a content hash: webpack's and Vite's default length. */
    private static final int MIN_HASH = 8;
    private static final int MAX_HEADER = 1024;

    private record Rule(Glob glob, String value) {
    }

    private final List<Rule> rules;

    private CacheRules(List<Rule> rules) {
        this.rules = rules;
    }

    /** The caller's rules, in their order, checked: a glob each, and a header value fit to send. */
    static CacheRules of(Map<String, String> globToValue) {
        List<Rule> rules = new ArrayList<>();
        if (globToValue != null) {
            globToValue.forEach((glob, value) -> rules.add(new Rule(Glob.parse("cacheControl", glob),
                    checkValue(glob, value))));
        }
        return new CacheRules(List.copyOf(rules));
    }

    /** The header for the file at {@code relativePath}. */
    String valueFor(String relativePath) {
        for (Rule rule : rules) {
            if (rule.glob().matches(relativePath)) {
                return rule.value();
            }
        }
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        if (isHtml(name)) {
            return NO_CACHE;
        }
        return isHashed(name) ? IMMUTABLE : OTHER;
    }

    /** Whether the file is an HTML page, published after every other file. */
    static boolean isHtml(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".html") || lower.endsWith(".htm");
    }

    /**
     * Whether a file name carries a content hash, as bundlers write them: a part of the name after its
     * first, set off by {@code .}, {@code -} or {@code _} and before the extension, of at least 8 letters
     * and digits with at least one digit and either only the letters a-f (a hex hash) or at least one
     * capital (a base-32 or base-64 hash). So {@code app.3f9a1c2b.js} (webpack), {@code
     * main.3f9a1c2b.chunk.js}, {@code index-B1xYz3Qa.js} (Vite), {@code chunk-5HQ2FHJI.js} (esbuild) are
     * hashed, and {@code bootstrap5.css}, {@code vendor-2024.js}, {@code logo-large.png} are not. A hash
     * without a digit is missed (its file is then cached for 5 minutes, not a year): a name taken for
     * hashed when it is not would be cached for a year, so the rule leans that way.
     */
    static boolean isHashed(String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String[] parts = stem.split("[.\\-_]");
        for (int i = 1; i < parts.length; i++) {
            if (looksLikeHash(parts[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeHash(String part) {
        if (part.length() < MIN_HASH) {
            return false;
        }
        boolean digit = false;
        boolean capital = false;
        boolean beyondHex = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c >= 'A' && c <= 'Z') {
                capital = true;
            } else if (c >= 'g' && c <= 'z') {
                beyondHex = true;
            } else if (c < 'a' || c > 'f') {
                return false;
            }
        }
        boolean letter = capital || beyondHex || part.chars().anyMatch(c -> c >= 'a' && c <= 'f');
        return digit && letter && (capital || !beyondHex);
    }

    private static String checkValue(String glob, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("cacheControl", "cacheControl rule '" + glob + "' has no value",
                    "give the Cache-Control header, e.g. " + glob + "=public, max-age=3600");
        }
        String v = value.trim();
        boolean printable = v.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (!printable || v.length() > MAX_HEADER) {
            throw new InvalidInputException("cacheControl", "cacheControl rule '" + glob
                    + "' has a value that is no HTTP header value",
                    "use printable ASCII on one line, at most " + MAX_HEADER + " characters");
        }
        return v;
    }
}
