package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.CfnCalls.call;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;

/**
 * The waits before a deployment changes anything: for an operation started elsewhere to
 * finish (a busy stack is waited for, never operated on), and for a stack left by a failed
 * create to be deleted so that it can be created again.
 */
final class StackSettling {

    private final CloudFormationApi api;

    StackSettling(CloudFormationApi api) {
        this.api = api;
    }

    /** The stack as it is now, or {@code null} when there is none. */
    StackState read(String stack) {
        return call("reading stack " + stack, () -> api.describeStack(stack)).orElse(null);
    }

    /**
     * {@code s}, the stack as just read, once no operation started elsewhere is running on it
     * (waited for within the deployment's time); a stack stuck where it cannot be updated is a
     * failure that says what to do.
     */
    StackState settled(Deployment d, StackState s) {
        String stack = d.stack();
        if (s != null && s.inProgress()) {
            d.reporter().progress("Stack " + stack + " is busy (" + s.status() + ", an operation started elsewhere);"
                    + " waiting up to " + Durations.format(d.left()) + " for it to finish before deploying");
            String newest = call("reading the events of " + stack, () -> api.newestEventId(s.stackId()));
            WatchOutcome out = d.watcher().resume(new WatchState(stack, s.stackId(), null, newest), d.left(), d.cancel());
            if (out.cancelled()) {
                throw new CancelledException("Interrupted while waiting for another operation on stack " + stack
                        + " to finish; nothing was changed", null);
            }
            return read(stack);
        }
        return updatable(d, s);
    }

    /** {@code s}, unless it is stuck where it cannot be updated: that is a failure that says what to do. */
    StackState updatable(Deployment d, StackState s) {
        if (s != null && StackStatuses.stuck(s.status())) {
            throw BakehouseException.failure("Stack " + d.stack() + " is in " + s.status() + " and cannot be updated",
                    StackStatuses.hintFor(s.status()));
        }
        return s;
    }

    /** Deletes {@code failed}, a stack a failed create left behind, and waits until it is gone. */
    void deleteFailed(Deployment d, StackState failed) {
        String stack = d.stack();
        d.reporter().warn("Stack " + stack + " is in " + failed.status() + " after a failed create and can only be"
                + " deleted: deleting it and creating it again");
        call("deleting the failed stack " + stack, () -> api.deleteStack(failed.stackId()));
        WatchOutcome out = d.watcher().resume(new WatchState(stack, failed.stackId(), null, null), d.left(), d.cancel());
        if (out.cancelled()) {
            throw new CancelledException("Interrupted while deleting the failed stack " + stack, null);
        }
        if (!StackStatuses.DELETE_COMPLETE.equals(out.status())) {
            throw StackFailedException.of(stack, out.status(), out.statusReason(), out.events());
        }
    }
}
