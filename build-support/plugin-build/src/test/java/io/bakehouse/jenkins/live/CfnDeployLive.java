package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * cfnDeploy on the agent: a template in the workspace (written by the pipeline itself), the
 * stack created, updated and left alone in moto, the report written in the workspace, and the
 * result map with the keys docs/steps.md promises.
 */
public class CfnDeployLive {

    /** Two parameters, one resource, one output: enough for a change set, events and outputs. */
    static final String TEMPLATE = String.join("\n",
            "Parameters:",
            "  Name:",
            "    Type: String",
            "  Value:",
            "    Type: String",
            "Resources:",
            "  Param:",
            "    Type: AWS::SSM::Parameter",
            "    Properties:",
            "      Name: !Ref Name",
            "      Type: String",
            "      Value: !Ref Value",
            "Outputs:",
            "  ParamName:",
            "    Value: !Ref Param",
            "");

    private static AwsClients aws;
    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    @BeforeClass
    public static void clients() {
        aws = LiveJenkinsIT.JENKINS.moto().clients();
    }

    /** A pipeline on the agent that writes the template and deploys it with {@code value}, echoing the result. */
    static String pipeline(String stack, String parameterName, String value, String endpoint) {
        return """
                node('ecs-fargate') {
                  writeFile file: 'cloudformation/app.yaml', text: '''%s'''
                  def d = cfnDeploy stack: '%s', template: 'cloudformation/app.yaml',
                      params: [Name: '%s', Value: '%s'], report: 'reports/deploy.html',
                      region: 'us-east-1', endpointUrl: '%s', credentialsId: '%s'
                  echo "keys=${d.keySet()}"
                  echo "stack=${d.stack}"
                  echo "status=${d.status}"
                  echo "stackId=${d.stackId}"
                  echo "changeSetId=${d.changeSetId}"
                  echo "changeSetName=${d.changeSetName}"
                  echo "noChanges=${d.noChanges}"
                  echo "executed=${d.executed}"
                  echo "outputs=${d.outputs}"
                  echo "changes=${d.changes.size()}"
                  echo "events=${d.events.size()}"
                  if (d.changes.size() > 0) {
                    echo "change=${d.changes[0].action} ${d.changes[0].logicalId} ${d.changes[0].resourceType}"
                  }
                  if (d.events.size() > 0) {
                    echo "lastEvent=${d.events[-1].logicalId} ${d.events[-1].status}"
                  }
                }
                """.formatted(TEMPLATE, stack, parameterName, value, endpoint, LiveJenkins.CREDENTIALS_ID);
    }

    @Test
    public void cfnDeploy_createUpdateUnchanged_returnsEveryDocumentedKeyAndWritesTheReport() throws Exception {
        String job = "cfn-deploy";
        String stack = "live-cfn-app";
        String parameter = "/live/cfn/app/value";
        Path report = jenkins.workspace(job).resolve("reports/deploy.html");

        jenkins.rest().createPipeline(job, pipeline(stack, parameter, "v1", jenkins.moto().endpoint()));
        String created = jenkins.rest().run(job, "SUCCESS");
        assertTrue(created, created.contains("Running on " + LiveJenkins.AGENT));
        Set<String> documented = LiveChecks.documentedResultKeys("cfnDeploy");
        assertTrue(documented.toString(), documented.containsAll(Set.of("status", "outputs", "changeSetId", "noChanges",
                "stack", "executed", "changes")));
        assertEquals(created, documented, LiveChecks.echoedKeys(created, "keys="));
        String stackId = aws.cloudFormation().describeStacks(r -> r.stackName(stack)).stacks().get(0).stackId();
        assertEquals(stack, LiveChecks.echoed(created, "stack"));
        assertEquals("CREATE_COMPLETE", LiveChecks.echoed(created, "status"));
        assertEquals(stackId, LiveChecks.echoed(created, "stackId"));
        String changeSetName = LiveChecks.echoed(created, "changeSetName");
        assertTrue(changeSetName, changeSetName.startsWith("bakehouse-"));
        assertTrue(created, LiveChecks.echoed(created, "changeSetId").contains(":changeSet/" + changeSetName + "/"));
        assertEquals("false", LiveChecks.echoed(created, "noChanges"));
        assertEquals("true", LiveChecks.echoed(created, "executed"));
        // The stack's outputs as CloudFormation has them (moto gives a stack made by a change set none).
        assertEquals(outputs(stack), LiveChecks.echoed(created, "outputs"));
        assertEquals("1", LiveChecks.echoed(created, "changes"));
        assertEquals("Add Param AWS::SSM::Parameter", LiveChecks.echoed(created, "change"));
        assertEquals(stack + " CREATE_COMPLETE", LiveChecks.echoed(created, "lastEvent"));
        // The stack's events stream into the console, each once, and the result holds them all.
        List<String> events = LiveChecks.assertEachOnce(created, LiveChecks.STACK_EVENT, "a stack event");
        assertEquals(String.valueOf(events.size()), LiveChecks.echoed(created, "events"));
        assertTrue(created, created.lines().anyMatch(l -> LiveChecks.STACK_EVENT.test(l)
                && l.contains("CREATE_COMPLETE") && l.contains(" " + stack + " (AWS::CloudFormation::Stack)")));
        assertEquals("v1", ssm(parameter));
        assertReport(report, stack);

        jenkins.rest().createPipeline(job + "-update", pipeline(stack, parameter, "v2", jenkins.moto().endpoint()));
        String updated = jenkins.rest().run(job + "-update", "SUCCESS");
        assertEquals(updated, "UPDATE_COMPLETE", LiveChecks.echoed(updated, "status"));
        // The change set's rows as CloudFormation lists them (moto lists none for a new parameter value).
        assertEquals(String.valueOf(changeRows(LiveChecks.echoed(updated, "changeSetId"))),
                LiveChecks.echoed(updated, "changes"));
        assertEquals("true", LiveChecks.echoed(updated, "executed"));
        assertEquals("false", LiveChecks.echoed(updated, "noChanges"));
        assertEquals("v2", ssm(parameter));
        assertReport(jenkins.workspace(job + "-update").resolve("reports/deploy.html"), stack);

        String unchanged = jenkins.rest().run(job + "-update", "SUCCESS");
        assertEquals(unchanged, "true", LiveChecks.echoed(unchanged, "noChanges"));
        assertEquals("false", LiveChecks.echoed(unchanged, "executed"));
        assertEquals("UPDATE_COMPLETE", LiveChecks.echoed(unchanged, "status"));
        assertEquals(outputs(stack), LiveChecks.echoed(unchanged, "outputs"));
        assertEquals("0", LiveChecks.echoed(unchanged, "changes"));
        assertEquals(LiveChecks.echoedKeys(created, "keys="), LiveChecks.echoedKeys(unchanged, "keys="));
    }

    /** A stack's outputs as Groovy prints a map. */
    private static String outputs(String stack) {
        var outputs = aws.cloudFormation().describeStacks(r -> r.stackName(stack)).stacks().get(0).outputs();
        return outputs.isEmpty() ? "[:]" : outputs.stream().map(o -> o.outputKey() + ":" + o.outputValue())
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static int changeRows(String changeSetId) {
        return aws.cloudFormation().describeChangeSet(r -> r.changeSetName(changeSetId)).changes().size();
    }

    private static String ssm(String name) {
        return aws.ssm().getParameter(r -> r.name(name)).parameter().value();
    }

    /** The HTML report is in the workspace, names the stack and has the page's end. */
    static void assertReport(Path report, String stack) throws Exception {
        assertTrue("no report at " + report, Files.isRegularFile(report));
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html, html.contains(stack));
        assertTrue(html, html.contains("</html>"));
    }
}
