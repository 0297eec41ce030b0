package io.bakehouse.engine.cfn;

/**
 * Where a deployment stands once its change set would execute: over ({@link Finished}: no
 * changes, or a change set left for review), or executing ({@link Execution}), to be watched
 * now or, after a {@link StackLaunch} was persisted, later.
 */
sealed interface Launched permits Launched.Finished, Execution {

    /** What a face that watches the execution itself persists. */
    StackLaunch toStackLaunch();

    /** The deployment is over: nothing executes. */
    record Finished(CfnDeployResult result) implements Launched {

        @Override
        public StackLaunch toStackLaunch() {
            return StackLaunch.finished(result);
        }
    }
}
