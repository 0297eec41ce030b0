package io.bakehouse.engine.cfn;

import java.util.Map;
import java.util.Set;

/**
 * What {@code DescribeStacks} says about a stack.
 *
 * @param stackId        the stack's ARN
 * @param status         e.g. {@code UPDATE_COMPLETE}
 * @param statusReason   CloudFormation's reason for the status, or {@code null}
 * @param outputs        output key → value
 * @param parameterKeys  the parameters the stack has now (their values may be masked)
 * @param terminationProtection whether termination protection is on
 */
public record StackState(String stackId, String status, String statusReason, Map<String, String> outputs,
                         Set<String> parameterKeys, boolean terminationProtection) {

    public StackState {
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        parameterKeys = parameterKeys == null ? Set.of() : Set.copyOf(parameterKeys);
    }

    boolean inProgress() {
        return StackStatuses.inProgress(status);
    }
}
