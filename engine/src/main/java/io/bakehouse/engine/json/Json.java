package io.bakehouse.engine.json;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Writes results as JSON: maps, lists, strings, numbers, booleans, null, instants and
 * {@link JsonValue}s. Small and dependency-free so the CLI starts fast; parsing uses Jackson.
 */
public final class Json {

    private Json() {
    }

    /** Pretty-printed with two-space indentation, as every face prints results. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int indent) {
        if (value instanceof JsonValue jv) {
            value = jv.toJsonMap();
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Instant || value instanceof Enum<?> || value instanceof Character) {
            quote(out, value.toString());
        } else if (value instanceof Map<?, ?> map) {
            writeMap(out, map, indent);
        } else if (value instanceof Collection<?> list) {
            writeList(out, list, indent);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, int indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            pad(out, indent + 1);
            quote(out, String.valueOf(e.getKey()));
            out.append(": ");
            write(out, e.getValue(), indent + 1);
        }
        out.append('\n');
        pad(out, indent);
        out.append('}');
    }

    private static void writeList(StringBuilder out, Collection<?> list, int indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            out.append(first ? "\n" : ",\n");
            first = false;
            pad(out, indent + 1);
            write(out, item, indent + 1);
        }
        out.append('\n');
        pad(out, indent);
        out.append(']');
    }

    private static void pad(StringBuilder out, int indent) {
        out.append("  ".repeat(indent));
    }

    static void quote(StringBuilder out, String s) {
        out.append('"').append(escaped(s)).append('"');
    }

    /** {@code s} as it appears between the quotes of a JSON string (this writer's form, and Jackson's). */
    public static String escaped(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
