package io.bakehouse.engine.concurrent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import org.junit.Test;

public class PollScheduleTest {

    @Test
    public void idle_default_startsWithinASecondAndBacksOffToFiveSeconds() {
        PollSchedule s = PollSchedule.DEFAULT;
        Duration d = s.first();
        assertEquals(Duration.ofSeconds(1), d);
        d = s.idle(d);
        assertEquals(Duration.ofMillis(1500), d);
        for (int i = 0; i < 10; i++) {
            d = s.idle(d);
        }
        assertEquals(Duration.ofSeconds(5), d);
    }

    @Test
    public void afterError_backsOffFurtherButBounded() {
        Duration d = PollSchedule.DEFAULT.max();
        d = PollSchedule.DEFAULT.afterError(d);
        assertEquals(Duration.ofSeconds(10), d);
        assertEquals(Duration.ofSeconds(20), PollSchedule.DEFAULT.afterError(PollSchedule.DEFAULT.afterError(d)));
    }

    @Test
    public void constructor_maxBelowFirst_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }
}
