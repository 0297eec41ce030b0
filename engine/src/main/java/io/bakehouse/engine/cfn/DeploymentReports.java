package io.bakehouse.engine.cfn;

import io.bakehouse.engine.report.DeploymentReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps what a deployment saw (change set, stack events, outputs, parameters) to the
 * {@link DeploymentReport} that {@code cfnDeploy}'s {@code report} parameter writes.
 */
final class DeploymentReports {

    /** Shown for a parameter that keeps the stack's previous value (its value is not sent). */
    static final String PREVIOUS_VALUE = "(previous value)";

    private DeploymentReports() {
    }

    /**
     * @param declared  the template's parameters; the NoEcho ones are masked in the report
     * @param values    the parameter values sent; a {@code null} value keeps the previous one
     */
    static DeploymentReport of(String stack, String region, String status, String changeSetName,
                               List<ChangeRow> changes, List<StackEvent> events, Map<String, String> outputs,
                               List<TemplateParameter> declared, Map<String, String> values, Instant generatedAt) {
        List<DeploymentReport.Change> rows = new ArrayList<>();
        changes.forEach(c -> rows.add(new DeploymentReport.Change(c.action(), c.logicalId(), c.resourceType(),
                c.replacement())));
        List<DeploymentReport.Event> seen = new ArrayList<>();
        for (StackEvent e : events) {
            if (e.timestamp() != null && e.logicalId() != null && e.status() != null) {
                seen.add(new DeploymentReport.Event(e.timestamp(), e.logicalId(), e.resourceType(), e.status(),
                        e.reason()));
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        values.forEach((k, v) -> parameters.put(k, v == null ? PREVIOUS_VALUE : v));
        Set<String> secret = TemplateParameter.noEchoKeys(declared);
        return new DeploymentReport(stack, region, status == null ? "UNKNOWN" : status, changeSetName, rows, seen,
                outputs == null ? Map.of() : outputs, parameters, secret, generatedAt);
    }
}
