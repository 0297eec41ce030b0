package io.bakehouse.engine.cfn;

import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.report.DeploymentReport;
import io.bakehouse.engine.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Writes the HTML report a request asks for ({@code report}): when a deployment ends, and when
 * it fails once it has named a change set. A report that cannot be written is a warning, never
 * the deployment's outcome.
 */
final class DeploymentReportWriter {

    private final CloudFormationApi api;
    private final String region;

    DeploymentReportWriter(CloudFormationApi api, String region) {
        this.api = api;
        this.region = region;
    }

    /** Runs one stage of a deployment; when it fails, writes the report of {@code facts} before the failure goes on. */
    <T> T onFailure(Deployment d, ReportFacts facts, Supplier<T> stage) {
        try {
            return stage.get();
        } catch (RuntimeException e) {
            throw failed(d, facts, e);
        }
    }

    /** Writes the report of a deployment that ended in {@code result}; returns the result. */
    CfnDeployResult succeeded(Deployment d, ReportFacts facts, CfnDeployResult result) {
        if (d.request().report() != null) {
            write(d, facts.withEvents(result.events()), result.status(), result.outputs());
        }
        return result;
    }

    /**
     * Writes the report of a deployment that failed with {@code failure}, with the stack's
     * status and outputs as they are now (read best-effort); returns the failure to throw.
     */
    RuntimeException failed(Deployment d, ReportFacts facts, RuntimeException failure) {
        if (d.request().report() == null) {
            return failure;
        }
        String status = failure instanceof StackFailedException f ? f.status() : null;
        Map<String, String> outputs = Map.of();
        try {
            StackState now = api.describeStack(d.stack()).orElse(null);
            if (now != null) {
                status = status == null ? now.status() : status;
                outputs = now.outputs();
            }
        } catch (SdkException unreadable) {
            d.reporter().detail("Could not read stack " + d.stack() + " for the report: "
                    + AwsErrors.translate("reading stack " + d.stack(), unreadable).getMessage());
        }
        write(d, facts, status == null ? "FAILED" : status, outputs);
        return failure;
    }

    private void write(Deployment d, ReportFacts facts, String status, Map<String, String> outputs) {
        Path file = Path.of(d.request().report());
        DeploymentReport report = DeploymentReports.of(d.stack(), region, status, facts.changeSetName(), facts.changes(),
                facts.events(), outputs, facts.declared(), facts.values(), Instant.now());
        try {
            HtmlReport.write(report, file, d.secrets());
            d.reporter().progress("Wrote the deployment report to " + file);
        } catch (IOException | RuntimeException e) {
            d.reporter().warn("Could not write the deployment report to " + file + ": " + e.getMessage());
        }
    }
}
