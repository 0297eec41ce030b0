package io.bakehouse.engine.cfn;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link StackDeployer#launch} did: either the deployment is over ({@code result}: no
 * changes, or a change set left for review), or a change set is executing and {@code watch}
 * is where to watch it from ({@link StackDeployer#resume}). Holds names and identifiers only,
 * never a parameter's value, so a face may persist it as it is.
 *
 * @param result           the final result, or {@code null} while the change set executes
 * @param watch            the resume point of the execution, or {@code null} when finished
 * @param create           whether the executing change set creates the stack (an abort then deletes it)
 * @param secretParameters the template's NoEcho parameters, masked in the report whatever AWS returns for them
 */
public record StackLaunch(CfnDeployResult result, WatchState watch, boolean create, Set<String> secretParameters) {

    public StackLaunch {
        if ((result == null) == (watch == null)) {
            throw new IllegalArgumentException("a launch is either finished or executing");
        }
        if (watch != null && watch.changeSetName() == null) {
            throw new IllegalArgumentException("an executing launch names its change set");
        }
        secretParameters = Collections.unmodifiableSortedSet(
                secretParameters == null ? new TreeSet<>() : new TreeSet<>(secretParameters));
    }

    static StackLaunch finished(CfnDeployResult result) {
        return new StackLaunch(result, null, false, Set.of());
    }

    /** An executing change set, e.g. rebuilt from what a face persisted, to {@link StackDeployer#resume} it. */
    public static StackLaunch executing(WatchState watch, boolean create, Set<String> secretParameters) {
        return new StackLaunch(null, watch, create, secretParameters);
    }

    public boolean finished() {
        return result != null;
    }
}
