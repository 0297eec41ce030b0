package io.bakehouse.jenkins.ecs;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.ecs.EcsServiceDeployResult;
import io.bakehouse.engine.ecs.ServiceDeployer;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.jenkins.WaitProgress;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code ecsServiceDeploy}, second part, on the agent: watches the deployment from its handle (at
 * the start, or after a controller restart) until it completes, fails or the deadline passes, and
 * finishes as the engine's deploy does: a failed rollout explained and rolled back, a timed-out
 * one rolled back. Each service event it prints is told to the controller ({@code shownEventId});
 * after a restart the events up to the last one told are not printed again. An interrupt (the
 * agent's channel closing as the controller restarts) stops the wait and leaves the deployment to
 * ECS; an abort rolls it back explicitly ({@link EcsServiceRollBackTask}).
 *
 * @param progress the controller's {@link WaitProgress} (a remoting proxy), or {@code null}
 */
public record EcsServiceAwaitTask(WaitHandle handle, @SuppressWarnings("serial") WaitProgress progress)
        implements AgentTask<EcsServiceDeployResult> {

    private static final long serialVersionUID = 1L;

    @Override
    public EcsServiceDeployResult run(AwsClients clients, Reporter reporter, File workspace) {
        Duration left = Duration.ofMillis(Math.max(1_000, handle.remainingMillis(Instant.now())));
        return ServiceDeployer.of(clients, reporter)
                .withCheckpoint(state -> {
                    if (state.lastEventId() != null) {
                        WaitProgress.tell(progress, Map.of(RolloutHandles.SHOWN_EVENT, state.lastEventId()), reporter);
                    }
                })
                .resume(RolloutHandles.state(handle), left, CancelToken.explicitOnly());
    }
}
