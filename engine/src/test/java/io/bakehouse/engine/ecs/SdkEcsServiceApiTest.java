package io.bakehouse.engine.ecs;

import static io.bakehouse.testkit.ServiceFixtures.ACCOUNT;
import static io.bakehouse.testkit.ServiceFixtures.CLUSTER;
import static io.bakehouse.testkit.ServiceFixtures.SERVICE;
import static io.bakehouse.testkit.ServiceFixtures.image;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.ServiceFixtures;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** Every call of the SDK-backed {@link EcsServiceApi} that moto serves, against moto. */
public class SdkEcsServiceApiTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    private AwsClients clients;
    private EcsServiceApi api;
    private String v1;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        api = new SdkEcsServiceApi(clients::ecs, region -> clients.forRegion(region).ecr(), clients::cloudWatch);
        ServiceFixtures.pushImage(clients, "v1");
        v1 = ServiceFixtures.createServices(clients, image("v1"));
    }

    private static EcrImage ecr(String repository, String tag) {
        return new EcrImage(ACCOUNT, MotoServer.REGION, repository, tag, null);
    }

    @Test
    public void describeService_findsTheServiceOrNothing_andAnUnknownClusterThrows() {
        Service s = api.describeService(CLUSTER, SERVICE).orElseThrow();
        assertEquals(v1, s.taskDefinition());
        assertEquals("PRIMARY", s.deployments().get(0).status());

        assertTrue(api.describeService(CLUSTER, "worker").isEmpty());
        assertThrows(ClusterNotFoundException.class, () -> api.describeService("staging", SERVICE));
    }

    @Test
    public void describeTaskDefinition_includesTheTags() {
        var r = api.describeTaskDefinition(v1);
        assertEquals("app", r.taskDefinition().family());
        assertEquals(List.of("team", "env"), r.tags().stream().map(t -> t.key()).toList());
    }

    @Test
    public void registerThenDeregister_makesARevisionThenRetiresIt() {
        var current = api.describeTaskDefinition(v1);
        String v2 = api.registerTaskDefinition(TaskDefinitionCopy.of(current.taskDefinition(), current.tags(),
                Map.of("web", image("v2"))));

        assertTrue(v2, v2.endsWith("task-definition/app:2"));
        assertEquals(current.tags(), api.describeTaskDefinition(v2).tags());
        api.deregisterTaskDefinition(v2);
        assertEquals("INACTIVE", clients.ecs().describeTaskDefinition(r -> r.taskDefinition(v2)).taskDefinition()
                .statusAsString());
    }

    @Test
    public void updateService_pointsTheServiceAtTheRevision_andForcingStartsANewDeployment() {
        var current = api.describeTaskDefinition(v1);
        String v2 = api.registerTaskDefinition(TaskDefinitionCopy.of(current.taskDefinition(), current.tags(),
                Map.of("web", image("v2"))));
        String before = api.describeService(CLUSTER, SERVICE).orElseThrow().deployments().get(0).id();

        Service updated = api.updateService(CLUSTER, SERVICE, v2, true);

        assertEquals(v2, updated.taskDefinition());
        assertNotEquals(before, RolloutWatch.primary(updated).id());
    }

    @Test
    public void stoppedTasks_areTheDeploymentsOwnWithTheirReasons() {
        String deployment = api.describeService(CLUSTER, SERVICE).orElseThrow().deployments().get(0).id();
        ServiceFixtures.failTaskOf(clients, deployment, "Essential container in task exited");
        ServiceFixtures.failTaskOf(clients, deployment, "Essential container in task exited");
        ServiceFixtures.failTaskOf(clients, "ecs-svc/someone-else", "Scaling activity initiated");

        List<Task> stopped = api.stoppedTasks(CLUSTER, deployment, 20);

        assertEquals(2, stopped.size());
        List<String> lines = RootCause.stoppedTasks(stopped);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0), lines.get(0).matches("2 tasks \\([0-9a-f-]+, [0-9a-f-]+\\) stopped: Essential"
                + " container in task exited"));
        assertEquals(List.of(), api.stoppedTasks(CLUSTER, "ecs-svc/nobody", 20));
    }

    /**
     * moto 5.2.1 serves CloudWatch in its query protocol only, and this SDK's CloudWatch client speaks
     * Smithy RPC v2 CBOR: the call is checked against a client that answers as CloudWatch would.
     */
    @Test
    public void alarms_asksForTheNamedMetricAndCompositeAlarms_andReadsStatesAndReasons() {
        List<DescribeAlarmsRequest> asked = new ArrayList<>();
        CloudWatchClient cloudWatch = answering(asked, DescribeAlarmsResponse.builder()
                .metricAlarms(MetricAlarm.builder().alarmName("app-5xx").stateValue(StateValue.ALARM)
                        .stateReason("Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0).")
                        .build())
                .compositeAlarms(CompositeAlarm.builder().alarmName("app-health").stateValue(StateValue.OK)
                        .stateReason("fine").build())
                .build());
        EcsServiceApi withAlarms = new SdkEcsServiceApi(clients::ecs, region -> clients.ecr(), () -> cloudWatch);

        List<EcsServiceApi.AlarmState> states = withAlarms.alarms(List.of("app-5xx", "app-health"));

        assertEquals(List.of(new EcsServiceApi.AlarmState("app-5xx", "ALARM",
                        "Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0)."),
                new EcsServiceApi.AlarmState("app-health", "OK", "fine")), states);
        assertEquals(List.of("app-5xx", "app-health"), asked.get(0).alarmNames());
        assertEquals(List.of(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM), asked.get(0).alarmTypes());
        assertEquals(List.of(), withAlarms.alarms(List.of()));
        assertEquals("no names, no call", 1, asked.size());
    }

    /** A CloudWatch client whose describeAlarms records the request and gives {@code answer}; nothing else. */
    private static CloudWatchClient answering(List<DescribeAlarmsRequest> asked, DescribeAlarmsResponse answer) {
        return (CloudWatchClient) Proxy.newProxyInstance(CloudWatchClient.class.getClassLoader(),
                new Class<?>[] {CloudWatchClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("describeAlarms") && args != null && args.length == 1) {
                        DescribeAlarmsRequest request = args[0] instanceof DescribeAlarmsRequest r ? r
                                : describeAlarmsRequest(args[0]);
                        asked.add(request);
                        return answer;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static DescribeAlarmsRequest describeAlarmsRequest(Object consumer) {
        DescribeAlarmsRequest.Builder b = DescribeAlarmsRequest.builder();
        ((Consumer<DescribeAlarmsRequest.Builder>) consumer).accept(b);
        return b.build();
    }

    @Test
    public void describeImage_findsAPushedImage_andThrowsForMissingTagsAndRepositories() {
        String digest = ServiceFixtures.pushImage(clients, "v2");

        EcsServiceApi.PushedImage pushed = api.describeImage(ecr("app", "v2"));
        assertEquals(digest, pushed.digest());
        assertEquals(pushed, api.describeImage(new EcrImage(ACCOUNT, MotoServer.REGION, "app", null, digest)));

        assertThrows(ImageNotFoundException.class, () -> api.describeImage(ecr("app", "v9")));
        assertThrows(RepositoryNotFoundException.class, () -> api.describeImage(ecr("worker", "v1")));
    }

    @Test
    public void scanFindings_readsTheSeverityCounts_andThrowsForAnUnscannedImage() {
        assertThrows(ScanNotFoundException.class, () -> api.scanFindings(ecr("app", "v1")));

        ServiceFixtures.scan(clients, "v1", "COMPLETE", Map.of("CRITICAL", 1, "LOW", 4));
        EcsServiceApi.ScanReport report = api.scanFindings(ecr("app", "v1"));

        assertEquals("COMPLETE", report.status());
        assertEquals(Map.of("CRITICAL", 1, "LOW", 4), report.counts());
    }
}
