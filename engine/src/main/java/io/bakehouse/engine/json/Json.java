package io.bakehouse.engine.json;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.ArrayType;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The engine's one JSON mapper, and the form every face prints results in.
 *
 * <p>{@link #MAPPER} reads JSON with Jackson's defaults and writes it as {@link #write} does:
 * two-space indentation, {@code "key": value}, one list item per line, {@code {}} and {@code []}
 * when empty, map entries in the map's own order, nulls kept. Strings are escaped as JSON
 * requires, plus U+2028 and U+2029 (line breaks to JavaScript); everything else, {@code <}, {@code >}
 * and {@code &} included, is written as it is (no report embeds this JSON in HTML).
 *
 * <p>Values are limited to maps, collections, strings, numbers, booleans, characters, enums,
 * {@link Instant}s (ISO-8601), trees read by Jackson and {@link JsonValue}s (their
 * {@link JsonValue#toJsonMap() map}). Any other object is refused rather than written field by
 * field: a result has one JSON form, chosen by its author.
 */
public final class Json {

    /** Shared and configured once; never reconfigure it. */
    public static final JsonMapper MAPPER = JsonMapper.builder(
                    new JsonFactoryBuilder().characterEscapes(new LineSeparatorEscapes()).build())
            .addModule(new SimpleModule("bakehouse") {
                @Override
                public void setupModule(SetupContext context) {
                    context.addSerializers(new Allowed());
                }
            })
            .defaultPrettyPrinter(prettyPrinter())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** {@code value} as JSON, pretty-printed as every face prints results. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** {@code s} as it appears between the quotes of a JSON string {@link #write} writes. */
    public static String escaped(String s) {
        String quoted = write(s);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(lines).withArrayIndenter(lines);
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

    /**
     * Lets Jackson's own serializers handle the allowed types, writes {@link JsonValue}s as
     * their maps and instants as text, and refuses everything else.
     */
    private static final class Allowed extends Serializers.Base {

        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription bean) {
            Class<?> c = type.getRawClass();
            if (JsonValue.class.isAssignableFrom(c)) {
                return AsMap.INSTANCE;
            }
            if (c == Instant.class || c == Character.class) {
                return ToStringSerializer.instance;
            }
            if (c == String.class || c == Boolean.class || Number.class.isAssignableFrom(c)
                    || Enum.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)
                    || Collection.class.isAssignableFrom(c) || JsonNode.class.isAssignableFrom(c)) {
                return null;
            }
            return new Refused(c);
        }

        @Override
        public JsonSerializer<?> findArraySerializer(SerializationConfig config, ArrayType type, BeanDescription bean,
                TypeSerializer elementTypeSerializer, JsonSerializer<Object> elementValueSerializer) {
            return new Refused(type.getRawClass());
        }
    }

    private static final class AsMap extends StdSerializer<JsonValue> {

        private static final long serialVersionUID = 1L;

        static final AsMap INSTANCE = new AsMap();

        private AsMap() {
            super(JsonValue.class);
        }

        @Override
        public void serialize(JsonValue value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(value.toJsonMap(), gen);
        }
    }

    private static final class Refused extends StdSerializer<Object> {

        private static final long serialVersionUID = 1L;

        private final Class<?> type;

        Refused(Class<?> type) {
            super(Object.class);
            this.type = type;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.reportMappingProblem("cannot write %s as JSON", type.getName());
        }
    }
}
