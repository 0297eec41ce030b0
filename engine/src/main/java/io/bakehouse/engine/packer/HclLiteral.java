package io.bakehouse.engine.packer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an HCL literal value, as a {@code -var} of a list, map or object variable is written
 * ({@code ["us-west-2"]}, {@code {Team = "web", Cost = 3}}), into plain Java values, so that it can be handed
 * to Packer in a JSON var file instead of on its command line. Only literals: strings (with HCL's escapes and
 * {@code $${} / {@code %%{} for a literal {@code ${} / {@code %{}), numbers, {@code true}, {@code false},
 * {@code null}, tuples and objects; Packer does not evaluate references or functions in {@code -var} values
 * either. Error messages give a position, never the text, which may be a secret.
 */
final class HclLiteral {

    private final String text;
    private int pos;

    private HclLiteral(String text) {
        this.text = text;
    }

    /** The value {@code text} spells; {@link IllegalArgumentException} when it is not one literal. */
    static Object parse(String text) {
        HclLiteral p = new HclLiteral(text);
        p.space(true);
        Object value = p.value();
        p.space(true);
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            return tuple();
        }
        if (c == '{') {
            return object();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        String word = identifier();
        return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> throw error(word.isEmpty() ? "unexpected character" : "a reference or function is not a literal");
        };
    }

    private List<Object> tuple() {
        pos++;
        List<Object> items = new ArrayList<>();
        space(true);
        while (peek() != ']') {
            items.add(value());
            space(true);
            if (peek() == ',') {
                pos++;
                space(true);
            } else if (peek() != ']') {
                throw error("expected , or ]");
            }
        }
        pos++;
        return items;
    }

    private Map<String, Object> object() {
        pos++;
        Map<String, Object> items = new LinkedHashMap<>();
        space(true);
        while (peek() != '}') {
            String key = peek() == '"' ? string() : identifier();
            if (key.isEmpty()) {
                throw error("expected a key");
            }
            space(false);
            if (peek() != '=' && peek() != ':') {
                throw error("expected = or : after a key");
            }
            pos++;
            space(true);
            items.put(key, value());
            space(false);
            if (peek() == ',' || peek() == '\n' || peek() == '\r') {
                pos++;
                space(true);
            } else if (peek() != '}') {
                throw error("expected , a new line or }");
            }
        }
        pos++;
        return items;
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw error("a string is not closed");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\\') {
                out.append(escape());
            } else if ((c == '$' || c == '%') && text.startsWith(c + "" + c + "{", pos)) {
                out.append(c).append('{');
                pos += 3;
            } else if ((c == '$' || c == '%') && text.startsWith(c + "{", pos)) {
                throw error("a template interpolation is not a literal");
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private String escape() {
        if (pos + 1 >= text.length()) {
            throw error("a string is not closed");
        }
        char e = text.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case 'n':
                return "\n";
            case 'r':
                return "\r";
            case 't':
                return "\t";
            case '"':
                return "\"";
            case '\\':
                return "\\";
            case 'u':
                return codePoint(4);
            case 'U':
                return codePoint(8);
            default:
                throw error("unknown escape sequence");
        }
    }

    private String codePoint(int digits) {
        if (pos + digits > text.length()) {
            throw error("a unicode escape is cut short");
        }
        try {
            int cp = Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return new String(Character.toChars(cp));
        } catch (IllegalArgumentException e) {
            throw error("a unicode escape is not valid");
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("a number is not valid");
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '-')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("the value ends too early");
        }
        return text.charAt(pos);
    }

    /** Skips blanks (and line breaks when {@code newlines}); comments are not part of a value. */
    private void space(boolean newlines) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
                pos++;
            } else {
                return;
            }
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + (pos + 1));
    }
}
