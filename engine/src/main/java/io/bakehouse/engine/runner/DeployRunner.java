package io.bakehouse.engine.runner;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The {@code ecsDeployRunner} step: ask for a task (in-process or through the invoker),
 * follow it to the end, archive its output. One instance per run; {@link #cancel} may be
 * called from any thread (Ctrl-C, a Jenkins step's {@code stop()}) and stops the task.
 * {@link #resume} carries on following a task from persisted {@link TaskProgress}.
 */
public final class DeployRunner {

    private final AwsClients clients;
    private final Reporter reporter;
    private final Consumer<String> lines;
    private final Consumer<TaskProgress> checkpoint;
    private volatile TaskWatcher watcher;
    private volatile String cancelled;
    private volatile boolean leaveRunningOnInterrupt;
    private volatile boolean taskStarted;

    /**
     * @param lines      receives the task's log lines, in order
     * @param checkpoint receives the state to resume from whenever it changes
     */
    public DeployRunner(AwsClients clients, Reporter reporter, Consumer<String> lines, Consumer<TaskProgress> checkpoint) {
        this.clients = clients;
        this.reporter = reporter;
        this.lines = lines;
        this.checkpoint = checkpoint;
    }

    /**
     * Starts {@code request} with {@code starter} and waits at most {@code maxWait} (capped by
     * the configuration's maxWaitTime; {@code null} means that maximum).
     */
    public EcsRunResult run(TaskStarter starter, RunRequest request, Duration maxWait) {
        StartedTask task = starter.start(request);
        taskStarted = true;
        checkpoint.accept(task.progress());
        return resume(task.progress(), waitFor(task, maxWait, reporter), task.archive());
    }

    /**
     * How long to follow {@code task}: {@code maxWait} ({@code null} for the configuration's
     * maximum), capped by that maximum with a warning; for faces that start and follow apart.
     */
    public static Duration waitFor(StartedTask task, Duration maxWait, Reporter reporter) {
        Duration wait = maxWait == null ? task.maxWaitTime() : maxWait;
        if (wait.compareTo(task.maxWaitTime()) > 0) {
            reporter.warn("max wait time " + Durations.format(wait) + " is more than the runner allows; waiting "
                    + Durations.format(task.maxWaitTime()));
            wait = task.maxWaitTime();
        }
        return wait;
    }

    /** See {@link TaskWatcher#leaveRunningOnInterrupt()}: an interrupt stops following, not the task. */
    public DeployRunner leaveRunningOnInterrupt() {
        this.leaveRunningOnInterrupt = true;
        return this;
    }

    /** Follows a task already started, from {@code progress} (e.g. after a restart). */
    public EcsRunResult resume(TaskProgress progress, Duration maxWait, ArchiveLocation archive) {
        taskStarted = true;
        TaskWatcher w = new TaskWatcher(clients.ecs(), clients.logs(), reporter, lines, checkpoint);
        if (leaveRunningOnInterrupt) {
            w.leaveRunningOnInterrupt();
        }
        watcher = w;
        if (cancelled != null) {
            w.cancel(cancelled);
        }
        EcsRunResult result = w.watch(progress, maxWait);
        if (archive == null) {
            return result;
        }
        try {
            String url = LogArchiver.archive(clients.logs(), clients.s3(), progress, archive);
            reporter.progress("Archived the task's output to " + url);
            return new EcsRunResult(result.exitCode(), result.taskArn(), result.logGroup(), result.logStream(),
                    result.stopCode(), result.stoppedReason(), url);
        } catch (BakehouseException e) {
            reporter.warn("Could not archive the task's output: " + e.getMessage());
            return result;
        }
    }

    /**
     * Whether a task has been started (or is being followed): a failure before that left nothing
     * running; after it, the task was stopped. See {@link EcsRunExit#of(Throwable, boolean)}.
     */
    public boolean taskStarted() {
        return taskStarted;
    }

    /** Stops the task being followed (or the one about to be) and makes the run fail with {@code reason}. */
    public void cancel(String reason) {
        cancelled = reason;
        TaskWatcher w = watcher;
        if (w != null) {
            w.cancel(reason);
        }
    }

    /** Stops a task by its persisted state, without following it (e.g. an abort after a restart). */
    public static void stop(AwsClients clients, TaskProgress progress, String reason) {
        TaskWatcher.stop(clients.ecs(), progress, reason);
    }
}
