package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * ecsServiceDeploy on the agent against the suite's moto: a service on app:1 rolled to the ECR
 * image app:v2 (a new revision that differs only in that image, the service pointed at it, the
 * result map with the keys docs/steps.md promises, the report in the workspace), then the same
 * build again, which finds the image running and changes nothing.
 *
 * <p>What moto can say of the rollout is all this test sees: the service's deployment reads
 * COMPLETED at once (see {@link LiveServices}), so the wait ends at the first look, and moto writes
 * no service events. Bad input is in {@link BadInputLive}, the abort in {@link AbortLive}, a wait
 * across a controller restart in {@link WaitRestartLive}. A rollout that fails and is rolled back
 * cannot come from moto, which judges no deployment; the engine's scripted ECS covers it
 * ({@code ServiceRolloutTest}, {@code ServiceReportWriterTest}), and this suite does not play it.
 */
public class EcsServiceDeployLive {

    private static final String SERVICE = "live-app";
    private static AwsClients aws;
    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    @BeforeClass
    public static void clients() {
        aws = LiveJenkinsIT.JENKINS.moto().clients();
    }

    @Test
    public void ecsServiceDeploy_newImageThenTheSameAgain_registersARevisionOnlyTheImageChangesThenNoChanges()
            throws Exception {
        String job = "ecs-service-deploy";
        String v1 = LiveServices.create(aws, SERVICE, 1);
        List<String> revisionsBefore = LiveServices.revisions(aws);
        jenkins.rest().createPipeline(job, LiveServices.pipeline(SERVICE, "image: '" + LiveServices.image("v2") + "'",
                Workspaces.aws(jenkins, "us-east-1")));

        String first = jenkins.rest().run(job, "SUCCESS");

        assertTrue(first, first.contains("Running on " + LiveJenkins.AGENT));
        assertEquals(first, LiveChecks.documentedResultKeys("ecsServiceDeploy"), LiveChecks.echoedKeys(first, "keys="));
        // One new revision of the family, and the service runs it.
        List<String> added = new ArrayList<>(LiveServices.revisions(aws));
        added.removeAll(revisionsBefore);
        assertEquals(first, 1, added.size());
        String v2 = added.get(0);
        assertEquals(v2, LiveServices.service(aws, SERVICE).taskDefinition());
        assertEquals(v2, LiveChecks.echoed(first, "taskDefinitionArn"));
        assertEquals(v1, LiveChecks.echoed(first, "previousTaskDefinitionArn"));
        assertEquals(LiveServices.service(aws, SERVICE).deployments().get(0).id(), LiveChecks.echoed(first, "deploymentId"));
        assertEquals("COMPLETED", LiveChecks.echoed(first, "rolloutState"));
        assertEquals("1", LiveChecks.echoed(first, "runningCount"));
        assertEquals(LiveServices.image("v2"), LiveChecks.echoed(first, "web"));
        assertEquals("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", LiveChecks.echoed(first, "logRouter"));
        assertEquals("[web, log-router]", LiveChecks.echoed(first, "containers"));
        assertEquals("false", LiveChecks.echoed(first, "noChanges"));
        assertOnlyTheImageChanged(v1, v2);
        String revision = v2.substring(v2.lastIndexOf('/') + 1);
        assertTrue(first, first.contains("[ecsServiceDeploy]   web: " + LiveServices.image("v1") + " -> "
                + LiveServices.image("v2")));
        assertTrue(first, first.contains("[ecsServiceDeploy] Registered task definition " + revision
                + " (app:1 with the new image)"));
        assertTrue(first, first.contains("[ecsServiceDeploy] Service " + SERVICE + " runs " + revision + ": deployment "));
        assertFalse(first, first.contains(LiveJenkins.SECRET_KEY));
        String report = report(job);
        assertTrue(report, report.contains("<h1 id=\"title\">" + SERVICE + "</h1>"));
        assertTrue(report, report.contains("class=\"status good\">COMPLETED</span>"));
        assertTrue(report, report.contains("<tr><th>Rolled out</th><td>" + v2 + "</td></tr>"));
        assertTrue(report, report.contains("<tr><th>Before</th><td>" + v1 + "</td></tr>"));
        assertTrue(report, report.contains("<tr><td>web</td><td>" + LiveServices.image("v2") + "</td></tr>"));
        assertTrue(report, report.contains("COMPLETED: 1 of 1 running"));

        String again = jenkins.rest().run(job, "SUCCESS");

        assertEquals(again, "true", LiveChecks.echoed(again, "noChanges"));
        assertEquals(v2, LiveChecks.echoed(again, "taskDefinitionArn"));
        assertEquals(v2, LiveChecks.echoed(again, "previousTaskDefinitionArn"));
        assertEquals(LiveServices.image("v2"), LiveChecks.echoed(again, "web"));
        assertEquals(LiveChecks.echoedKeys(first, "keys="), LiveChecks.echoedKeys(again, "keys="));
        assertTrue(again, again.contains("[ecsServiceDeploy] No changes: " + revision + " already runs "
                + LiveServices.image("v2")));
        assertEquals(v2, LiveServices.service(aws, SERVICE).taskDefinition());
        assertEquals("nothing registered the second time", revisionsBefore.size() + 1, LiveServices.revisions(aws).size());
        assertTrue(report(job), report(job).contains("class=\"status good\">NO CHANGES</span>"));
    }

    /** The new revision is the old one with web's image changed: every other field, container and tag alike. */
    private static void assertOnlyTheImageChanged(String v1, String v2) {
        DescribeTaskDefinitionResponse before = describe(v1);
        DescribeTaskDefinitionResponse after = describe(v2);
        TaskDefinition o = before.taskDefinition();
        TaskDefinition n = after.taskDefinition();
        assertEquals(before.tags(), after.tags());
        assertEquals(o.containerDefinitions().get(0).toBuilder().image(LiveServices.image("v2")).build(),
                n.containerDefinitions().get(0));
        assertEquals(o.containerDefinitions().get(1), n.containerDefinitions().get(1));
        assertEquals(o.toBuilder().taskDefinitionArn(v2).revision(n.revision())
                .containerDefinitions(n.containerDefinitions()).build(), n);
    }

    private static DescribeTaskDefinitionResponse describe(String arn) {
        return aws.ecs().describeTaskDefinition(r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS));
    }

    private String report(String job) throws Exception {
        Path file = jenkins.workspace(job).resolve("reports/ecs.html");
        assertTrue("no report at " + file, Files.isRegularFile(file));
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
