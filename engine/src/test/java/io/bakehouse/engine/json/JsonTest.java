package io.bakehouse.engine.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
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
}
