package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PackerBuildRequestTest {

    private static PackerBuildRequest request(Map<String, String> vars, Map<String, String> sensitive,
                                              List<String> only, List<String> except, String onError) {
        return new PackerBuildRequest("t.pkr.hcl", vars, sensitive, null, only, except, onError, false, null, null,
                false, null);
    }

    @Test
    public void defaults_cleanupAndSixtyMinutes() {
        PackerBuildRequest r = PackerBuildRequest.of("t.pkr.hcl");

        assertEquals("cleanup", r.onError());
        assertEquals(Duration.ofMinutes(60), r.timeout());
        assertTrue(r.vars().isEmpty());
    }

    @Test
    public void invalid_inputs_usageErrorsNamingTheField() {
        assertEquals("template", assertThrows(InvalidInputException.class, () -> PackerBuildRequest.of(" ")).field());
        assertEquals("onError", assertThrows(InvalidInputException.class,
                () -> request(null, null, null, null, "ask")).field());
        assertEquals("only", assertThrows(InvalidInputException.class,
                () -> request(null, null, List.of("a"), List.of("b"), null)).field());
        assertEquals("vars", assertThrows(InvalidInputException.class,
                () -> request(Map.of("bad name", "x"), null, null, null, null)).field());
        assertEquals("vars", assertThrows(InvalidInputException.class,
                () -> request(Map.of("bake_key", "x"), null, null, null, null)).field());
        assertEquals("sensitiveVars", assertThrows(InvalidInputException.class,
                () -> request(Map.of("pw", "x"), Map.of("pw", "y"), null, null, null)).field());
        assertEquals("timeout", assertThrows(InvalidInputException.class, () -> new PackerBuildRequest("t", null, null,
                null, null, null, null, false, null, null, false, Duration.ZERO)).field());
    }

    @Test
    public void toString_masksSensitiveValues() {
        String text = request(Map.of("region", "us-east-1"), Map.of("pw", "hunter2-secret"), null, null, null).toString();

        assertFalse(text, text.contains("hunter2-secret"));
        assertTrue(text, text.contains("pw=****"));
        assertTrue(text, text.contains("region=us-east-1"));
    }
}
