package io.bakehouse.engine.cfn;

import java.util.List;
import java.util.Map;

/**
 * How a watched stack operation ended (or where it was when the watch was cancelled).
 *
 * @param status     the stack's status; {@code DELETE_COMPLETE} when the stack is gone
 * @param statusReason CloudFormation's reason, or {@code null}
 * @param outputs    the stack's outputs
 * @param events     every event seen in this watch, oldest first
 * @param state      the resume point after the last event seen
 * @param cancelled  whether the watch stopped because it was cancelled
 */
public record WatchOutcome(String status, String statusReason, Map<String, String> outputs,
                           List<StackEvent> events, WatchState state, boolean cancelled) {

    public WatchOutcome {
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        events = List.copyOf(events);
    }

    public boolean succeeded() {
        return StackStatuses.success(status);
    }
}
