package io.bakehouse.engine.packer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an HCL file with what is not configuration taken out of the way of pattern matching: comments
 * ({@code #}, {@code //}, {@code /* … *}{@code /}) and heredoc bodies are blanked (newlines kept, so offsets
 * and lines stay as they were), and every character is known to be code or not (inside a quoted string, a
 * template interpolation, a comment or a heredoc). Brace matching counts code braces only. This is a scanner,
 * not a parser: Packer stays the judge of whether a template is valid.
 */
final class HclText {

    private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \\t]*\\r?\\n");

    private final String text;
    private final String blanked;
    private final boolean[] code;

    HclText(String text) {
        this.text = text;
        this.code = new boolean[text.length()];
        this.blanked = scan();
    }

    /** The text with comments and heredoc bodies replaced by spaces. */
    String blanked() {
        return blanked;
    }

    /** Whether the character at {@code i} is code (not in a string, interpolation, comment or heredoc). */
    boolean isCode(int i) {
        return i >= 0 && i < code.length && code[i];
    }

    /** The blanked text of the block whose opening brace ends just before {@code start}, up to its closing brace. */
    String body(int start) {
        int depth = 1;
        for (int i = start; i < blanked.length(); i++) {
            if (!code[i]) {
                continue;
            }
            char c = blanked.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return blanked.substring(start, i);
            }
        }
        return blanked.substring(start);
    }

    /** A frame of the string/interpolation nesting: a quoted string, or a {@code ${…}} with its brace depth. */
    private static final class Frame {
        final boolean string;
        int depth;

        Frame(boolean string) {
            this.string = string;
            this.depth = string ? 0 : 1;
        }
    }

    private String scan() {
        StringBuilder out = new StringBuilder(text);
        Deque<Frame> stack = new ArrayDeque<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            Frame top = stack.peek();
            if (top == null) {
                if (c == '#' || (c == '/' && next(i) == '/')) {
                    i = blank(out, i, lineEnd(i));
                } else if (c == '/' && next(i) == '*') {
                    int end = text.indexOf("*/", i + 2);
                    i = blank(out, i, end < 0 ? n : end + 2);
                } else if (c == '<' && next(i) == '<' && heredocEnd(i) > 0) {
                    i = blank(out, i, heredocEnd(i));
                } else if (c == '"') {
                    stack.push(new Frame(true));
                    i++;
                } else {
                    code[i] = true;
                    i++;
                }
            } else if (top.string) {
                if (c == '\\') {
                    i += 2;
                } else if (c == '"') {
                    stack.pop();
                    i++;
                } else if ((c == '$' || c == '%') && next(i) == c && i + 2 < n && text.charAt(i + 2) == '{') {
                    i += 3; // $${ and %%{ are literal
                } else if ((c == '$' || c == '%') && next(i) == '{') {
                    stack.push(new Frame(false));
                    i += 2;
                } else if (c == '\n') {
                    stack.clear(); // a quoted string cannot span lines: recover at the next one
                    code[i] = true;
                    i++;
                } else {
                    i++;
                }
            } else {
                if (c == '"') {
                    stack.push(new Frame(true));
                } else if (c == '{') {
                    top.depth++;
                } else if (c == '}' && --top.depth == 0) {
                    stack.pop();
                }
                i++;
            }
        }
        return out.toString();
    }

    private char next(int i) {
        return i + 1 < text.length() ? text.charAt(i + 1) : '\0';
    }

    private int lineEnd(int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end;
    }

    /** Where the heredoc that starts at {@code i} ends (after its closing marker's line), or -1 if none starts. */
    private int heredocEnd(int i) {
        Matcher m = HEREDOC.matcher(text).region(i, text.length());
        if (!m.lookingAt()) {
            return -1;
        }
        String marker = m.group(1);
        int line = m.end();
        while (line < text.length()) {
            int end = lineEnd(line);
            if (text.substring(line, end).strip().equals(marker)) {
                return end;
            }
            line = end + 1;
        }
        return text.length();
    }

    /** Blanks {@code [from, to)} but its line breaks; returns {@code to}. */
    private int blank(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c != '\n' && c != '\r') {
                out.setCharAt(k, ' ');
            }
        }
        return to;
    }
}
