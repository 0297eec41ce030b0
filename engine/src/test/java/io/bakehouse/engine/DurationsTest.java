package io.bakehouse.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.time.Duration;
import org.junit.Test;

public class DurationsTest {

    @Test
    public void parse_unitsAndBareMinutes_readAsDocumented() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("t", "90s"));
        assertEquals(Duration.ofMinutes(45), Durations.parse("t", "45m"));
        assertEquals(Duration.ofHours(2), Durations.parse("t", "2h"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("t", "1h30m"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("t", "10"));
    }

    @Test
    public void parse_garbageOrZero_isUsageErrorNamingField() {
        assertEquals("maxWaitTime", assertThrows(InvalidInputException.class,
                () -> Durations.parse("maxWaitTime", "soon")).field());
        assertThrows(InvalidInputException.class, () -> Durations.parse("t", "0s"));
        assertThrows(InvalidInputException.class, () -> Durations.parse("t", "-5m"));
    }

    @Test
    public void format_roundTrips() {
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("45s", Durations.format(Duration.ofSeconds(45)));
        assertEquals(Duration.ofMinutes(90), Durations.parse("t", Durations.format(Duration.ofMinutes(90))));
    }

    @Test
    public void parse_optional_blankGivesTheFallback() {
        assertEquals(Duration.ofMinutes(60), Durations.parse("timeout", null, Duration.ofMinutes(60)));
        assertEquals(Duration.ofMinutes(60), Durations.parse("timeout", " ", Duration.ofMinutes(60)));
        assertEquals(Duration.ofSeconds(90), Durations.parse("timeout", "90s", Duration.ofMinutes(60)));
    }
}
