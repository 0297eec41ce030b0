package io.bakehouse.engine.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bakehouse.engine.runner.Rejection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class JsonTest {

    @Test
    public void write_nestedValues_isPrettyAndParsesBack() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "/a/b");
        m.put("version", 3L);
        m.put("changed", true);
        m.put("previous", null);
        m.put("labels", List.of("x", "y"));
        m.put("empty", Map.of());
        m.put("at", Instant.parse("2026-01-02T03:04:05Z"));

        String json = Json.write(m);

        assertEquals("{\n  \"name\": \"/a/b\",\n  \"version\": 3,\n  \"changed\": true,\n  \"previous\": null,\n"
                + "  \"labels\": [\n    \"x\",\n    \"y\"\n  ],\n  \"empty\": {},\n  \"at\": \"2026-01-02T03:04:05Z\"\n}", json);
        JsonNode back = new ObjectMapper().readTree(json);
        assertEquals(3, back.get("version").asInt());
    }

    @Test
    public void write_escapesEveryControlAndQuoteCharacter() throws Exception {
        String hostile = "quote\" back\\slash\nnew\ttab\u0001ctl\u2028ls";

        String json = Json.write(Arrays.asList(hostile));

        assertEquals(hostile, new ObjectMapper().readTree(json).get(0).asText());
    }

    @Test
    public void write_jsonValue_usesItsMap() {
        JsonValue v = () -> Map.of("k", 1);

        assertEquals("{\n  \"k\": 1\n}", Json.write(v));
    }

    @Test
    public void write_unknownType_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }

    @Test
    public void write_controlCharacters_useTheShortOrUnicodeEscape() {
        String json = Json.write("q\" b\\ n\n r\r t\t b\b f\f nul\u0000 esc\u001b us\u001f");

        assertEquals("\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f nul\\u0000 esc\\u001B us\\u001F\"", json);
    }

    @Test
    public void write_lineAndParagraphSeparators_areEscaped() {
        assertEquals("\"a\\u2028b\\u2029c\"", Json.write("a\u2028b\u2029c"));
    }

    @Test
    public void write_otherUnicode_isWrittenAsItIs() throws Exception {
        String text = "caf\u00e9 \u65e5\u672c \ud83c\udf5e \u007f /";

        String json = Json.write(text);

        assertEquals("\"" + text + "\"", json);
        assertEquals(text, new ObjectMapper().readTree(json).asText());
    }

    @Test
    public void write_htmlCharacters_areWrittenAsTheyAre() {
        // No report embeds this JSON in HTML; the output stays what the faces print and parse.
        assertEquals("\"</script><b>&amp;'\"", Json.write("</script><b>&amp;'"));
    }

    @Test
    public void escaped_isWhatWriteWritesBetweenTheQuotes() {
        for (String s : List.of("plain", "q\"uote", "back\\slash", "line\nbreak", "ctl\u0001", "ls\u2028", "\u00e9\ud83c\udf5e")) {
            assertEquals(s, Json.write(s), "\"" + Json.escaped(s) + "\"");
        }
    }

    @Test
    public void write_numbers_asJavaWritesThem() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 42);
        m.put("negative", -7L);
        m.put("long", Long.MAX_VALUE);
        m.put("double", 2.5);
        m.put("decimal", new BigDecimal("0.10"));
        m.put("big", new BigInteger("123456789012345678901234567890"));

        String json = Json.write(m);

        assertEquals("{\n  \"int\": 42,\n  \"negative\": -7,\n  \"long\": 9223372036854775807,\n  \"double\": 2.5,\n"
                + "  \"decimal\": 0.10,\n  \"big\": 123456789012345678901234567890\n}", json);
        assertEquals(new BigInteger("123456789012345678901234567890"),
                new ObjectMapper().readTree(json).get("big").bigIntegerValue());
    }

    @Test
    public void write_notANumber_isStillValidJson() throws Exception {
        String json = Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY));

        JsonNode back = new ObjectMapper().readTree(json);
        assertEquals("NaN", back.get(0).asText());
        assertEquals("Infinity", back.get(1).asText());
    }

    @Test
    public void write_nulls_atTheTopInListsAndAsValues() {
        List<Object> list = new ArrayList<>();
        list.add(null);
        list.add("x");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("none", null);
        m.put("list", list);

        assertEquals("null", Json.write(null));
        assertEquals("{\n  \"none\": null,\n  \"list\": [\n    null,\n    \"x\"\n  ]\n}", Json.write(m));
    }

    @Test
    public void write_nestedMapsListsAndValues_keepOrderAndIndentation() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of(List.of(), Map.of()));
        JsonValue value = () -> Map.of("deep", List.of(inner));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("reason", Rejection.Reason.UNKNOWN_OPTION);
        m.put("letter", 'c');

        assertEquals("{\n  \"value\": {\n    \"deep\": [\n      {\n        \"z\": 1,\n        \"a\": [\n"
                + "          [],\n          {}\n        ]\n      }\n    ]\n  },\n  \"reason\": \"UNKNOWN_OPTION\",\n"
                + "  \"letter\": \"c\"\n}", Json.write(m));
    }

    @Test
    public void write_emptyContainersAtTheTop_areBare() {
        assertEquals("{}", Json.write(Map.of()));
        assertEquals("[]", Json.write(List.of()));
    }

    @Test
    public void write_aRecordOrArrayDeepInside_isRefusedByName() {
        record Plain(String secret) {
        }
        Map<String, Object> m = Map.of("list", List.of(Map.of("x", new Plain("hunter22"))));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(m));
        assertTrue(e.getMessage(), e.getMessage().contains("Plain"));
        assertFalse(e.getMessage(), e.getMessage().contains("hunter22"));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new String[] {"a"}));
    }

    @Test
    public void mapper_readsWhatWriteWrites() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\u2028\"b");
        m.put("n", List.of(1, 2));

        assertEquals(m, Json.mapper().readValue(Json.write(m), LinkedHashMap.class));
    }
}
