package io.bakehouse.jenkins.cfn;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.cfn.CfnDeployResult;
import io.bakehouse.engine.cfn.StackDeployer;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.jenkins.WaitProgress;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code cfnDeploy}, second part, on the agent: watches the executing change set from its
 * handle (at the start, or after a controller restart) until the stack settles or the
 * deadline passes, and finishes as the engine's deploy does, report included. Each event it
 * prints is told to the controller ({@code shownEventId}); after a restart the events up to
 * the last one told are read again for the report but not printed again. An interrupt (the
 * agent's channel closing as the controller restarts) stops the wait and leaves the stack
 * alone; an abort cancels it explicitly ({@link CfnCancelTask}).
 *
 * @param progress the controller's {@link WaitProgress} (a remoting proxy), or {@code null}
 */
public record CfnAwaitTask(WaitHandle handle, @SuppressWarnings("serial") WaitProgress progress)
        implements AgentTask<CfnDeployResult> {

    private static final long serialVersionUID = 1L;

    @Override
    public CfnDeployResult run(AwsClients clients, Reporter reporter, File workspace) {
        Duration left = Duration.ofMillis(Math.max(1_000, handle.remainingMillis(Instant.now())));
        return StackDeployer.of(clients, reporter)
                .withCheckpoint(state -> WaitProgress.tell(progress,
                        Map.of(StackHandles.SHOWN_EVENT, state.lastEventId()), reporter))
                .resume(StackHandles.request(handle), StackHandles.launch(handle),
                        handle.ids().get(StackHandles.SHOWN_EVENT), left, CancelToken.explicitOnly());
    }
}
