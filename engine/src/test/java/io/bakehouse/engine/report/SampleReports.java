package io.bakehouse.engine.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reports as a deployment of the app stack produces them: a success and a failed update. */
final class SampleReports {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private SampleReports() {
    }

    static DeploymentReport successfulUpdate() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("Url", "http://app-dev-123.elb.example.test");
        outputs.put("AmiId", "ami-0123456789abcdef0");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Environment", "dev");
        params.put("AmiId", "ami-0123456789abcdef0");
        params.put("DbPassword", "hunter2-value");
        return new DeploymentReport("app-dev", "us-east-1", "UPDATE_COMPLETE", "bakehouse-42",
                List.of(new DeploymentReport.Change("Modify", "LaunchTemplate", "AWS::EC2::LaunchTemplate", "False"),
                        new DeploymentReport.Change("Modify", "AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "Conditional"),
                        new DeploymentReport.Change("Add", "HighErrorRateAlarm", "AWS::CloudWatch::Alarm", null)),
                List.of(event(0, "app-dev", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated"),
                        event(2, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "UPDATE_IN_PROGRESS", null),
                        event(9, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "UPDATE_COMPLETE", null),
                        event(10, "HighErrorRateAlarm", "AWS::CloudWatch::Alarm", "CREATE_IN_PROGRESS", null),
                        event(12, "HighErrorRateAlarm", "AWS::CloudWatch::Alarm", "CREATE_COMPLETE", null),
                        event(11, "AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_IN_PROGRESS", null),
                        event(95, "AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_COMPLETE", null),
                        event(97, "app-dev", "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", null)),
                outputs, params, Set.of("DbPassword"), T0.plusSeconds(100));
    }

    static DeploymentReport failedUpdate() {
        return new DeploymentReport("app-prod", "us-east-1", "UPDATE_ROLLBACK_COMPLETE", "bakehouse-43",
                List.of(new DeploymentReport.Change("Modify", "AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "False")),
                List.of(event(0, "app-prod", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", null),
                        event(1, "AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_IN_PROGRESS", null),
                        event(30, "AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_FAILED",
                                "Received 0 SUCCESS signal(s) out of 1 <before> timeout"),
                        event(31, "app-prod", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS", null),
                        event(60, "app-prod", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", null)),
                Map.of(), Map.of("Environment", "prod"), Set.of(), T0.plusSeconds(61));
    }

    private static DeploymentReport.Event event(int second, String id, String type, String status, String reason) {
        return new DeploymentReport.Event(T0.plusSeconds(second), id, type, status, reason);
    }
}
