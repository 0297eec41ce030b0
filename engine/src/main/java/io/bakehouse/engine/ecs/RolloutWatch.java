package io.bakehouse.engine.ecs;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * Watches one deployment of a service until it completes or fails, streaming the service's new
 * events and the deployment's rollout state and task counts as they change. It polls adaptively
 * ({@link PollSchedule}), rides out throttling and transient errors with backoff, and needs only
 * a {@link RolloutState} to start, so a wait can resume after a restart. It decides nothing: how
 * the wait ended is for the caller to act on.
 */
final class RolloutWatch {

    /** Consecutive throttled or failed polls tolerated before the wait gives up. */
    static final int MAX_TRANSIENT_ERRORS = 10;
    /**
     * Consecutive polls that must miss the deployment before it counts as gone: a read just after
     * the update may not list it yet.
     */
    static final int MISSES_BEFORE_GONE = 3;

    /** How a wait ended. */
    enum End {
        /** The deployment's rollout completed. */
        COMPLETED,
        /** ECS marked it FAILED (circuit breaker or alarms). */
        FAILED,
        /** It is no longer among the service's deployments. */
        GONE,
        /** The token was cancelled. */
        CANCELLED,
        /** The deadline passed first. */
        TIMED_OUT
    }

    /**
     * @param deployment the watched deployment as last seen, or {@code null} when {@link End#GONE}
     * @param service    the service as last seen
     * @param state      the resume point after the last event seen
     */
    record Outcome(End end, Deployment deployment, Service service, RolloutState state) {
    }

    private final EcsServiceApi api;
    private final Reporter reporter;
    private final PollSchedule schedule;
    private final Consumer<RolloutState> checkpoint;
    private final RolloutRecord record;

    RolloutWatch(EcsServiceApi api, Reporter reporter, PollSchedule schedule, Consumer<RolloutState> checkpoint,
                 RolloutRecord record) {
        this.api = api;
        this.reporter = reporter;
        this.schedule = schedule;
        this.checkpoint = checkpoint;
        this.record = record;
    }

    /** A watch for call {@code d}, whose resume points go to {@code checkpoint}. */
    static RolloutWatch of(Rollout d, Consumer<RolloutState> checkpoint) {
        return new RolloutWatch(d.api(), d.reporter(), d.schedule(), checkpoint, d.record());
    }

    /** Watches from {@code state} until the deployment ends, {@code deadline} ({@link System#nanoTime()}) or a cancel. */
    Outcome watch(RolloutState state, long deadline, CancelToken cancel) {
        RolloutState current = state;
        Duration interval = schedule.first();
        String lastLine = null;
        int errors = 0;
        int misses = 0;
        while (true) {
            Service service;
            try {
                service = api.describeService(state.cluster(), state.service()).orElse(null);
                errors = 0;
            } catch (SdkException e) {
                if (!AwsErrors.isTransient(e) || ++errors > MAX_TRANSIENT_ERRORS) {
                    throw AwsErrors.translate("watching service " + state.serviceName(), e);
                }
                interval = schedule.afterError(interval);
                reporter.detail("ECS " + (AwsErrors.isThrottling(e) ? "throttled" : "failed") + " a poll ("
                        + AwsErrors.code(e) + "); looking again in " + Durations.format(interval));
                End stopped = pause(cancel, interval, deadline, state);
                if (stopped != null) {
                    return new Outcome(stopped, null, null, current);
                }
                continue;
            }
            if (service == null) {
                throw BakehouseException.failure("Service " + state.serviceName() + " is gone from cluster "
                        + state.cluster() + " (deleted during the deployment)", "look at the cluster in the ECS console");
            }
            Deployment deployment = find(service, state.deploymentId());
            record.saw(service, deployment);
            RolloutState before = current;
            current = stream(current, service);
            boolean news = current != before;
            misses = deployment == null ? misses + 1 : 0;
            if (misses >= MISSES_BEFORE_GONE) {
                return new Outcome(End.GONE, null, service, current);
            }
            End end = deployment == null ? null : ended(service, deployment);
            String line = deployment == null ? lastLine : line(deployment);
            if (line != null && !line.equals(lastLine)) {
                reporter.progress(line);
                record.rollout(deployment, line);
                lastLine = line;
                news = true;
            }
            if (end == null && cancel.isCancelled()) {
                end = End.CANCELLED;
            }
            if (end != null) {
                return new Outcome(end, deployment, service, current);
            }
            interval = news ? schedule.first() : schedule.idle(interval);
            End stopped = pause(cancel, interval, deadline, state);
            if (stopped != null) {
                return new Outcome(stopped, deployment, service, current);
            }
        }
    }

    /** Prints the service's events newer than the state's, oldest first; the state after them. */
    private RolloutState stream(RolloutState state, Service service) {
        List<ServiceEvent> newer = new ArrayList<>();
        for (ServiceEvent e : service.events()) { // newest first
            if (Objects.equals(e.id(), state.lastEventId())) {
                break;
            }
            newer.add(e);
        }
        if (newer.isEmpty()) {
            return state;
        }
        Collections.reverse(newer);
        newer.forEach(e -> reporter.progress(eventLine(e)));
        record.printed(newer);
        RolloutState next = state.seen(newer.get(newer.size() - 1).id());
        checkpoint.accept(next);
        return next;
    }

    static String eventLine(ServiceEvent e) {
        return (e.createdAt() == null ? "-" : e.createdAt().toString()) + "  " + e.message();
    }

    static Deployment find(Service service, String deploymentId) {
        return service.deployments().stream().filter(d -> deploymentId.equals(d.id())).findFirst().orElse(null);
    }

    /** The primary deployment: the one the service is converging on. */
    static Deployment primary(Service service) {
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElse(null);
    }

    /**
     * COMPLETED or FAILED as ECS says; for a service without rollout states (behind a Classic Load
     * Balancer), complete once its only deployment runs the desired count.
     */
    private static End ended(Service service, Deployment d) {
        String state = d.rolloutStateAsString();
        if ("COMPLETED".equals(state)) {
            return End.COMPLETED;
        }
        if ("FAILED".equals(state)) {
            return End.FAILED;
        }
        if (state == null && service.deployments().size() == 1 && Objects.equals(d.runningCount(), d.desiredCount())) {
            return End.COMPLETED;
        }
        return null;
    }

    /** The deployment's state and counts in one line, e.g. {@code Deployment ecs-svc/1 (app:4) IN_PROGRESS: 1 of 2 running, 1 pending}. */
    static String line(Deployment d) {
        StringBuilder s = new StringBuilder("Deployment ").append(d.id()).append(" (")
                .append(ImagePlan.name(d.taskDefinition())).append(") ")
                .append(d.rolloutStateAsString() == null ? d.status() : d.rolloutStateAsString()).append(": ")
                .append(n(d.runningCount())).append(" of ").append(n(d.desiredCount())).append(" running, ")
                .append(n(d.pendingCount())).append(" pending");
        if (d.failedTasks() != null && d.failedTasks() > 0) {
            s.append(", ").append(d.failedTasks()).append(" failed");
        }
        return s.toString();
    }

    private static int n(Integer count) {
        return count == null ? 0 : count;
    }

    /** Sleeps; {@link End#CANCELLED} when cancelled, {@link End#TIMED_OUT} once the deadline has passed, else null. */
    private static End pause(CancelToken cancel, Duration interval, long deadline, RolloutState state) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return End.TIMED_OUT;
        }
        Duration nap = interval.toNanos() < left ? interval : Duration.ofNanos(left);
        return cancel.sleep(nap, "deployment " + state.deploymentId() + " of service " + state.serviceName())
                ? End.CANCELLED : null;
    }
}
