package io.bakehouse.jenkins.cfn;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.cfn.StackDeployer;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WaitHandle;
import java.io.File;
import java.util.Map;

/**
 * {@code cfnDeploy} aborted, on the agent: cancels the stack update (CancelUpdateStack) or
 * deletes the stack being created, without waiting for it to settle.
 */
public record CfnCancelTask(WaitHandle handle) implements AgentTask<JsonValue> {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonValue run(AwsClients clients, Reporter reporter, File workspace) {
        String done = StackDeployer.of(clients, reporter).cancel(StackHandles.watch(handle), StackHandles.create(handle));
        reporter.progress(done);
        return () -> Map.of("stopped", done);
    }
}
