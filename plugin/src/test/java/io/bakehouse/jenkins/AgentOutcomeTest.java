package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;

public class AgentOutcomeTest {

    @Test
    public void success_holdsTheResult() {
        AgentOutcome outcome = AgentOutcome.success(Map.of("version", 1L));
        assertTrue(outcome.succeeded());
        assertEquals(Map.of("version", 1L), outcome.result());
    }

    @Test
    public void failed_holdsTheWords() {
        AgentOutcome outcome = AgentOutcome.failed("publishAmiParam: name is required");
        assertFalse(outcome.succeeded());
        assertEquals("publishAmiParam: name is required", outcome.failure());
    }

    @Test
    public void constructor_bothOrNeither_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AgentOutcome(Map.of(), "x"));
        assertThrows(IllegalArgumentException.class, () -> new AgentOutcome(null, null));
    }

    @Test
    public void serialisation_roundTrip_bringsThePipelineValuesBack() {
        LinkedHashMap<String, Object> result = PipelineValues.of(Map.of("name", "/a", "labels", java.util.List.of("l")));
        assertEquals(result, Serialization.roundTrip(AgentOutcome.success(result)).result());
    }
}
