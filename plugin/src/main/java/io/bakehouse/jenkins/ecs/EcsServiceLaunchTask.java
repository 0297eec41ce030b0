package io.bakehouse.jenkins.ecs;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.ecs.EcsServiceDeployRequest;
import io.bakehouse.engine.ecs.ServiceDeployer;
import io.bakehouse.engine.ecs.ServiceLaunch;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WorkspacePaths;
import java.io.File;
import java.time.Instant;

/**
 * {@code ecsServiceDeploy}, first part, on the agent: checks the images, registers the new
 * revision and updates the service; returns the {@link io.bakehouse.jenkins.WaitHandle} of the
 * deployment ECS started (which carries the report file, resolved against the workspace, to the
 * wait), or the final result when the images already run. An interrupted call
 * (abort) makes the engine undo what it did: the revision deregistered, the service pointed back.
 */
public record EcsServiceLaunchTask(EcsServiceDeployRequest request) implements AgentTask<JsonValue> {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonValue run(AwsClients clients, Reporter reporter, File workspace) {
        Instant deadline = Instant.now().plus(request.timeout());
        ServiceLaunch launch = ServiceDeployer.of(clients, reporter).launch(inWorkspace(workspace), new CancelToken());
        return launch.finished() ? launch.result() : RolloutHandles.of(launch.rollout(), deadline);
    }

    /** The request with its report file resolved against the workspace. */
    EcsServiceDeployRequest inWorkspace(File workspace) {
        return request.withPathsResolved(path -> WorkspacePaths.resolve(workspace, path));
    }
}
