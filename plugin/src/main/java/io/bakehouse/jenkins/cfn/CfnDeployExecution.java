package io.bakehouse.jenkins.cfn;

import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.AwsOptions;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.jenkins.WaitProgress;
import io.bakehouse.jenkins.WaitingStepExecution;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code cfnDeploy}'s execution: create and execute the change set, then watch the stack;
 * after a controller restart it watches again from the saved stack, change set and event,
 * printing only the events the build log does not have yet;
 * an abort cancels the update (or deletes the stack being created).
 */
final class CfnDeployExecution extends WaitingStepExecution {

    private static final long serialVersionUID = 1L;

    // Not saved with the build: only the launch uses it, and a restart before AWS confirmed the start fails the step.
    private final transient CfnLaunchTask launch;

    CfnDeployExecution(StepContext context, AwsOptions options, CfnLaunchTask launch) {
        super(context, CfnDeployStep.FUNCTION_NAME, options);
        this.launch = launch;
    }

    @Override
    protected AgentTask<?> launchTask() {
        return launch;
    }

    @Override
    protected AgentTask<?> awaitTask(WaitHandle waitingOn, WaitProgress progress) {
        return new CfnAwaitTask(waitingOn, progress);
    }

    @Override
    protected Set<String> progressKeys() {
        return Set.of(StackHandles.SHOWN_EVENT);
    }

    @Override
    protected AgentTask<?> cancelTask(WaitHandle waitingOn) {
        return new CfnCancelTask(waitingOn);
    }
}
