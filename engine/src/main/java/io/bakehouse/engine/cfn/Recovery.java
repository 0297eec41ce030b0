package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.CfnCalls.call;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Undoes what a deployment started and cannot finish: a change set it could not execute
 * (and the stack it created only for it), or a stack operation the user interrupted.
 */
final class Recovery {

    private final CloudFormationApi api;
    private final Reporter reporter;
    private final StackWatcher watcher;
    private final String stack;
    private final Duration settleTimeout;

    Recovery(CloudFormationApi api, Reporter reporter, StackWatcher watcher, String stack, Duration settleTimeout) {
        this.api = api;
        this.reporter = reporter;
        this.watcher = watcher;
        this.stack = stack;
        this.settleTimeout = settleTimeout;
    }

    /** Our own failure before execution: remove the change set, and the stack if we created it for nothing. */
    void cleanUp(String changeSet, boolean ownsStack) {
        boolean changeSetDeleted = false;
        try {
            api.deleteChangeSet(stack, changeSet);
            changeSetDeleted = true;
            reporter.progress("Deleted change set " + changeSet + " (it was not executed)");
            Optional<StackState> s = api.describeStack(stack);
            if (ownsStack && s.isPresent() && StackStatuses.REVIEW_IN_PROGRESS.equals(s.get().status())) {
                api.deleteStack(s.get().stackId());
                reporter.progress("Deleted stack " + stack + ", which was created for the change set only");
            }
        } catch (SdkException e) {
            String left = changeSetDeleted ? (ownsStack ? "stack " + stack : null)
                    : "change set " + changeSet + (ownsStack ? " and stack " + stack : "");
            reporter.warn("Could not clean up after the failure (" + AwsErrors.translate("cleaning up", e).getMessage()
                    + ")" + (left == null ? "" : "; delete " + left + " by hand"));
        }
    }

    /**
     * Interrupted while CloudFormation works: cancels an update, deletes a stack being
     * created, and waits (bounded) for the stack to settle; {@code events} gains what it sees.
     */
    CancelledException stop(WatchOutcome out, boolean create, String why, List<StackEvent> events) {
        String what;
        if (create) {
            reporter.warn("Interrupted (" + why + "): deleting the new stack " + stack
                    + "; waiting up to " + Durations.format(settleTimeout));
            call("deleting stack " + stack, () -> api.deleteStack(out.state().target()));
            what = "its creation was stopped and the new stack deleted";
        } else if ("UPDATE_IN_PROGRESS".equals(out.status())) {
            reporter.warn("Interrupted (" + why + "): cancelling the update of " + stack
                    + "; waiting up to " + Durations.format(settleTimeout) + " for the rollback");
            call("cancelling the update of " + stack, () -> api.cancelUpdate(stack));
            what = "the update was cancelled";
        } else {
            reporter.warn("Interrupted (" + why + ") while " + stack + " is " + out.status()
                    + ", which cannot be cancelled; waiting up to " + Durations.format(settleTimeout) + " for it to settle");
            what = "the operation could not be cancelled";
        }
        try {
            WatchOutcome settled = watcher.resume(out.state(), settleTimeout, CancelToken.NONE);
            events.addAll(settled.events());
            return new CancelledException("Deployment of stack " + stack + " was interrupted: " + what
                    + "; the stack is now " + settled.status(), "deploy again when ready");
        } catch (BakehouseException e) {
            return new CancelledException("Deployment of stack " + stack + " was interrupted: " + what
                    + ", but the stack had not settled after " + Durations.format(settleTimeout),
                    "watch the stack in the CloudFormation console before deploying again");
        }
    }
}
