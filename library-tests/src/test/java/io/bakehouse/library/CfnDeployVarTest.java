package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.LibraryUnderTest;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

public class CfnDeployVarTest {

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void call_everyParameter_rendersEachAsItsCliOption() {
        library.call("cfnDeploy", args("stack", "app-dev", "template", "cloudformation/app.yaml",
                "params", args("AmiId", "ami-1", "Size", 3), "paramsFile", "params/dev.json", "keepParams", List.of("DbPassword"),
                "tags", args("env", "dev"), "tagsFile", "tags.json",
                "capabilities", List.of("CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"),
                "cfnRoleArn", "arn:aws:iam::1:role/cfn", "notificationArns", List.of("arn:aws:sns:us-east-1:1:t"),
                "terminationProtection", true, "onFailure", "DELETE", "disableRollback", true,
                "rollbackAlarms", List.of("arn:aws:cloudwatch:us-east-1:1:alarm:a"), "monitoringMinutes", 5,
                "stackPolicy", "policy.json", "s3Bucket", "bucket", "s3Prefix", "templates/", "changeSetName", "cs-7",
                "noExecute", true, "failOnEmptyChangeset", true, "replaceFailedStack", false, "timeout", 45,
                "report", "reports/dev.html"));
        assertEquals(List.of("cfn-deploy", "--stack", "app-dev", "--template", "cloudformation/app.yaml",
                "--param", "AmiId=ami-1", "--param", "Size=3", "--params-file", "params/dev.json",
                "--keep-param", "DbPassword", "--tag", "env=dev", "--tags-file", "tags.json",
                "--capability", "CAPABILITY_IAM", "--capability", "CAPABILITY_AUTO_EXPAND",
                "--cfn-role-arn", "arn:aws:iam::1:role/cfn", "--notification-arn", "arn:aws:sns:us-east-1:1:t",
                "--termination-protection", "--on-failure", "DELETE", "--disable-rollback",
                "--rollback-alarm", "arn:aws:cloudwatch:us-east-1:1:alarm:a", "--monitoring-minutes", "5",
                "--stack-policy", "policy.json", "--s3-bucket", "bucket", "--s3-prefix", "templates/",
                "--change-set-name", "cs-7", "--no-execute", "--fail-on-empty-changeset",
                "--no-replace-failed-stack", "--timeout", "45", "--report", "reports/dev.html", "--output", "json"),
                library.cli().onlyCall());
    }

    @Test
    public void call_replaceFailedStackTrue_isTheDefaultAndRendersNothing() {
        library.call("cfnDeploy", args("stack", "s", "template", "t.yaml", "replaceFailedStack", true));
        assertEquals(List.of("cfn-deploy", "--stack", "s", "--template", "t.yaml", "--output", "json"),
                library.cli().onlyCall());
    }

    @Test
    public void call_executeChangeSet_needsNoTemplate() {
        library.call("cfnDeploy", args("stack", "s", "executeChangeSet", "cs-7"));
        assertEquals(List.of("cfn-deploy", "--stack", "s", "--execute-change-set", "cs-7", "--output", "json"),
                library.cli().onlyCall());
    }

    @Test
    public void call_withoutTemplateOrExecuteChangeSet_fails() {
        assertTrue(library.failure("cfnDeploy", args("stack", "s"))
                .startsWith("cfnDeploy: missing required parameter 'template'"));
    }

    @Test
    public void call_success_returnsStatusOutputsAndEvents() {
        library.cli().respond("cfn-deploy", "{\"status\":\"UPDATE_COMPLETE\",\"stackId\":\"arn:s\","
                + "\"outputs\":{\"Url\":\"http://x\"},\"changeSetId\":\"arn:cs\",\"changeSetName\":\"cs-1\","
                + "\"noChanges\":false,\"events\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"logicalId\":\"Asg\","
                + "\"resourceType\":\"AWS::AutoScaling::AutoScalingGroup\",\"status\":\"UPDATE_COMPLETE\",\"reason\":null}]}");
        Map<?, ?> result = (Map<?, ?>) library.call("cfnDeploy", args("stack", "s", "template", "t.yaml"));
        assertEquals("UPDATE_COMPLETE", result.get("status"));
        assertEquals(Map.of("Url", "http://x"), result.get("outputs"));
        assertEquals(false, result.get("noChanges"));
        assertEquals("Asg", ((Map<?, ?>) ((List<?>) result.get("events")).get(0)).get("logicalId"));
    }

    @Test
    public void call_monitoringMinutesAsString_failsAsWrongType() {
        assertTrue(library.failure("cfnDeploy", args("stack", "s", "template", "t", "monitoringMinutes", "5"))
                .contains("'monitoringMinutes' must be a whole number, got a string"));
    }
}
