package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.testkit.RecordingReporter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The agent's side of telling the controller how far a wait got: it never fails the wait. */
public class WaitProgressTest {

    private final RecordingReporter reporter = new RecordingReporter();

    @Test
    public void tell_sendsAPlainJdkMap() {
        RecordingProgress controller = new RecordingProgress();
        Object[] received = new Object[1];
        WaitProgress proxy = progress -> {
            received[0] = progress;
            controller.advanced(progress);
        };

        WaitProgress.tell(proxy, Map.of("nextToken", "f/1"), reporter);

        assertEquals(HashMap.class, received[0].getClass());
        assertEquals(List.of(Map.of("nextToken", "f/1")), controller.told);
    }

    @Test
    public void tell_channelGoingAway_isADetailAndTheWaitGoesOn() {
        WaitProgress closing = progress -> {
            throw new IllegalStateException("channel is closing");
        };

        WaitProgress.tell(closing, Map.of("shownEventId", "e-7"), reporter);

        assertTrue(reporter.text(), reporter.contains("Could not tell the controller how far the wait got: channel is closing"));
    }

    @Test
    public void tell_nobodyListening_doesNothing() {
        WaitProgress.tell(null, Map.of("shownEventId", "e-7"), reporter);

        assertTrue(reporter.lines().isEmpty());
    }
}
