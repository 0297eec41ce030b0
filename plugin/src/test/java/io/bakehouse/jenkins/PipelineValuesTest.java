package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.output.Secrets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PipelineValuesTest {

    @Test
    public void of_nestedImmutableCollections_becomeLinkedHashMapsAndArrayLists() {
        Map<String, Object> json = Map.of("regions", Map.of("us-east-1", Map.of("labels", List.of("build-1"))));
        LinkedHashMap<String, Object> values = PipelineValues.of(json);
        Object regions = values.get("regions");
        assertTrue(regions instanceof LinkedHashMap);
        Object region = ((Map<?, ?>) regions).get("us-east-1");
        assertTrue(region instanceof LinkedHashMap);
        Object labels = ((Map<?, ?>) region).get("labels");
        assertTrue(labels instanceof ArrayList);
        assertEquals(List.of("build-1"), labels);
    }

    @Test
    public void of_scalars_areKeptAsTheyAre() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 3L);
        json.put("changed", true);
        json.put("previousValue", null);
        json.put("name", "/a/b");
        LinkedHashMap<String, Object> values = PipelineValues.of(json);
        assertEquals(json, values);
        assertSame(json.get("name"), values.get("name"));
    }

    @Test
    public void of_otherObjects_becomeTheirText() {
        Instant when = Instant.parse("2026-01-02T03:04:05Z");
        assertEquals("2026-01-02T03:04:05Z", PipelineValues.of(Map.of("at", when)).get("at"));
    }

    @Test
    public void of_keyOrder_isKept() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("b", 1);
        json.put("a", 2);
        assertEquals(List.of("b", "a"), new ArrayList<>(PipelineValues.of(json).keySet()));
    }

    @Test
    public void of_withSecrets_masksEveryStringAndKey_inTheirEscapedFormsToo() {
        Secrets secrets = new Secrets().add("p@ss \"w0rd\"").add("line-one\nline-two");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", "https://ci.invalid/?t=p%40ss+%22w0rd%22");
        json.put("nested", List.of(Map.of("p@ss \"w0rd\"", "line-two")));
        json.put("count", 7);

        LinkedHashMap<String, Object> values = PipelineValues.of(json, secrets);

        assertEquals("https://ci.invalid/?t=****", values.get("url"));
        assertEquals(List.of(Map.of("****", "****")), values.get("nested"));
        assertEquals(7, values.get("count"));
    }
}
