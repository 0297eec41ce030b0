package io.bakehouse.engine.time;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.time.Duration;
import org.junit.Test;

public class DurationsTest {

    @Test
    public void parse_contractForms_areUnderstood() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("timeout", "90s"));
        assertEquals(Duration.ofMinutes(45), Durations.parse("timeout", "45m"));
        assertEquals(Duration.ofHours(2), Durations.parse("timeout", "2h"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("timeout", "30"));
    }

    @Test
    public void parse_nonsense_namesTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Durations.parse("timeout", "soon"));
        assertEquals("timeout", e.field());
        assertEquals("timeout 'soon' is not a duration", e.getMessage());
    }

    @Test
    public void format_mixedUnits_isShort() {
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("45s", Durations.format(Duration.ofSeconds(45)));
    }
}
