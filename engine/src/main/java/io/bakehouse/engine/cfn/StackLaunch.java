package io.bakehouse.engine.cfn;

/**
 * What {@link StackDeployer#launch} did: either the deployment is over ({@code result}: no
 * changes, or a change set left for review), or a change set is executing and {@code watch}
 * is where to watch it from ({@link StackDeployer#resume}).
 *
 * @param result the final result, or {@code null} while the change set executes
 * @param watch  the resume point of the execution, or {@code null} when finished
 * @param create whether the executing change set creates the stack (an abort then deletes it)
 */
public record StackLaunch(CfnDeployResult result, WatchState watch, boolean create) {

    public StackLaunch {
        if ((result == null) == (watch == null)) {
            throw new IllegalArgumentException("a launch is either finished or executing");
        }
        if (watch != null && watch.changeSetName() == null) {
            throw new IllegalArgumentException("an executing launch names its change set");
        }
    }

    static StackLaunch finished(CfnDeployResult result) {
        return new StackLaunch(result, null, false);
    }

    static StackLaunch executing(WatchState watch, boolean create) {
        return new StackLaunch(null, watch, create);
    }

    public boolean finished() {
        return result != null;
    }
}
