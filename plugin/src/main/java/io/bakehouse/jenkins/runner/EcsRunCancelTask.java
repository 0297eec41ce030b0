package io.bakehouse.jenkins.runner;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.runner.DeployRunner;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WaitHandle;
import java.io.File;

/** {@code ecsDeployRunner} aborted, on the agent: stops the task (StopTask) by its handle. */
public record EcsRunCancelTask(WaitHandle handle) implements AgentTask<TaskProgress> {

    private static final long serialVersionUID = 1L;

    static final String REASON = "the Jenkins build was aborted";

    @Override
    public TaskProgress run(AwsClients clients, Reporter reporter, File workspace) {
        TaskProgress progress = TaskHandles.progress(handle);
        DeployRunner.stop(clients, progress, REASON);
        reporter.progress("Stopped task " + progress.taskArn());
        return progress;
    }
}
