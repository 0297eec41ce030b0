package io.bakehouse.jenkins.cfn;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.cfn.CfnDeployRequest;
import io.bakehouse.engine.cfn.StackDeployer;
import io.bakehouse.engine.cfn.StackLaunch;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WorkspacePaths;
import java.io.File;
import java.time.Instant;

/**
 * {@code cfnDeploy}, first part, on the agent: checks, creates and (unless {@code noExecute})
 * executes the change set; returns the {@link io.bakehouse.jenkins.WaitHandle} of the execution,
 * or the final result when there is nothing to wait for (no changes, a change set left for
 * review). An interrupted call (abort) makes the engine clean up what it created.
 */
public record CfnLaunchTask(CfnDeployRequest request) implements AgentTask<JsonValue> {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonValue run(AwsClients clients, Reporter reporter, File workspace) {
        Instant deadline = Instant.now().plus(request.timeout());
        CfnDeployRequest resolved = inWorkspace(workspace);
        StackLaunch launch = StackDeployer.of(clients, reporter).launch(resolved, new CancelToken());
        return launch.finished() ? launch.result() : StackHandles.of(launch, resolved, deadline);
    }

    /** The request with its local files resolved against the workspace. */
    CfnDeployRequest inWorkspace(File workspace) {
        return request.withPathsResolved(path -> WorkspacePaths.resolve(workspace, path));
    }
}
