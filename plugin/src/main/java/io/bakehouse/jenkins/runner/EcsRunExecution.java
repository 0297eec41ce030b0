package io.bakehouse.jenkins.runner;

import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.AwsOptions;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.jenkins.WaitProgress;
import io.bakehouse.jenkins.WaitingStepExecution;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code ecsDeployRunner}'s execution: start the task, then follow it; after a controller
 * restart it follows the task again from the saved handle, reading its log on from the last
 * page the build log has; an abort stops the task.
 */
final class EcsRunExecution extends WaitingStepExecution {

    private static final long serialVersionUID = 1L;

    // Not saved with the build: only the launch uses it, and a restart before AWS confirmed the start fails the step.
    private final transient EcsRunLaunchTask launch;
    /** Saved with the build, so a wait resumed after a restart still returns rather than fails; false in older builds. */
    private final boolean returnStatus;

    EcsRunExecution(StepContext context, AwsOptions options, EcsRunLaunchTask launch, boolean returnStatus) {
        super(context, EcsDeployRunnerStep.FUNCTION_NAME, options);
        this.launch = launch;
        this.returnStatus = returnStatus;
    }

    @Override
    protected AgentTask<WaitHandle> launchTask() {
        return launch;
    }

    @Override
    protected AgentTask<?> awaitTask(WaitHandle waitingOn, WaitProgress progress) {
        return new EcsRunAwaitTask(waitingOn, progress, returnStatus);
    }

    @Override
    protected Set<String> progressKeys() {
        return Set.of(TaskHandles.NEXT_TOKEN);
    }

    @Override
    protected AgentTask<?> cancelTask(WaitHandle waitingOn) {
        return new EcsRunCancelTask(waitingOn);
    }
}
