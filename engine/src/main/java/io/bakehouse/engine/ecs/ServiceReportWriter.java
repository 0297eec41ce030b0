package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.DetachedException;
import io.bakehouse.engine.output.Secrets;
import io.bakehouse.engine.report.ServiceHtmlReport;
import io.bakehouse.engine.report.ServiceReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes the HTML report a deployment asks for ({@code report}) when it ends: completed, with no
 * changes, failed and rolled back, interrupted, timed out. Nothing is written for a request refused
 * before the service changed, nor when a face only stopped watching (a Jenkins controller
 * restarting: the resumed wait writes it). A report that cannot be written is a warning, never the
 * deployment's outcome.
 */
final class ServiceReportWriter {

    private ServiceReportWriter() {
    }

    /** The images already ran: a report with the revision and no timeline. */
    static void unchanged(Rollout d, EcsServiceDeployRequest request, EcsServiceDeployResult result) {
        if (request.report() != null) {
            write(d, request.report(), new ServiceReport(request.serviceName(), request.clusterName(), "NO CHANGES",
                    "No changes: " + ImagePlan.name(result.taskDefinitionArn()) + " already runs these images",
                    null, result.taskDefinitionArn(), result.previousTaskDefinitionArn(), result.images(), List.of(),
                    Instant.now()));
        }
    }

    /**
     * Runs a stage of a deployment's end; when it fails, other than by a face detaching from the wait,
     * writes the report as {@code outcome} with the failure's message before the failure goes on.
     */
    static <T> T onFailure(Rollout d, RolloutState state, String outcome, Supplier<T> stage) {
        try {
            return stage.get();
        } catch (DetachedException e) {
            throw e;
        } catch (BakehouseException e) {
            ended(d, state, outcome, e.getMessage());
            throw e;
        }
    }

    /** Writes the report of a deployment that completed with {@code result}. */
    static void completed(Rollout d, RolloutState state, EcsServiceDeployResult result) {
        ended(d, state, "COMPLETED", "Service " + state.serviceName() + " runs "
                + ImagePlan.name(result.taskDefinitionArn()) + " (" + result.runningCount() + " running)");
    }

    /** Writes the report of the deployment {@code state} watched, ended in {@code outcome}. */
    static void ended(Rollout d, RolloutState state, String outcome, String summary) {
        if (state.report() != null) {
            write(d, state.report(), new ServiceReport(state.serviceName(), clusterName(state.cluster()), outcome,
                    summary, state.deploymentId(), state.taskDefinitionArn(), state.previousTaskDefinitionArn(),
                    state.images(), d.record().entries(), Instant.now()));
        }
    }

    private static void write(Rollout d, String report, ServiceReport content) {
        Path file = Path.of(report);
        try {
            ServiceHtmlReport.write(content, file, new Secrets());
            d.reporter().progress("Wrote the deployment report to " + file);
        } catch (IOException | RuntimeException e) {
            d.reporter().warn("Could not write the deployment report to " + file + ": " + e.getMessage());
        }
    }

    private static String clusterName(String cluster) {
        return cluster.substring(cluster.lastIndexOf('/') + 1);
    }
}
