package io.bakehouse.jenkins.runner;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.runner.DeployRunner;
import io.bakehouse.engine.runner.RunRequest;
import io.bakehouse.engine.runner.StartedTask;
import io.bakehouse.engine.runner.TaskStarter;
import io.bakehouse.engine.runner.TaskStarters;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.jenkins.WorkspacePaths;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ecsDeployRunner}, first part, on the agent: asks the invoker Lambda (or the in-process
 * gatekeeper with {@code config}) for the task and returns what to follow. Holds plain values:
 * the engine's run request is built here, where it is used.
 *
 * @param invoker     the invoker function, or {@code null} with {@code config}
 * @param config      the runner configuration file (relative to the workspace), or {@code null}
 * @param maxWaitTime how long to follow the task; capped by the configuration's maximum
 */
public record EcsRunLaunchTask(String container, String script, List<String> args, Integer taskCpu,
                               Integer taskMemory, String requestedBy, String invoker, String config,
                               Duration maxWaitTime) implements AgentTask<WaitHandle> {

    private static final long serialVersionUID = 1L;

    public EcsRunLaunchTask {
        args = args == null ? List.of() : List.copyOf(args);
        if ((invoker == null) == (config == null)) {
            throw new IllegalArgumentException("a launch needs an invoker or a configuration, not both");
        }
    }

    /** The engine's request; validates container, script and arguments. */
    RunRequest request() {
        return new RunRequest(container, script, args, taskCpu, taskMemory, requestedBy);
    }

    @Override
    public WaitHandle run(AwsClients clients, Reporter reporter, File workspace) {
        TaskStarter starter = TaskStarters.of(new TaskStarters.Choice(invoker, config), clients, AwsClients::lambda,
                path -> WorkspacePaths.resolve(workspace, path), reporter);
        StartedTask task = starter.start(request());
        Duration wait = DeployRunner.waitFor(task, maxWaitTime, reporter);
        return TaskHandles.of(task, Instant.now().plus(wait));
    }
}
