package io.bakehouse.engine.site;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A glob over a site file's path relative to {@code dir}, with {@code /} between folders on every
 * system. A glob without {@code /} matches the file's name in any folder ({@code *.html} matches
 * {@code about/index.html}); a glob with one matches the whole path ({@code assets/**}). {@code *}
 * matches within one name, {@code **} across folders ({@code **}{@code /} also matches no folder at
 * all), {@code ?} one character, {@code {a,b}} either word; anything else stands for itself.
 */
record Glob(String text, Pattern regex, boolean wholePath) {

    /** Parses {@code glob}, a value of the parameter {@code field}. */
    static Glob parse(String field, String glob) {
        if (glob == null || glob.isBlank()) {
            throw new InvalidInputException(field, field + " has an empty glob");
        }
        if (glob.startsWith("/")) {
            throw new InvalidInputException(field, field + " glob '" + glob + "' starts with /",
                    "globs are relative to dir: write assets/** rather than /assets/**");
        }
        StringBuilder regex = new StringBuilder();
        boolean inBraces = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (c == '*' && glob.startsWith("**", i)) {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '{' && !inBraces) {
                regex.append("(?:");
                inBraces = true;
            } else if (c == '}' && inBraces) {
                regex.append(')');
                inBraces = false;
            } else if (c == ',' && inBraces) {
                regex.append('|');
            } else if (c == '{' || c == '}') {
                throw new InvalidInputException(field, field + " glob '" + glob + "' has unbalanced or nested braces",
                        "alternatives are written {png,jpg}, one level deep");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inBraces) {
            throw new InvalidInputException(field, field + " glob '" + glob + "' has an unclosed {",
                    "alternatives are written {png,jpg}");
        }
        return new Glob(glob, Pattern.compile(regex.toString()), glob.contains("/"));
    }

    /** Whether {@code relativePath} ({@code /} between folders) matches. */
    boolean matches(String relativePath) {
        String subject = wholePath ? relativePath : relativePath.substring(relativePath.lastIndexOf('/') + 1);
        return regex.matcher(subject).matches();
    }
}
