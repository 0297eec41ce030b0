package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.CfnCalls.call;
import static io.bakehouse.engine.cfn.CfnCalls.serviceMessage;

import io.bakehouse.engine.error.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Stops a stack operation a deployment started, from its persisted {@link WatchState} and
 * without waiting for it to settle: the abort of a face that cannot interrupt the thread that
 * watches it. (An interrupted watch stops the operation and waits itself: {@link Recovery#stop}.)
 */
final class StackCancellation {

    private final CloudFormationApi api;

    StackCancellation(CloudFormationApi api) {
        this.api = api;
    }

    /**
     * Cancels an update, deletes a stack being created ({@code create}: the change set creates
     * it); anything else is left to finish. Returns what was done, in words.
     */
    String withoutWaiting(WatchState state, boolean create) {
        String stack = state.stackName();
        StackState s = call("reading stack " + stack, () -> api.describeStack(state.target())).orElse(null);
        if (s == null || !s.inProgress()) {
            return "Stack " + stack + " is " + (s == null ? "gone" : s.status()) + "; nothing to stop";
        }
        try {
            if (create && s.status().startsWith("CREATE_")) {
                api.deleteStack(state.target());
                return "Deleting the new stack " + stack + " (it was " + s.status() + ")";
            }
            if ("UPDATE_IN_PROGRESS".equals(s.status())) {
                api.cancelUpdate(stack);
                return "Cancelled the update of " + stack + "; CloudFormation rolls it back";
            }
        } catch (SdkException e) {
            if (!"ValidationError".equals(AwsErrors.code(e))) {
                throw AwsErrors.translate("stopping the deployment of " + stack, e);
            }
            return "Stack " + stack + " could not be stopped (" + serviceMessage(e) + "); it settles on its own";
        }
        return "Stack " + stack + " is " + s.status() + ", which cannot be cancelled; it settles on its own";
    }
}
