package io.bakehouse.engine.cfn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code DescribeChangeSet} says about a change set (every page of changes).
 *
 * @param id              the change set's ARN
 * @param name            its name
 * @param stackId         the stack's ARN
 * @param status          CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, FAILED, ...
 * @param statusReason    why it failed, or {@code null}
 * @param executionStatus AVAILABLE, UNAVAILABLE, EXECUTE_IN_PROGRESS, ...
 * @param changes         the resource changes
 * @param parameters      the parameter values it was created with, in its order; {@code null} for a value
 *                        kept from the stack (CloudFormation returns NoEcho values masked)
 */
public record ChangeSetView(String id, String name, String stackId, String status, String statusReason,
                            String executionStatus, List<ChangeRow> changes, Map<String, String> parameters) {

    private static final List<String> NO_CHANGE_REASONS = List.of(
            "didn't contain changes", "No updates are to be performed");

    public ChangeSetView {
        changes = changes == null ? List.of() : List.copyOf(changes);
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    boolean creating() {
        return "CREATE_PENDING".equals(status) || "CREATE_IN_PROGRESS".equals(status);
    }

    boolean failed() {
        return "FAILED".equals(status);
    }

    /** CloudFormation refused the change set because it would change nothing. */
    boolean empty() {
        return failed() && statusReason != null && NO_CHANGE_REASONS.stream().anyMatch(statusReason::contains);
    }

    boolean executable() {
        return "CREATE_COMPLETE".equals(status) && "AVAILABLE".equals(executionStatus);
    }
}
