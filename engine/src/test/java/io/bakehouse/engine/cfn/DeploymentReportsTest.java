package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;

import io.bakehouse.engine.report.DeploymentReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class DeploymentReportsTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private static Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("AmiId", "ami-0123456789abcdef0");
        v.put("DbPassword", "s3cret-value");
        v.put("Env", null);
        return v;
    }

    private static DeploymentReport report(List<StackEvent> events) {
        return DeploymentReports.of("app-dev", "us-east-1", "UPDATE_COMPLETE", "bakehouse-1",
                List.of(new ChangeRow("Modify", "LaunchTemplate", "AWS::EC2::LaunchTemplate", "False"),
                        new ChangeRow("Add", "Queue", "AWS::SQS::Queue", null)),
                events, Map.of("Url", "http://app"),
                List.of(new TemplateParameter("AmiId", false, false), new TemplateParameter("DbPassword", false, true),
                        new TemplateParameter("Env", true, false)),
                values(), T0);
    }

    @Test
    public void of_changeRows_becomeTheReportsChangesInOrder() {
        DeploymentReport r = report(List.of());

        assertEquals(List.of(new DeploymentReport.Change("Modify", "LaunchTemplate", "AWS::EC2::LaunchTemplate", "False"),
                new DeploymentReport.Change("Add", "Queue", "AWS::SQS::Queue", null)), r.changes());
        assertEquals("bakehouse-1", r.changeSetName());
        assertEquals("UPDATE_COMPLETE", r.status());
        assertEquals("us-east-1", r.region());
        assertEquals(Map.of("Url", "http://app"), r.outputs());
        assertEquals(T0, r.generatedAt());
    }

    @Test
    public void of_noEchoParameters_areMarkedSecretAndKeptOnesShowThePreviousValue() {
        DeploymentReport r = report(List.of());

        assertEquals(Set.of("DbPassword"), r.secretParameters());
        assertEquals(List.of("AmiId", "DbPassword", "Env"), List.copyOf(r.parameters().keySet()));
        assertEquals(DeploymentReports.PREVIOUS_VALUE, r.parameters().get("Env"));
        assertEquals("ami-0123456789abcdef0", r.parameters().get("AmiId"));
    }

    @Test
    public void of_stackEvents_becomeReportEventsAndOnesWithoutATimeAreLeftOut() {
        StackEvent created = new StackEvent("e1", T0, "Queue", "AWS::SQS::Queue", "CREATE_COMPLETE", null);
        StackEvent failed = new StackEvent("e2", T0.plusSeconds(3), "Param", "AWS::SSM::Parameter", "UPDATE_FAILED",
                "Access denied");
        StackEvent timeless = new StackEvent("e3", null, "Odd", "AWS::SQS::Queue", "CREATE_IN_PROGRESS", null);

        DeploymentReport r = report(List.of(created, failed, timeless));

        assertEquals(List.of(new DeploymentReport.Event(T0, "Queue", "AWS::SQS::Queue", "CREATE_COMPLETE", null),
                new DeploymentReport.Event(T0.plusSeconds(3), "Param", "AWS::SSM::Parameter", "UPDATE_FAILED",
                        "Access denied")), r.events());
    }

    @Test
    public void of_unknownStatus_isShownAsUnknown() {
        DeploymentReport r = DeploymentReports.of("app", null, null, null, List.of(), List.of(), null, List.of(),
                Map.of(), T0);

        assertEquals("UNKNOWN", r.status());
        assertEquals(Map.of(), r.outputs());
    }
}
