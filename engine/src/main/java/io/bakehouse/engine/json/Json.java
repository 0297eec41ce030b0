package io.bakehouse.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's JSON: one configured Jackson factory and mapper, and the form every face prints
 * results in.
 *
 * <p>{@link #write} writes two-space indentation, {@code "key": value}, one list item per line,
 * {@code {}} and {@code []} when empty, map entries in the map's own order, nulls kept. Strings are
 * escaped as JSON requires, plus U+2028 and U+2029 (line breaks to JavaScript); everything else,
 * {@code <}, {@code >} and {@code &} included, is written as it is (no report embeds this JSON in
 * HTML). {@link #mapper()} reads JSON with Jackson's defaults and writes as {@link #write} does.
 *
 * <p>Values are limited to maps, collections, strings, numbers, booleans, characters, enums,
 * {@link Instant}s (ISO-8601), trees read by Jackson and {@link JsonValue}s (their
 * {@link JsonValue#toJsonMap() map}). Any other object is refused rather than written field by
 * field: a result has one JSON form, chosen by its author.
 *
 * <p>Results are written with Jackson's streaming generator, not its object mapper: a step's
 * process starts once per pipeline step, and the mapper's classes cost a cold start about
 * 145 ms of CPU where the generator's cost about 27 ms (bench/README.md). The mapper is made on
 * first use, by whatever reads JSON.
 */
public final class Json {

    /** Jackson's standard escapes plus U+2028/U+2029; shared and configured once. */
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new LineSeparatorEscapes()).build();

    private Json() {
    }

    /** The engine's one JSON mapper (made on first use); shared and configured once, never reconfigure it. */
    public static JsonMapper mapper() {
        return MapperHolder.MAPPER;
    }

    /** {@code value} as JSON, pretty-printed as every face prints results. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(prettyPrinter());
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code s} as it appears between the quotes of a JSON string {@link #write} writes. */
    public static String escaped(String s) {
        String quoted = write(s);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof JsonValue v) {
            writeValue(g, v.toJsonMap());
        } else if (value instanceof String || value instanceof Character || value instanceof Instant) {
            g.writeString(value.toString());
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Number n) {
            writeNumber(g, n);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() == null) {
                    throw new IllegalArgumentException("cannot write a map with a null key as JSON");
                }
                g.writeFieldName(e.getKey().toString());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            g.writeStartArray();
            for (Object item : items) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof TreeNode tree) {
            mapper().writeTree(g, tree);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeNumber(JsonGenerator g, Number n) throws IOException {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            g.writeNumber(n.intValue());
        } else if (n instanceof Long || n instanceof AtomicLong || n instanceof AtomicInteger) {
            g.writeNumber(n.longValue());
        } else if (n instanceof Double d) {
            g.writeNumber(d);
        } else if (n instanceof Float f) {
            g.writeNumber(f);
        } else if (n instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (n instanceof BigInteger i) {
            g.writeNumber(i);
        } else {
            throw new IllegalArgumentException("cannot write " + n.getClass().getName() + " as JSON");
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(lines).withArrayIndenter(lines);
    }

    /** The mapper, apart so that writing a result never loads Jackson's databind. */
    private static final class MapperHolder {
        static final JsonMapper MAPPER = JsonMapper.builder(FACTORY.copy())
                .defaultPrettyPrinter(prettyPrinter())
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    /** Jackson's standard escapes, and U+2028/U+2029 as {@code \}{@code u2028}/{@code \}{@code u2029}. */
    private static final class LineSeparatorEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private static final int[] ASCII = standardAsciiEscapesForJSON();
        private static final SerializableString LS = new SerializedString("\\u2028");
        private static final SerializableString PS = new SerializedString("\\u2029");

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == '\u2028' ? LS : ch == '\u2029' ? PS : null;
        }
    }
}
