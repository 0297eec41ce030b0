package io.bakehouse.engine.runner;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.DetachedException;
import io.bakehouse.engine.output.Reporter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Follows a launched task until it stops: streams its CloudWatch log events in order (each
 * page read from the previous page's forward token, so nothing is repeated or skipped),
 * reports its status changes, and returns the container's exit code.
 *
 * <p>The wait can be resumed: every log page and status change is handed to the
 * checkpoint consumer as a {@link TaskProgress}; calling {@link #watch} again with the last
 * one carries on where it stopped. {@link #cancel} (from any thread) stops the task, as do
 * the wait running out and an interrupt (unless {@link #leaveRunningOnInterrupt()}).
 */
public final class TaskWatcher {

    /** How often logs are polled when the last poll found nothing new. */
    public static final Duration LOG_POLL = Duration.ofMillis(500);
    /** How often the task's status is checked. */
    public static final Duration STATUS_POLL = Duration.ofSeconds(2);
    /** After the task stops, how long logs are still read (the log driver flushes late). */
    static final Duration DRAIN = Duration.ofSeconds(3);
    private static final int MAX_PAGES_PER_POLL = 50;

    private final EcsClient ecs;
    private final CloudWatchLogsClient logs;
    private final Reporter reporter;
    private final Consumer<String> lines;
    private final Consumer<TaskProgress> checkpoint;
    private final Clock clock;
    private final Duration logPoll;
    private final Duration statusPoll;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile String cancelReason;
    private volatile boolean leaveRunningOnInterrupt;

    /**
     * @param lines      receives each log line of the task, in order
     * @param checkpoint receives the state to resume from after each change (may be a no-op)
     */
    public TaskWatcher(EcsClient ecs, CloudWatchLogsClient logs, Reporter reporter, Consumer<String> lines,
                       Consumer<TaskProgress> checkpoint) {
        this(ecs, logs, reporter, lines, checkpoint, Clock.systemUTC(), LOG_POLL, STATUS_POLL);
    }

    TaskWatcher(EcsClient ecs, CloudWatchLogsClient logs, Reporter reporter, Consumer<String> lines,
                Consumer<TaskProgress> checkpoint, Clock clock, Duration logPoll, Duration statusPoll) {
        this.ecs = ecs;
        this.logs = logs;
        this.reporter = reporter;
        this.lines = lines;
        this.checkpoint = checkpoint;
        this.clock = clock;
        this.logPoll = logPoll;
        this.statusPoll = statusPoll;
    }

    /**
     * Asks a running {@link #watch} to stop the task and return; safe from any thread (a
     * Jenkins step's {@code stop()}, a Ctrl-C handler). The watch fails with {@code reason}.
     */
    public void cancel(String reason) {
        cancelReason = Objects.requireNonNullElse(reason, "cancelled");
        cancelled.countDown();
    }

    /**
     * An interrupt then stops following the task with a {@link DetachedException} and leaves
     * it running: for a Jenkins agent, whose thread is interrupted when its controller goes away
     * (and resumes following the task), while an abort stops the task explicitly.
     */
    public TaskWatcher leaveRunningOnInterrupt() {
        this.leaveRunningOnInterrupt = true;
        return this;
    }

    /**
     * Follows {@code task} for at most {@code maxWait}; stops it if the wait runs out, is
     * cancelled, or cannot go on (AWS keeps failing): no task is left running unwatched, except
     * by {@link #leaveRunningOnInterrupt()}.
     */
    public EcsRunResult watch(TaskProgress task, Duration maxWait) {
        try {
            return follow(task, maxWait);
        } catch (TaskStoppedException | NeverRan | DetachedException e) {
            throw e;
        } catch (BakehouseException e) {
            if (leaveRunningOnInterrupt && Thread.currentThread().isInterrupted()) {
                throw new DetachedException("task " + task.taskArn());
            }
            stopAfterFailure(task, e);
            throw e;
        }
    }

    private void stopAfterFailure(TaskProgress task, BakehouseException cause) {
        try {
            stop(ecs, task, "Bakehouse: stopped because following the task failed");
            reporter.warn("Stopped task " + task.taskArn() + " because following it failed");
        } catch (BakehouseException e) {
            cause.addSuppressed(e);
            reporter.warn("Could not stop task " + task.taskArn() + ": " + e.getMessage() + "; stop it by hand");
        }
    }

    private EcsRunResult follow(TaskProgress task, Duration maxWait) {
        Instant deadline = clock.instant().plus(maxWait);
        TaskProgress state = task;
        reporter.progress("Waiting up to " + Durations.format(maxWait) + " for task " + task.taskId()
                + "; logs from " + task.logGroup() + " " + task.logStream());
        if (task.lastStatus() != null) {
            reporter.progress("Task " + task.taskId() + " is " + task.lastStatus());
        }
        Instant nextStatus = clock.instant();
        while (true) {
            if (cancelled.getCount() == 0) {
                stopAndFail(state, cancelReason, "stopped because " + cancelReason);
            }
            if (clock.instant().isAfter(deadline)) {
                stopAndFail(state, "Bakehouse: max wait time of " + Durations.format(maxWait) + " reached",
                        "did not finish within " + Durations.format(maxWait) + (statusThrottles == 0 ? ""
                                : " as far as ECS said (it throttled the last " + statusThrottles
                                + " status checks, so the task's own state is unknown)"));
            }
            TaskProgress afterLogs = readLogs(state);
            boolean gotLines = !Objects.equals(afterLogs.nextToken(), state.nextToken());
            state = afterLogs;
            if (!clock.instant().isBefore(nextStatus)) {
                Task t = describe(state);
                if (t != null) {
                    state = reportStatus(state, t);
                    if ("STOPPED".equals(t.lastStatus())) {
                        return result(drain(state), t);
                    }
                }
                nextStatus = clock.instant().plus(statusPoll);
            }
            if (!gotLines) {
                pause(logPoll, state);
            }
        }
    }

    /** Stops {@code task} (StopTask) with {@code reason}; a task already stopped is left as it is. */
    public static void stop(EcsClient ecs, TaskProgress task, String reason) {
        try {
            ecs.stopTask(r -> r.cluster(task.cluster()).task(task.taskArn()).reason(clip(reason)));
        } catch (SdkException e) {
            throw AwsErrors.translate("stopping task " + task.taskArn(), e);
        }
    }

    private void stopAndFail(TaskProgress state, String reason, String why) {
        stop(ecs, state, reason);
        reporter.warn("Stopped task " + state.taskArn() + ": " + why);
        TaskProgress drained = drain(state);
        checkpoint.accept(drained.withStatus("STOPPED"));
        throw new TaskStoppedException("Task " + state.taskId() + " " + why + "; it was stopped (StopTask)",
                cancelled.getCount() == 0);
    }

    /** Whether the last log poll was throttled (so "nothing new" may not be true). */
    private boolean logsThrottled;
    /** How many status checks in a row ECS throttled. */
    private int statusThrottles;

    private TaskProgress readLogs(TaskProgress state) {
        logsThrottled = false;
        TaskProgress current = state;
        for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
            GetLogEventsResponse response;
            try {
                String token = current.nextToken();
                response = logs.getLogEvents(r -> r.logGroupName(state.logGroup()).logStreamName(state.logStream())
                        .startFromHead(true).nextToken(token));
            } catch (ResourceNotFoundException notYet) {
                return current; // the log driver creates the stream when the container starts
            } catch (SdkException e) {
                if (AwsErrors.isThrottling(e)) {
                    reporter.detail("CloudWatch Logs throttled the log poll; trying again shortly");
                    logsThrottled = true;
                    return current;
                }
                throw AwsErrors.translate("reading log stream " + state.logStream(), e);
            }
            for (OutputLogEvent event : response.events()) {
                lines.accept(event.message());
            }
            String next = response.nextForwardToken();
            if (next == null || next.equals(current.nextToken()) || response.events().isEmpty()) {
                if (next != null && !next.equals(current.nextToken())) {
                    current = current.withToken(next);
                    checkpoint.accept(current);
                }
                return current;
            }
            current = current.withToken(next);
            checkpoint.accept(current);
        }
        return current;
    }

    private TaskProgress drain(TaskProgress state) {
        Instant until = clock.instant().plus(DRAIN);
        TaskProgress current = state;
        int quiet = 0;
        while (clock.instant().isBefore(until) && quiet < 2) {
            TaskProgress next = readLogs(current);
            // a throttled poll says nothing about whether more lines are there
            quiet = !logsThrottled && Objects.equals(next.nextToken(), current.nextToken()) ? quiet + 1 : 0;
            current = next;
            if (quiet < 2) {
                sleepQuietly(logPoll);
            }
        }
        if (logsThrottled) {
            reporter.warn("CloudWatch Logs kept throttling the log reads: the task's output above may be incomplete;"
                    + " the whole of it is in log stream " + current.logStream() + " of group " + current.logGroup());
        }
        return current;
    }

    private Task describe(TaskProgress state) {
        DescribeTasksResponse response;
        try {
            response = ecs.describeTasks(r -> r.cluster(state.cluster()).tasks(state.taskArn()));
        } catch (SdkException e) {
            if (AwsErrors.isThrottling(e)) {
                reporter.detail("ECS throttled the status check; trying again shortly");
                statusThrottles++;
                return null;
            }
            throw AwsErrors.translate("checking task " + state.taskArn(), e);
        }
        statusThrottles = 0;
        if (!response.hasTasks() || response.tasks().isEmpty()) {
            String reason = response.failures().isEmpty() ? "not found" : response.failures().get(0).reason();
            throw BakehouseException.failure("ECS cannot find task " + state.taskArn() + " (" + reason + ")",
                    "stopped tasks are kept for about an hour; check the cluster " + state.cluster());
        }
        return response.tasks().get(0);
    }

    private TaskProgress reportStatus(TaskProgress state, Task t) {
        String status = t.lastStatus();
        if (Objects.equals(status, state.lastStatus())) {
            return state;
        }
        String line = "Task " + state.taskId() + " is " + status;
        if ("STOPPED".equals(status)) {
            line += " (" + t.stopCodeAsString() + ": " + t.stoppedReason() + ")";
        }
        reporter.progress(line);
        TaskProgress next = state.withStatus(status);
        checkpoint.accept(next);
        return next;
    }

    private EcsRunResult result(TaskProgress state, Task t) {
        Container container = t.containers().stream()
                .filter(c -> state.containerName().equals(c.name())).findFirst()
                .orElse(t.containers().isEmpty() ? null : t.containers().get(0));
        Integer exit = container == null ? null : container.exitCode();
        if (exit == null) {
            String why = (container != null && container.reason() != null) ? container.reason() : t.stoppedReason();
            throw new NeverRan("Task " + state.taskId() + " stopped before its container ran ("
                    + t.stopCodeAsString() + "): " + why);
        }
        return new EcsRunResult(exit, state.taskArn(), state.logGroup(), state.logStream(), t.stopCodeAsString(),
                t.stoppedReason(), null);
    }

    private void pause(Duration d, TaskProgress state) {
        try {
            cancelled.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (leaveRunningOnInterrupt) {
                throw new DetachedException("task " + state.taskArn());
            }
            cancel("the wait was interrupted");
        }
    }

    private void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String clip(String reason) {
        return reason.length() <= 255 ? reason : reason.substring(0, 255);
    }

    /** The task stopped without its container running (no capacity, image pull error...). */
    static final class NeverRan extends BakehouseException {

        private static final long serialVersionUID = 1L;

        NeverRan(String message) {
            super(Kind.FAILURE, message,
                    "check the image, the task and execution roles, and the cluster's capacity; ECS's reason is above", null);
        }
    }
}
