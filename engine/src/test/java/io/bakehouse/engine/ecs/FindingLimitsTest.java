package io.bakehouse.engine.ecs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class FindingLimitsTest {

    @Test
    public void parse_text_readsSeveritiesWorstFirstWhateverTheCase() {
        FindingLimits limits = FindingLimits.parse("high=2, CRITICAL=0");
        assertEquals(List.of("CRITICAL", "HIGH"), List.copyOf(limits.limits().keySet()));
        assertEquals(Integer.valueOf(2), limits.limits().get("HIGH"));
        assertEquals("CRITICAL=0,HIGH=2", limits.toString());
    }

    @Test
    public void parse_blank_isNone() {
        assertSame(FindingLimits.NONE, FindingLimits.parse(" "));
        assertSame(FindingLimits.NONE, FindingLimits.of(null));
        assertTrue(FindingLimits.NONE.isEmpty());
    }

    @Test
    public void of_stepMapWithNumbersOrText_isRead() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("CRITICAL", 0);
        given.put("medium", "5");
        assertEquals("CRITICAL=0,MEDIUM=5", FindingLimits.of(given).toString());
    }

    @Test
    public void parse_badInput_isAUsageErrorNamingMaxFindings() {
        for (String bad : new String[] {"CRITICAL", "SEVERE=0", "HIGH=-1", "HIGH=x", "HIGH=0,high=1", "=1"}) {
            InvalidInputException e = assertThrows(bad, InvalidInputException.class, () -> FindingLimits.parse(bad));
            assertEquals(bad, "maxFindings", e.field());
        }
    }

    @Test
    public void exceeded_listsTheSeveritiesOverTheirLimitOnly() {
        FindingLimits limits = FindingLimits.parse("CRITICAL=0,HIGH=1,LOW=10");
        assertEquals(List.of("HIGH"), limits.exceeded(Map.of("HIGH", 2, "MEDIUM", 40, "LOW", 10)));
        assertEquals(List.of(), limits.exceeded(Map.of()));
    }
}
