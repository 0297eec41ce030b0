package io.bakehouse.engine.ecs;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.DetachedException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentAlarms;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Puts a service back on the task definition it ran before a deployment: ours when the deployment
 * is aborted, times out or fails without ECS rolling back; and watches a rollback, ECS's or ours,
 * for a bounded time. Each method returns what came of it, in words for the failure's message; a
 * rollback that cannot be made or followed says so there rather than hiding why it was needed.
 */
final class ServiceRollback {

    private final Rollout d;

    /**
     * What a rollback came to.
     *
     * @param words what happened, for the message ("rolled back to app:3 (deployment ...), which completed")
     * @param to    the task definition the service was pointed back at, or {@code null} when it was not
     */
    record Back(String words, String to) {
    }

    ServiceRollback(Rollout d) {
        this.d = d;
    }

    /** Whether ECS rolls a failed deployment of {@code service} back itself (circuit breaker or alarms). */
    static boolean ecsRollsBack(Service service) {
        DeploymentConfiguration c = service.deploymentConfiguration();
        if (c == null) {
            return false;
        }
        DeploymentCircuitBreaker breaker = c.deploymentCircuitBreaker();
        DeploymentAlarms alarms = c.alarms();
        return breaker != null && Boolean.TRUE.equals(breaker.enable()) && Boolean.TRUE.equals(breaker.rollback())
                || alarms != null && Boolean.TRUE.equals(alarms.enable()) && Boolean.TRUE.equals(alarms.rollback());
    }

    /**
     * Points the service at the previous task definition and watches that deployment for up to the
     * settle time ({@code cancel} stops the watching, not the rollback). Returns what came of it.
     */
    Back ours(RolloutState state, CancelToken cancel) {
        String previous = ImagePlan.name(state.previousTaskDefinitionArn());
        if (state.redeploysSameRevision()) {
            return new Back("nothing was rolled back: the deployment redeploys " + previous
                    + ", which the service ran before, and ECS carries on with it", null);
        }
        Deployment rollback;
        try {
            rollback = start(state);
        } catch (BakehouseException e) {
            d.warned(e.getMessage());
            return new Back("the rollback to " + previous + " failed (" + e.getMessage() + "); roll it back by hand:"
                    + " aws ecs update-service --cluster " + state.cluster() + " --service " + state.service()
                    + " --task-definition " + state.previousTaskDefinitionArn(), null);
        }
        d.said("Rolled service " + state.serviceName() + " back to " + previous + ": deployment "
                + rollback.id() + "; waiting up to " + Durations.format(d.settleTimeout()) + " for it");
        return new Back("rolled back to " + previous + " (deployment " + rollback.id() + "), "
                + settle(state, rollback.id(), state.previousTaskDefinitionArn(), cancel),
                state.previousTaskDefinitionArn());
    }

    /** Points the service at the previous task definition without waiting; returns what was done, in words. */
    String withoutWaiting(RolloutState state) {
        String previous = ImagePlan.name(state.previousTaskDefinitionArn());
        if (state.redeploysSameRevision()) {
            return "Nothing to roll back to: deployment " + state.deploymentId() + " redeploys " + previous
                    + ", which service " + state.serviceName() + " ran before";
        }
        Service service = AwsErrors.call("reading service " + state.serviceName(),
                () -> d.api().describeService(state.cluster(), state.service())).orElse(null);
        Deployment primary = service == null ? null : RolloutWatch.primary(service);
        Deployment ours = service == null ? null : RolloutWatch.find(service, state.deploymentId());
        if (service != null) {
            d.record().saw(service, ours);
        }
        if (ours != null) {
            d.record().rollout(ours, RolloutWatch.line(ours));
        }
        if (primary == null || !state.deploymentId().equals(primary.id())
                || "COMPLETED".equals(primary.rolloutStateAsString())) {
            return "Service " + state.serviceName() + " is not rolling out deployment " + state.deploymentId()
                    + (primary == null ? "" : "; it runs " + ImagePlan.name(primary.taskDefinition()) + " (deployment "
                    + primary.id() + ", " + primary.rolloutStateAsString() + ")") + "; nothing was rolled back";
        }
        Deployment rollback = start(state);
        return "Rolled service " + state.serviceName() + " back to " + previous + " (deployment " + rollback.id() + ")";
    }

    /**
     * Watches ECS's rollback of a failed deployment once it appears ({@code failed} is the service
     * when the deployment failed); {@code null} when ECS started none within the settle time.
     */
    Back ecs(RolloutState state, Service failed, CancelToken cancel) {
        long until = System.nanoTime() + d.settleTimeout().toNanos();
        Deployment rollback = rollbackOf(failed, state);
        Duration interval = d.schedule().first();
        while (rollback == null) {
            if (System.nanoTime() - until >= 0 || cancel.sleep(interval, "ECS's rollback of " + state.deploymentId())) {
                return null;
            }
            interval = d.schedule().idle(interval);
            try {
                Service now = d.api().describeService(state.cluster(), state.service()).orElse(null);
                rollback = now == null ? null : rollbackOf(now, state);
            } catch (SdkException e) {
                if (!AwsErrors.isTransient(e)) {
                    return new Back("ECS's rollback could not be followed ("
                            + AwsErrors.translate("reading service " + state.serviceName(), e).getMessage() + ")", null);
                }
            }
        }
        d.said("ECS is rolling service " + state.serviceName() + " back to "
                + ImagePlan.name(rollback.taskDefinition()) + ": deployment " + rollback.id() + "; waiting up to "
                + Durations.format(d.settleTimeout()) + " for it");
        return new Back("ECS rolled back to " + ImagePlan.name(rollback.taskDefinition()) + " (deployment "
                + rollback.id() + "), " + settle(state, rollback.id(), rollback.taskDefinition(), cancel),
                rollback.taskDefinition());
    }

    /** The primary deployment when it is another than {@code state}'s: the one ECS rolls back with. */
    private static Deployment rollbackOf(Service service, RolloutState state) {
        Deployment primary = RolloutWatch.primary(service);
        return primary != null && !state.deploymentId().equals(primary.id()) ? primary : null;
    }

    private Deployment start(RolloutState state) {
        Service updated = AwsErrors.call("rolling service " + state.serviceName() + " back to "
                        + ImagePlan.name(state.previousTaskDefinitionArn()),
                () -> d.api().updateService(state.cluster(), state.service(), state.previousTaskDefinitionArn(), false));
        Deployment primary = RolloutWatch.primary(updated);
        if (primary == null) {
            throw BakehouseException.failure("ECS answered the rollback of service "
                    + state.serviceName() + " without a primary deployment", "look at the service in the ECS console");
        }
        return primary;
    }

    /**
     * Watches the rollback deployment {@code id} for up to the settle time; its end, in words. The
     * resume points it passes on stay those of the deployment rolled back ({@code state}), the events
     * seen moving on: a wait resumed after a restart judges that deployment again, never the rollback.
     */
    private String settle(RolloutState state, String id, String taskDefinitionArn, CancelToken cancel) {
        RolloutWatch watch = RolloutWatch.of(d, seen -> d.checkpoint().accept(state.seen(seen.lastEventId())));
        RolloutWatch.Outcome o;
        try {
            o = watch.watch(state.watching(id, taskDefinitionArn), System.nanoTime() + d.settleTimeout().toNanos(),
                    cancel);
        } catch (DetachedException e) {
            throw e;
        } catch (BakehouseException e) {
            return "which could not be followed (" + e.getMessage() + ")";
        }
        String where = o.deployment() == null || o.deployment().rolloutStateAsString() == null ? "unsettled"
                : o.deployment().rolloutStateAsString();
        return switch (o.end()) {
            case COMPLETED -> "which completed";
            case FAILED -> "which FAILED as well" + (o.deployment().rolloutStateReason() == null ? ""
                    : " (" + o.deployment().rolloutStateReason() + ")");
            case GONE -> "which another deployment has replaced since";
            case CANCELLED -> "which was " + where + " when the wait for it was interrupted";
            case TIMED_OUT -> "which was still " + where + " after " + Durations.format(d.settleTimeout());
        };
    }
}
