package io.bakehouse.engine.cfn;

import java.util.List;

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
 */
public record ChangeSetView(String id, String name, String stackId, String status, String statusReason,
                            String executionStatus, List<ChangeRow> changes) {

    private static final List<String> NO_CHANGE_REASONS = List.of(
            "didn't contain changes", "No updates are to be performed");

    public ChangeSetView {
        changes = changes == null ? List.of() : List.copyOf(changes);
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
