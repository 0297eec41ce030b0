package io.bakehouse.engine.cfn;

import java.io.Serializable;

/**
 * All a wait for a stack operation needs to pick up where it left off, e.g. after a Jenkins
 * controller restart: persist it, and hand it to {@link StackWatcher#resume}.
 *
 * @param stackName    the stack's name
 * @param stackId      its ARN, or {@code null} (an ARN also finds a deleted stack)
 * @param changeSetName the change set being executed, or {@code null} for other operations
 * @param lastEventId  the newest event already seen, or {@code null} to see every event
 */
public record WatchState(String stackName, String stackId, String changeSetName, String lastEventId)
        implements Serializable {

    public WatchState {
        if (stackName == null || stackName.isBlank()) {
            throw new IllegalArgumentException("a watch needs the stack's name");
        }
    }

    WatchState seen(String eventId) {
        return new WatchState(stackName, stackId, changeSetName, eventId);
    }

    /** The stack's ARN when known (it also finds the stack after deletion), else its name. */
    String target() {
        return stackId != null ? stackId : stackName;
    }
}
