package io.bakehouse.jenkins.ecs;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.ecs.ServiceDeployer;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WaitHandle;
import java.io.File;
import java.util.Map;

/**
 * {@code ecsServiceDeploy} aborted, on the agent: points the service back at the task definition
 * it ran before the deployment (UpdateService), without waiting for that rollback to settle. A
 * deployment that completed or was replaced meanwhile is left alone.
 */
public record EcsServiceRollBackTask(WaitHandle handle) implements AgentTask<JsonValue> {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonValue run(AwsClients clients, Reporter reporter, File workspace) {
        String done = ServiceDeployer.of(clients, reporter).rollBack(RolloutHandles.state(handle));
        reporter.progress(done);
        return () -> Map.of("stopped", done);
    }
}
