package io.bakehouse.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.time.Duration;
import org.junit.Test;

public class DurationsTest {

    @Test
    public void parse_unitsAndBareMinutes() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("timeout", "90s", null));
        assertEquals(Duration.ofMinutes(45), Durations.parse("timeout", "45m", null));
        assertEquals(Duration.ofHours(2), Durations.parse("timeout", " 2H ", null));
        assertEquals(Duration.ofMinutes(30), Durations.parse("timeout", "30", null));
        assertEquals(Duration.ofMinutes(60), Durations.parse("timeout", null, Duration.ofMinutes(60)));
    }

    @Test
    public void parse_badOrZero_usageErrorNamingField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Durations.parse("maxWaitTime", "2d", null));
        assertEquals("maxWaitTime", e.field());
        assertThrows(InvalidInputException.class, () -> Durations.parse("timeout", "0s", null));
        assertThrows(InvalidInputException.class, () -> Durations.parse("timeout", "-5m", null));
    }

    @Test
    public void format_shortestExactForm() {
        assertEquals("1h", Durations.format(Duration.ofMinutes(60)));
        assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("8s", Durations.format(Duration.ofSeconds(8)));
    }
}
