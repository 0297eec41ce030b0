package io.bakehouse.jenkins.ecs;

import static io.bakehouse.testkit.ServiceFixtures.CLUSTER;
import static io.bakehouse.testkit.ServiceFixtures.SERVICE;
import static io.bakehouse.testkit.ServiceFixtures.SLOW_SERVICE;
import static io.bakehouse.testkit.ServiceFixtures.image;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.ecs.EcsServiceDeployRequest;
import io.bakehouse.engine.ecs.EcsServiceDeployResult;
import io.bakehouse.engine.ecs.RolloutState;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.jenkins.PipelineValues;
import io.bakehouse.jenkins.RecordingProgress;
import io.bakehouse.jenkins.Serialization;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.ServiceFixtures;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The agent side of ecsServiceDeploy against moto: launch, await from the saved handle (as after a
 * restart), roll back on abort, and serialisation. moto judges no deployment: started with
 * {@link ServiceFixtures#RUNNING}, deployments of {@link ServiceFixtures#SERVICE} read COMPLETED and
 * those of {@link ServiceFixtures#SLOW_SERVICE} stay IN_PROGRESS (for the abort).
 */
public class EcsServiceDeployTasksTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer(ServiceFixtures.RUNNING);

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final RecordingReporter reporter = new RecordingReporter();
    private AwsClients clients;
    private File workspace;
    private String v1;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        workspace = temp.newFolder("ws");
        v1 = ServiceFixtures.create(clients);
    }

    private static EcsServiceLaunchTask launch(String service, String tag) {
        return new EcsServiceLaunchTask(EcsServiceDeployRequest.builder(CLUSTER, service).image(image(tag))
                .timeout(Duration.ofMinutes(5)).build());
    }

    /** The handle as the execution saves it with the build and reads it back after a restart. */
    private static WaitHandle saved(JsonValue launched) {
        return WaitHandle.fromJsonMap(PipelineValues.of(Serialization.roundTrip((WaitHandle) launched).toJsonMap()));
    }

    private String serviceTaskDefinition(String service) {
        return clients.ecs().describeServices(r -> r.cluster(CLUSTER).services(service)).services().get(0)
                .taskDefinition();
    }

    @Test
    public void serialisation_roundTrip_keepsEveryTask() {
        EcsServiceLaunchTask launch = new EcsServiceLaunchTask(EcsServiceDeployRequest.builder(CLUSTER, SERVICE)
                .images(Map.of("web", image("v2"))).maxFindings("CRITICAL=0").forceNewDeployment(true)
                .timeout(Duration.ofMinutes(9)).build());
        assertEquals(launch, Serialization.roundTrip(launch));
        WaitHandle handle = RolloutHandles.of(new RolloutState(CLUSTER, SERVICE, "ecs-svc/1", "arn:td/app:2",
                "arn:td/app:1", Map.of("web", image("v2")), null, "/agent/ws/reports/ecs.html"), Instant.now());
        assertEquals(new EcsServiceAwaitTask(handle, null), Serialization.roundTrip(new EcsServiceAwaitTask(handle, null)));
        assertEquals(handle, Serialization.roundTrip(new EcsServiceAwaitTask(handle, new RecordingProgress())).handle());
        assertEquals(new EcsServiceRollBackTask(handle), Serialization.roundTrip(new EcsServiceRollBackTask(handle)));
    }

    @Test
    public void rolloutHandles_roundTrip_keepTheStateWithTheContainersInOrder() {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("web", image("v2"));
        images.put("log-router", "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable");
        images.put("app-sidecar", "nginx@sha256:" + "a".repeat(64));
        RolloutState state = new RolloutState(CLUSTER, "arn:aws:ecs:us-east-1:123456789012:service/prod/app",
                "ecs-svc/42", "arn:td/app:8", "arn:td/app:7", images, "event-9", "/agent/ws/reports/ecs.html");

        WaitHandle handle = saved(RolloutHandles.of(state, Instant.now().plusSeconds(60)));

        assertEquals("service", handle.kind());
        assertEquals(state, RolloutHandles.state(handle));
        assertEquals(List.of("web", "log-router", "app-sidecar"), List.copyOf(RolloutHandles.state(handle).images().keySet()));
        assertEquals("event-9", handle.ids().get(RolloutHandles.SHOWN_EVENT));
        RolloutState noReport = new RolloutState(CLUSTER, SERVICE, "ecs-svc/42", "arn:td/app:8", "arn:td/app:7",
                images, null, null);
        assertEquals(noReport, RolloutHandles.state(saved(RolloutHandles.of(noReport, Instant.now()))));
    }

    @Test
    public void rolloutHandles_advancedByTheShownEvent_resumesPastIt() {
        WaitHandle handle = RolloutHandles.of(new RolloutState(CLUSTER, SERVICE, "ecs-svc/1", "arn:td/app:2",
                "arn:td/app:1", Map.of("web", image("v2")), null, null), Instant.now());

        WaitHandle advanced = handle.advancedBy(Map.of(RolloutHandles.SHOWN_EVENT, "event-3"),
                Set.of(RolloutHandles.SHOWN_EVENT));

        assertEquals("event-3", RolloutHandles.state(advanced).lastEventId());
        assertThrows(IllegalArgumentException.class, () -> handle.advancedBy(Map.of("deploymentId", "ecs-svc/2"),
                Set.of(RolloutHandles.SHOWN_EVENT)));
    }

    @Test
    public void launchThenAwait_fromTheSavedHandle_rollsTheServiceOut() {
        WaitHandle handle = saved(launch(SERVICE, "v2").run(clients, reporter, workspace));
        RolloutState state = RolloutHandles.state(handle);
        String v2 = v1.replace("app:1", "app:2");
        assertEquals(CLUSTER, state.cluster());
        assertEquals(SERVICE, state.service());
        assertEquals(v2, state.taskDefinitionArn());
        assertEquals(v1, state.previousTaskDefinitionArn());
        assertTrue(state.deploymentId(), state.deploymentId().startsWith("ecs-svc/"));
        assertTrue(handle.remainingMillis(Instant.now()) > Duration.ofMinutes(4).toMillis());
        assertEquals(v2, serviceTaskDefinition(SERVICE));

        EcsServiceDeployResult result = new EcsServiceAwaitTask(handle, new RecordingProgress())
                .run(clients, new RecordingReporter(), workspace);

        assertEquals("COMPLETED", result.rolloutState());
        assertEquals(v2, result.taskDefinitionArn());
        assertEquals(v1, result.previousTaskDefinitionArn());
        assertEquals(state.deploymentId(), result.deploymentId());
        assertEquals(List.of("web", "log-router"), List.copyOf(result.images().keySet()));
        assertEquals(image("v2"), result.images().get("web"));
        assertFalse(result.noChanges());
    }

    @Test
    public void report_relativeToTheWorkspace_isWrittenThereByTheAwaitAfterARestart() throws Exception {
        EcsServiceLaunchTask task = new EcsServiceLaunchTask(EcsServiceDeployRequest.builder(CLUSTER, SERVICE)
                .image(image("v2")).report("reports/ecs.html").build());
        File report = new File(workspace, "reports/ecs.html");
        assertEquals(report.getPath(), task.inWorkspace(workspace).report());
        WaitHandle handle = saved(task.run(clients, reporter, workspace));
        assertEquals(report.getPath(), RolloutHandles.state(handle).report());

        new EcsServiceAwaitTask(handle, null).run(clients, reporter, workspace);

        String html = Files.readString(report.toPath());
        assertTrue(html, html.contains("class=\"status good\">COMPLETED</span>"));
        assertTrue(html, html.contains(v1.replace("app:1", "app:2")));
    }

    @Test
    public void report_ofAnAbort_isWrittenByTheRollBack() throws Exception {
        WaitHandle handle = saved(new EcsServiceLaunchTask(EcsServiceDeployRequest.builder(CLUSTER, SLOW_SERVICE)
                .image(image("v2")).report("reports/ecs.html").build()).run(clients, reporter, workspace));

        new EcsServiceRollBackTask(handle).run(clients, reporter, workspace);

        String html = Files.readString(workspace.toPath().resolve("reports/ecs.html"));
        assertTrue(html, html.contains("class=\"status bad\">INTERRUPTED</span>"));
        assertTrue(html, html.contains("Rolled service app-slow back to app:1"));
    }

    @Test
    public void launch_theRunningImage_returnsTheFinalResultInsteadOfAHandle() {
        JsonValue launched = launch(SERVICE, "v1").run(clients, reporter, workspace);

        Map<String, Object> json = PipelineValues.of(launched.toJsonMap());
        assertFalse(WaitHandle.isHandle(json));
        assertEquals(Boolean.TRUE, json.get("noChanges"));
        assertEquals(v1, json.get("taskDefinitionArn"));
        assertEquals(v1, serviceTaskDefinition(SERVICE));
    }

    @Test
    public void launch_imageNotInEcr_isRefusedAndChangesNothing() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> launch(SERVICE, "v3").run(clients, reporter, workspace));

        assertEquals("image", e.field());
        assertEquals(v1, serviceTaskDefinition(SERVICE));
        assertEquals(List.of(v1), clients.ecs().listTaskDefinitions(r -> r.familyPrefix("app")).taskDefinitionArns());
    }

    @Test
    public void rollBack_fromTheSavedHandle_pointsTheServiceBackAtThePreviousRevision() {
        WaitHandle handle = saved(launch(SLOW_SERVICE, "v2").run(clients, reporter, workspace));
        assertEquals(v1.replace("app:1", "app:2"), serviceTaskDefinition(SLOW_SERVICE));

        JsonValue stopped = new EcsServiceRollBackTask(handle).run(clients, reporter, workspace);

        assertEquals(v1, serviceTaskDefinition(SLOW_SERVICE));
        String said = String.valueOf(stopped.toJsonMap().get("stopped"));
        assertTrue(said, said.contains("app:1"));
        assertTrue(reporter.text(), reporter.contains(said));
    }

    @Test
    public void rollBack_afterTheRolloutCompleted_leavesTheServiceAlone() {
        WaitHandle handle = saved(launch(SERVICE, "v2").run(clients, reporter, workspace));
        new EcsServiceAwaitTask(handle, null).run(clients, reporter, workspace);

        new EcsServiceRollBackTask(handle).run(clients, reporter, workspace);

        assertEquals(v1.replace("app:1", "app:2"), serviceTaskDefinition(SERVICE));
    }
}
