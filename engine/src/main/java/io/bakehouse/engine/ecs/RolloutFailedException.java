package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.BakehouseException;
import java.util.List;

/**
 * A deployment ECS marked FAILED (deployment circuit breaker or CloudWatch alarms), explained: its
 * reason, the root cause (stopped tasks' reasons, alarms in ALARM) and the rollback that followed.
 */
public class RolloutFailedException extends BakehouseException {

    private static final long serialVersionUID = 1L;

    private final String deploymentId;
    private final String reason;
    private final List<String> rootCause;
    private final String rolledBackTo;

    RolloutFailedException(String deploymentId, String reason, List<String> rootCause, String rolledBackTo,
                           String message, String hint) {
        super(Kind.FAILURE, message, hint, null);
        this.deploymentId = deploymentId;
        this.reason = reason;
        this.rootCause = List.copyOf(rootCause);
        this.rolledBackTo = rolledBackTo;
    }

    public String deploymentId() {
        return deploymentId;
    }

    /** ECS's reason for the rollout state ({@code rolloutStateReason}), or {@code null}. */
    public String reason() {
        return reason;
    }

    /** One line per distinct cause found. */
    public List<String> rootCause() {
        return rootCause;
    }

    /** The task definition the service was rolled back to, or {@code null} when it was not. */
    public String rolledBackTo() {
        return rolledBackTo;
    }
}
