package io.bakehouse.jenkins.runner;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.runner.DeployRunner;
import io.bakehouse.engine.runner.EcsRunExit;
import io.bakehouse.engine.runner.EcsRunResult;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.jenkins.WaitProgress;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code ecsDeployRunner}, second part, on the agent: follows the task from its handle (at the
 * start, or after a controller restart) until it stops or the deadline passes, streaming its
 * output to the build log. A non-zero exit code fails the step, as it fails {@code sh}, unless
 * {@code returnStatus} asks for the result whatever the code ({@code sh(returnStatus: true)}). Each
 * log page it prints is told to the controller ({@code nextToken}), so after a restart it reads
 * on from there instead of printing the task's output again. An interrupt (the agent's channel
 * closing as the controller restarts) stops following and leaves the task running; an abort
 * stops it explicitly ({@link EcsRunCancelTask}).
 *
 * @param progress     the controller's {@link WaitProgress} (a remoting proxy), or {@code null}
 * @param returnStatus return the result on a non-zero exit code instead of failing
 */
public record EcsRunAwaitTask(WaitHandle handle, @SuppressWarnings("serial") WaitProgress progress,
                              boolean returnStatus) implements AgentTask<EcsRunResult> {

    private static final long serialVersionUID = 1L;

    @Override
    public EcsRunResult run(AwsClients clients, Reporter reporter, File workspace) {
        Duration left = Duration.ofMillis(Math.max(1_000, handle.remainingMillis(Instant.now())));
        EcsRunResult result = new DeployRunner(clients, reporter, reporter::output, read -> {
            if (read.nextToken() != null) {
                WaitProgress.tell(progress, Map.of(TaskHandles.NEXT_TOKEN, read.nextToken()), reporter);
            }
        }).leaveRunningOnInterrupt()
                .resume(TaskHandles.progress(handle), left, TaskHandles.archive(handle));
        if (result.exitCode() != 0 && !returnStatus) {
            throw EcsRunExit.containerFailed(result);
        }
        return result;
    }
}
