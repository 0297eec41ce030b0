package io.bakehouse.jenkins.ecs;

import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.AwsOptions;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.jenkins.WaitProgress;
import io.bakehouse.jenkins.WaitingStepExecution;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code ecsServiceDeploy}'s execution: register the revision and update the service, then watch
 * the deployment; after a controller restart it watches again from the saved deployment, printing
 * only the service events the build log does not have yet; an abort rolls the service back.
 */
final class EcsServiceDeployExecution extends WaitingStepExecution {

    private static final long serialVersionUID = 1L;

    // Not saved with the build: only the launch uses it, and a restart before AWS confirmed the start fails the step.
    private final transient EcsServiceLaunchTask launch;

    EcsServiceDeployExecution(StepContext context, AwsOptions options, EcsServiceLaunchTask launch) {
        super(context, EcsServiceDeployStep.FUNCTION_NAME, options);
        this.launch = launch;
    }

    @Override
    protected AgentTask<?> launchTask() {
        return launch;
    }

    @Override
    protected AgentTask<?> awaitTask(WaitHandle waitingOn, WaitProgress progress) {
        return new EcsServiceAwaitTask(waitingOn, progress);
    }

    @Override
    protected Set<String> progressKeys() {
        return Set.of(RolloutHandles.SHOWN_EVENT);
    }

    @Override
    protected AgentTask<?> cancelTask(WaitHandle waitingOn) {
        return new EcsServiceRollBackTask(waitingOn);
    }
}
