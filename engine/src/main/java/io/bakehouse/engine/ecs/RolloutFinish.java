package io.bakehouse.engine.ecs;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The end of a deployment: watches the rollout until it is over and acts on how it ended. Completed
 * is the result. Failed is explained (ECS's reason, the stopped tasks' reasons, the alarms in
 * ALARM), ECS's rollback watched, or, when ECS makes none, the service rolled back here. Aborted
 * and timed out roll the service back to the previous task definition. All but completed fail.
 */
final class RolloutFinish {

    private RolloutFinish() {
    }

    /** Watches from {@code state} and acts on how the deployment ended; the report, if asked for, says how. */
    static EcsServiceDeployResult untilDone(Rollout d, RolloutState state) {
        RolloutWatch.Outcome out = ServiceReportWriter.onFailure(d, state, "FAILED",
                () -> RolloutWatch.of(d, d.checkpoint()).watch(state, d.deadline(), d.cancel()));
        String outcome = switch (out.end()) {
            case COMPLETED, FAILED -> out.end().name();
            case GONE -> "REPLACED";
            case CANCELLED -> "INTERRUPTED";
            case TIMED_OUT -> "TIMED OUT";
        };
        ServiceRollback rollback = new ServiceRollback(d);
        EcsServiceDeployResult result = ServiceReportWriter.onFailure(d, state, outcome, () -> switch (out.end()) {
            case COMPLETED -> completed(d, out);
            case FAILED -> throw failed(d, out, rollback);
            case GONE -> throw gone(out);
            case CANCELLED -> throw cancelled(d, out, rollback);
            case TIMED_OUT -> throw timedOut(d, out, rollback);
        });
        ServiceReportWriter.completed(d, state, result);
        return result;
    }

    private static EcsServiceDeployResult completed(Rollout d, RolloutWatch.Outcome out) {
        RolloutState s = out.state();
        Deployment dep = out.deployment();
        d.said("Service " + s.serviceName() + " runs " + ImagePlan.name(s.taskDefinitionArn())
                + ": deployment " + dep.id() + " COMPLETED");
        return new EcsServiceDeployResult(s.taskDefinitionArn(), s.previousTaskDefinitionArn(), dep.id(), "COMPLETED",
                dep.runningCount(), s.images(), false);
    }

    private static RolloutFailedException failed(Rollout d, RolloutWatch.Outcome out, ServiceRollback rollback) {
        RolloutState s = out.state();
        Deployment dep = out.deployment();
        String reason = dep.rolloutStateReason();
        d.warned("Deployment " + dep.id() + " FAILED" + (reason == null ? "" : ": " + reason));
        List<String> causes = RootCause.of(d.api(), s, out.service());
        causes.forEach(c -> d.warned("  " + c));
        ServiceRollback.Back back = ServiceRollback.ecsRollsBack(out.service())
                ? rollback.ecs(s, out.service(), d.cancel()) : null;
        if (back == null) {
            d.warned("ECS " + (ServiceRollback.ecsRollsBack(out.service()) ? "started no rollback"
                    : "does not roll this service back (its circuit breaker and alarms have rollback off)")
                    + ": rolling it back to " + ImagePlan.name(s.previousTaskDefinitionArn()));
            back = rollback.ours(s, d.cancel());
        }
        StringBuilder m = new StringBuilder("Deployment ").append(dep.id()).append(" of service ")
                .append(s.serviceName()).append(" FAILED");
        if (reason != null) {
            m.append(": ").append(reason);
        }
        if (!causes.isEmpty()) {
            endSentence(m).append("Root cause: ").append(String.join("; ", causes.subList(0, Math.min(3, causes.size()))));
        }
        endSentence(m).append(Character.toUpperCase(back.words().charAt(0))).append(back.words().substring(1));
        return new RolloutFailedException(dep.id(), reason, causes, back.to(), m.toString(),
                "the stopped tasks' logs say more; fix the image and deploy again");
    }

    /** Ends the sentence so far (ECS's reasons often end with their own full stop) and starts the next. */
    private static StringBuilder endSentence(StringBuilder m) {
        return m.append(m.charAt(m.length() - 1) == '.' ? " " : ". ");
    }

    private static BakehouseException gone(RolloutWatch.Outcome out) {
        RolloutState s = out.state();
        Deployment primary = RolloutWatch.primary(out.service());
        return BakehouseException.failure("Deployment " + s.deploymentId() + " of service " + s.serviceName()
                + " is no longer among the service's deployments" + (primary == null ? "" : "; the service now rolls out "
                + ImagePlan.name(primary.taskDefinition()) + " (deployment " + primary.id() + ", "
                + primary.rolloutStateAsString() + ")"), "another deployment replaced it: see the service's events");
    }

    private static CancelledException cancelled(Rollout d, RolloutWatch.Outcome out, ServiceRollback rollback) {
        RolloutState s = out.state();
        d.warned("Interrupted (" + d.cancel().reason() + "): rolling service " + s.serviceName() + " back to "
                + ImagePlan.name(s.previousTaskDefinitionArn()));
        String back = rollback.ours(s, CancelToken.NONE).words();
        return new CancelledException("Deployment " + s.deploymentId() + " of service " + s.serviceName()
                + " was interrupted: " + back, "deploy again when ready");
    }

    private static BakehouseException timedOut(Rollout d, RolloutWatch.Outcome out, ServiceRollback rollback) {
        RolloutState s = out.state();
        Deployment dep = out.deployment();
        String where = dep == null ? "" : " (" + RolloutWatch.line(dep) + ")";
        d.warned("Deployment " + s.deploymentId() + " did not complete within "
                + Durations.format(d.timeout()) + where
                + ": rolling service " + s.serviceName() + " back to " + ImagePlan.name(s.previousTaskDefinitionArn()));
        String back = rollback.ours(s, d.cancel()).words();
        return BakehouseException.failure("Deployment " + s.deploymentId() + " of service " + s.serviceName()
                + " did not complete within " + Durations.format(d.timeout()) + (dep == null ? "" : " ("
                + dep.rolloutStateAsString() + ", " + dep.runningCount() + " of " + dep.desiredCount() + " running)")
                + "; " + back, "the service's events above say what held it up; raise timeout if it was only slow");
    }
}
