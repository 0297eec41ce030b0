package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.RunnerFixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

public class TaskLauncherTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    private AwsClients clients;
    private RunnerConfig config;
    private final RecordingReporter reporter = new RecordingReporter();

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        config = RunnerConfigLoader.parse(RunnerFixtures.createRunnerResources(clients), "test");
    }

    private TaskLaunch approved(String... args) {
        return approvedFor("jenkins-app-42", args);
    }

    private TaskLaunch approvedFor(String requestedBy, String... args) {
        Decision d = Gatekeeper.decide(config, new RunRequest("packer", "build-packer-artifact", List.of(args), 1024, 2048,
                requestedBy));
        return ((Decision.Approved) d).launch();
    }

    @Test
    public void launch_approvedRequest_runsFargateTaskWithCommandOverridesAndTags() {
        TaskLaunch launch = approved("--ref", "main", "--force");

        TaskProgress task = new TaskLauncher(clients.ecs(), reporter).launch(launch);

        Task t = clients.ecs().describeTasks(r -> r.cluster(task.cluster()).tasks(task.taskArn())
                .include(TaskField.TAGS)).tasks().get(0);
        assertEquals("FARGATE", t.launchTypeAsString());
        assertEquals("jenkins-app-42", t.startedBy());
        assertEquals(launch.command(), t.overrides().containerOverrides().get(0).command());
        assertEquals("packer", t.overrides().containerOverrides().get(0).name());
        assertEquals("1024", t.overrides().cpu());
        assertEquals("2048", t.overrides().memory());
        assertEquals(Integer.valueOf(2048), t.overrides().containerOverrides().get(0).memory());
        assertEquals(Integer.valueOf(1024), t.overrides().containerOverrides().get(0).cpu());
        Map<String, String> tags = t.tags().stream().collect(Collectors.toMap(x -> x.key(), x -> x.value()));
        assertEquals("jenkins-app-42", tags.get("bakehouse:requested-by"));
        assertEquals("build-packer-artifact", tags.get("bakehouse:script"));
        assertEquals("runner/packer/" + task.taskId(), task.logStream());
        assertEquals(RunnerFixtures.LOG_GROUP, task.logGroup());
        assertTrue(reporter.contains("Started packer build-packer-artifact as task " + task.taskArn()));
    }

    @Test
    public void launch_requesterWithCharactersRunTaskRefuses_startedBySanitisedAndTheTagKeepsMore() {
        TaskLaunch launch = approvedFor("jenkins-acme-infra-feature%2Fnetwork-user:alice-1234");

        TaskProgress task = new TaskLauncher(clients.ecs(), reporter).launch(launch);

        Task t = clients.ecs().describeTasks(r -> r.cluster(task.cluster()).tasks(task.taskArn())
                .include(TaskField.TAGS)).tasks().get(0);
        assertEquals("ra-feature_2Fnetwork-user_alice-1234", t.startedBy());
        assertTrue(t.startedBy(), t.startedBy().matches("[A-Za-z0-9/_-]{1,36}"));
        Map<String, String> tags = t.tags().stream().collect(Collectors.toMap(x -> x.key(), x -> x.value()));
        assertEquals("jenkins-acme-infra-feature_2Fnetwork-user:alice-1234", tags.get("bakehouse:requested-by"));
    }

    @Test
    public void launch_ecsReportsFailures_failsWithTheirReasons_cannedRunTaskBecauseMotoHasNoCapacityLimits() {
        proxy.always("RunTask", Fault.respond(200, "application/x-amz-json-1.1",
                "{\"tasks\":[],\"failures\":[{\"arn\":\"x\",\"reason\":\"RESOURCE:MEMORY\",\"detail\":\"no capacity\"}]}"));
        AwsClients viaProxy = MOTO.track(AwsClients.create(MotoServer.settingsFor(proxy.endpoint()),
                new AwsEnvironment(Map.of())));

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> new TaskLauncher(viaProxy.ecs(), reporter).launch(approved()));

        assertTrue(e.getMessage(), e.getMessage().contains("ECS did not start packer build-packer-artifact: RESOURCE:MEMORY (no capacity)"));
    }

    @Test
    public void launch_unknownTaskDefinition_failsNamingIt() {
        TaskLaunch a = approved();
        TaskLaunch missing = new TaskLaunch(a.container(), a.script(), a.cluster(), "deploy-runner-missing",
                a.containerName(), a.command(), a.environment(), a.cpu(), a.memory(), a.subnets(), a.securityGroups(),
                a.assignPublicIp(), a.logGroup(), a.logStreamPrefix(), a.requestedBy());
        BakehouseException e = assertThrows(BakehouseException.class,
                () -> new TaskLauncher(clients.ecs(), reporter).launch(missing));
        assertTrue(e.getMessage(), e.getMessage().contains("task definition deploy-runner-missing"));
    }
}
