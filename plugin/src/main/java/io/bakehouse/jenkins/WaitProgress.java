package io.bakehouse.jenkins;

import io.bakehouse.engine.output.Reporter;
import java.util.HashMap;
import java.util.Map;

/**
 * How far a wait on the agent got, told to the controller as it goes: the newest stack event
 * printed, the log token read up to. The controller keeps it in the step's {@link WaitHandle},
 * so that after a restart the wait picks up there instead of printing the build log's last
 * lines again. The agent holds a remoting proxy of the controller's object
 * ({@code VirtualChannel.export}); every call is a round trip, made once per poll that saw
 * something new.
 */
public interface WaitProgress {

    /**
     * @param progress the handle's progress identifiers that changed (e.g. {@code shownEventId}),
     *                 none of them null
     */
    void advanced(Map<String, String> progress);

    /** Tells {@code progress} to {@code to} (which may be {@code null}: nobody listens); never fails the wait. */
    static void tell(WaitProgress to, Map<String, String> progress, Reporter reporter) {
        if (to == null) {
            return;
        }
        try {
            to.advanced(new HashMap<>(progress)); // a plain JDK map crosses the channel
        } catch (RuntimeException e) { // the channel to the controller is going away; the wait goes on
            reporter.detail("Could not tell the controller how far the wait got: " + e.getMessage());
        }
    }
}
