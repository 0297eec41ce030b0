package io.bakehouse.engine.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The contract's text: plain words with three marks, rendered as each output needs.
 *
 * <ul>
 *   <li>{@code `text`}: code ({@code <code>} in HTML, backticks in Markdown, as is in plain text);</li>
 *   <li>{@code {name}}: another parameter, shown as code in the face's spelling ({@code roleArn} in a
 *       pipeline, {@code --role-arn} on the command line);</li>
 *   <li>{@code *text*}: emphasis (a credential type's name, say).</li>
 * </ul>
 *
 * Inside code nothing is a mark, so {@code `{"K": "V"}`} is code. Anything else with braces or
 * an unclosed mark is refused when the contract is read.
 */
public final class Markup {

    private enum Kind { TEXT, CODE, REFERENCE, EMPHASIS }

    private record Token(Kind kind, String text) {
    }

    private final String source;
    private final List<Token> tokens;

    private Markup(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = List.copyOf(tokens);
    }

    /** Reads {@code source}; an unclosed mark or a malformed reference is an {@link IllegalArgumentException}. */
    public static Markup of(String source) {
        String text = source.strip().replaceAll("\\s+", " ");
        List<Token> tokens = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            Kind kind = c == '`' ? Kind.CODE : c == '{' ? Kind.REFERENCE : c == '*' ? Kind.EMPHASIS : null;
            if (kind == null) {
                if (c == '}') {
                    throw new IllegalArgumentException("a '}' without '{' in: " + source.strip());
                }
                plain.append(c);
                i++;
                continue;
            }
            char close = kind == Kind.REFERENCE ? '}' : c;
            int end = text.indexOf(close, i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("an unclosed '" + c + "' in: " + source.strip());
            }
            String inner = text.substring(i + 1, end);
            if (kind == Kind.REFERENCE && !inner.matches("[a-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("'{" + inner + "}' is no parameter reference (write code in"
                        + " backticks) in: " + source.strip());
            }
            if (inner.isEmpty()) {
                throw new IllegalArgumentException("an empty '" + c + c + "' in: " + source.strip());
            }
            if (plain.length() > 0) {
                tokens.add(new Token(Kind.TEXT, plain.toString()));
                plain.setLength(0);
            }
            tokens.add(new Token(kind, inner));
            i = end + 1;
        }
        if (plain.length() > 0) {
            tokens.add(new Token(Kind.TEXT, plain.toString()));
        }
        return new Markup(text, tokens);
    }

    /** Sentences joined with a space; {@code null} parts are left out. */
    public static Markup join(Markup... parts) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder source = new StringBuilder();
        for (Markup part : parts) {
            if (part == null || part.tokens.isEmpty()) {
                continue;
            }
            if (!tokens.isEmpty()) {
                tokens.add(new Token(Kind.TEXT, " "));
                source.append(' ');
            }
            tokens.addAll(part.tokens);
            source.append(part.source);
        }
        return new Markup(source.toString(), tokens);
    }

    /** The parameters this text refers to, in order. */
    public List<String> references() {
        return tokens.stream().filter(t -> t.kind() == Kind.REFERENCE).map(Token::text).toList();
    }

    /** The text as written (marks included). */
    public String source() {
        return source;
    }

    /**
     * Plain text, for a terminal: marks dropped, references spelt by {@code spelling}, arrows as
     * {@code ->} (a console's character set may lack them).
     */
    public String plain(UnaryOperator<String> spelling) {
        StringBuilder out = new StringBuilder();
        for (Token t : tokens) {
            out.append(t.kind() == Kind.REFERENCE ? spelling.apply(t.text()) : t.text());
        }
        return out.toString().replace("→", "->");
    }

    /** HTML: code and references in {@code <code>}, emphasis in {@code <em>}; every character outside ASCII as an entity. */
    public String html(UnaryOperator<String> spelling) {
        StringBuilder out = new StringBuilder();
        for (Token t : tokens) {
            switch (t.kind()) {
                case TEXT -> out.append(escapeHtml(t.text()));
                case CODE -> out.append("<code>").append(escapeHtml(t.text())).append("</code>");
                case REFERENCE -> out.append("<code>").append(escapeHtml(spelling.apply(t.text()))).append("</code>");
                case EMPHASIS -> out.append("<em>").append(escapeHtml(t.text())).append("</em>");
            }
        }
        return out.toString();
    }

    /** Markdown for a table cell: code and references in backticks, emphasis in stars, {@code |} escaped. */
    public String markdown(UnaryOperator<String> spelling) {
        StringBuilder out = new StringBuilder();
        for (Token t : tokens) {
            switch (t.kind()) {
                case TEXT -> out.append(t.text());
                case CODE -> out.append(code(t.text()));
                case REFERENCE -> out.append(code(spelling.apply(t.text())));
                case EMPHASIS -> out.append('*').append(t.text()).append('*');
            }
        }
        return out.toString().replace("|", "\\|");
    }

    /** {@code text} as HTML text: {@code & < >} escaped, and every character outside ASCII as a numeric entity. */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (cp < 128) {
                        out.append((char) cp);
                    } else {
                        out.append("&#").append(cp).append(';');
                    }
                }
            }
        });
        return out.toString();
    }

    private static String code(String text) {
        // a backtick inside code needs a longer fence
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Markup m && m.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
