package io.bakehouse.jenkins.cfn;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.cfn.CancelToken;
import io.bakehouse.engine.cfn.CfnDeployResult;
import io.bakehouse.engine.cfn.StackDeployer;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WaitHandle;
import java.io.File;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code cfnDeploy}, second part, on the agent: watches the executing change set from its
 * handle (at the start, or after a controller restart) until the stack settles or the
 * deadline passes, and finishes as the engine's deploy does.
 */
public record CfnAwaitTask(WaitHandle handle) implements AgentTask<CfnDeployResult> {

    private static final long serialVersionUID = 1L;

    @Override
    public CfnDeployResult run(AwsClients clients, Reporter reporter, File workspace) {
        Duration left = Duration.ofMillis(Math.max(1_000, handle.remainingMillis(Instant.now())));
        return StackDeployer.of(clients, reporter).resume(StackHandles.request(handle), StackHandles.watch(handle),
                StackHandles.create(handle), left, new CancelToken());
    }
}
