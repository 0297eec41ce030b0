package io.bakehouse.engine.ecs;

import static io.bakehouse.testkit.ServiceFixtures.CLUSTER;
import static io.bakehouse.testkit.ServiceFixtures.SERVICE;
import static io.bakehouse.testkit.ServiceFixtures.SLOW_SERVICE;
import static io.bakehouse.testkit.ServiceFixtures.image;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.ServiceFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * ecsServiceDeploy against moto: real ECS, ECR and CloudWatch calls. moto judges no deployment:
 * started with {@link ServiceFixtures#RUNNING}, the deployments of {@link ServiceFixtures#SERVICE}
 * read COMPLETED and those of {@link ServiceFixtures#SLOW_SERVICE} stay IN_PROGRESS (for aborts
 * and timeouts). Failed rollouts, ECS's rollbacks and service events are in {@link ServiceRolloutTest}.
 */
public class ServiceDeployerTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer(ServiceFixtures.RUNNING);

    private final RecordingReporter reporter = new RecordingReporter();
    private AwsClients clients;
    private String v1;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        v1 = ServiceFixtures.create(clients);
    }

    /** The real deployer over the SDK, with quick polls and a short wait for rollbacks (moto's never settle). */
    private ServiceDeployer deployer() {
        return new ServiceDeployer(new ServiceDeployer.Settings(new SdkEcsServiceApi(clients::ecs,
                region -> clients.forRegion(region).ecr(), clients::cloudWatch), reporter, ServiceRolloutTest.FAST,
                Duration.ofMillis(100), s -> { }));
    }

    private static EcsServiceDeployRequest.Builder request(String service) {
        return EcsServiceDeployRequest.builder(CLUSTER, service);
    }

    private String serviceTaskDefinition(String service) {
        return clients.ecs().describeServices(r -> r.cluster(CLUSTER).services(service)).services().get(0)
                .taskDefinition();
    }

    private List<String> taskDefinitions() {
        return clients.ecs().listTaskDefinitions(r -> r.familyPrefix("app")).taskDefinitionArns();
    }

    private void assertNothingChanged() {
        assertEquals(v1, serviceTaskDefinition(SERVICE));
        assertEquals(List.of(v1), taskDefinitions());
    }

    @Test
    public void deploy_newEcrImage_registersARevisionDifferingOnlyInTheImageAndCompletes() {
        EcsServiceDeployResult result = ServiceDeployer.of(clients, reporter)
                .deploy(request(SERVICE).image(image("v2")).build(), new CancelToken());

        String v2 = v1.replace("app:1", "app:2");
        assertEquals(v2, result.taskDefinitionArn());
        assertEquals(v1, result.previousTaskDefinitionArn());
        assertEquals("COMPLETED", result.rolloutState());
        assertEquals(Integer.valueOf(1), result.runningCount());
        assertTrue(result.deploymentId().startsWith("ecs-svc/"));
        assertEquals(image("v2"), result.images().get("web"));
        assertEquals(List.of("web", "log-router"), List.copyOf(result.images().keySet()));
        assertFalse(result.noChanges());
        assertEquals(v2, serviceTaskDefinition(SERVICE));

        DescribeTaskDefinitionResponse before = describe(v1);
        DescribeTaskDefinitionResponse after = describe(v2);
        assertEquals(before.tags(), after.tags());
        TaskDefinition o = before.taskDefinition();
        TaskDefinition n = after.taskDefinition();
        assertEquals(o.containerDefinitions().get(0).toBuilder().image(image("v2")).build(),
                n.containerDefinitions().get(0));
        assertEquals(o.containerDefinitions().get(1), n.containerDefinitions().get(1));
        assertEquals(o.toBuilder().taskDefinitionArn(v2).revision(2).containerDefinitions(n.containerDefinitions())
                .build(), n);
        assertTrue(reporter.text(), reporter.contains("progress:   web: " + image("v1") + " -> " + image("v2")));
        assertTrue(reporter.text(), reporter.contains("Registered task definition app:2 (app:1 with the new image)"));
        assertTrue(reporter.text(), reporter.contains("ECR image app:v2: sha256:"));
    }

    private DescribeTaskDefinitionResponse describe(String arn) {
        return clients.ecs().describeTaskDefinition(r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS));
    }

    @Test
    public void deploy_theRunningImage_isNoChangesAndRegistersNothing() {
        EcsServiceDeployResult result = deployer().deploy(request(SERVICE).images(Map.of("web", image("v1"))).build(),
                new CancelToken());

        assertTrue(result.noChanges());
        assertEquals(v1, result.taskDefinitionArn());
        assertEquals(v1, result.previousTaskDefinitionArn());
        assertEquals("COMPLETED", result.rolloutState());
        assertNothingChanged();
    }

    @Test
    public void forceNewDeployment_ofTheRunningImage_startsANewDeploymentOfTheSameRevision() {
        String before = clients.ecs().describeServices(r -> r.cluster(CLUSTER).services(SERVICE)).services().get(0)
                .deployments().get(0).id();

        EcsServiceDeployResult result = deployer().deploy(request(SERVICE).image(image("v1")).forceNewDeployment(true)
                .build(), new CancelToken());

        assertFalse(result.noChanges());
        assertNotEquals(before, result.deploymentId());
        assertEquals(v1, result.taskDefinitionArn());
        assertNothingChanged();
    }

    @Test
    public void unknownCluster_isAUsageErrorAndChangesNothing() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> deployer().deploy(
                EcsServiceDeployRequest.builder("staging", SERVICE).image(image("v2")).build(), new CancelToken()));

        assertEquals("cluster", e.field());
        assertEquals("cluster staging does not exist", e.getMessage());
        assertNothingChanged();
    }

    @Test
    public void unknownService_isAUsageErrorAndChangesNothing() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> deployer().deploy(
                request("worker").image(image("v2")).build(), new CancelToken()));

        assertEquals("service", e.field());
        assertEquals("cluster prod has no active service worker", e.getMessage());
        assertNothingChanged();
    }

    @Test
    public void containerTheTaskDefinitionLacks_isAUsageErrorAndChangesNothing() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> deployer().deploy(
                request(SERVICE).images(Map.of("worker", image("v2"))).build(), new CancelToken()));

        assertEquals("images", e.field());
        assertEquals("task definition app:1 has no container 'worker'", e.getMessage());
        assertEquals("its containers: web, log-router", e.hint());
        assertNothingChanged();
    }

    @Test
    public void ecrImageThatDoesNotExist_isAUsageErrorAndChangesNothing() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> deployer().deploy(
                request(SERVICE).image(image("v9")).build(), new CancelToken()));

        assertEquals("image", e.field());
        assertEquals("image " + image("v9") + " does not exist: ECR repository app has no image tagged v9",
                e.getMessage());
        assertNothingChanged();
    }

    @Test
    public void ecrRepositoryThatDoesNotExist_isAUsageErrorAndChangesNothing() {
        String other = ServiceFixtures.REGISTRY + "/worker:v1";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> deployer().deploy(
                request(SERVICE).images(Map.of("web", other)).build(), new CancelToken()));

        assertEquals("images", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("ECR repository worker does not exist in registry "
                + ServiceFixtures.ACCOUNT + " (us-east-1)"));
        assertNothingChanged();
    }

    @Test
    public void scanOverTheLimits_isRefusedWithTheTableAndChangesNothing() {
        ServiceFixtures.scan(clients, "v2", "COMPLETE", Map.of("CRITICAL", 0, "HIGH", 2, "MEDIUM", 7));

        ScanRefusedException e = assertThrows(ScanRefusedException.class, () -> deployer().deploy(
                request(SERVICE).image(image("v2")).maxFindings("CRITICAL=0,HIGH=0").build(), new CancelToken()));

        assertEquals("Refused ECR image app:v2: its scan found 2 HIGH (maxFindings CRITICAL=0,HIGH=0); nothing was"
                + " changed", e.getMessage());
        assertEquals(List.of("HIGH"), e.exceeded());
        assertTrue(reporter.text(), reporter.text().contains(String.join("\n",
                "progress: Scan of app:v2 (COMPLETE):",
                "progress:   Severity  Findings  Allowed",
                "progress:   --------  --------  -------",
                "progress:   CRITICAL  0         0",
                "progress:   HIGH      2         0",
                "progress:   MEDIUM    7         -")));
        assertNothingChanged();
    }

    @Test
    public void scanWithinTheLimits_deploys() {
        ServiceFixtures.scan(clients, "v2", "COMPLETE", Map.of("HIGH", 1));

        EcsServiceDeployResult result = deployer().deploy(request(SERVICE).image(image("v2"))
                .maxFindings("CRITICAL=0,HIGH=1").build(), new CancelToken());

        assertEquals("COMPLETED", result.rolloutState());
        assertTrue(reporter.text(), reporter.contains("progress:   HIGH      1         1"));
    }

    @Test
    public void unscannedImage_isReportedWithoutLimits_andRefusedWithThem() {
        EcsServiceDeployResult result = deployer().deploy(request(SERVICE).image(image("v2")).build(), new CancelToken());
        assertEquals("COMPLETED", result.rolloutState());
        assertTrue(reporter.text(), reporter.contains("warn: ECR image app:v2 has not been scanned"));

        ServiceFixtures.pushImage(clients, "v3");
        ScanRefusedException e = assertThrows(ScanRefusedException.class, () -> deployer().deploy(
                request(SERVICE).image(image("v3")).maxFindings("CRITICAL=0").build(), new CancelToken()));
        assertTrue(e.getMessage(), e.getMessage().startsWith("ECR image app:v3 has not been scanned, so maxFindings"
                + " CRITICAL=0 cannot be checked"));
        assertTrue(e.hint(), e.hint().contains("aws ecr start-image-scan --repository-name app --image-id imageTag=v3"));
    }

    @Test
    public void abort_midRollout_pointsTheServiceBackAtThePreviousRevision() {
        CancelToken cancel = new CancelToken();
        reporter.onProgress(line -> {
            if (line.contains("IN_PROGRESS")) {
                cancel.cancel("aborted");
            }
        });

        CancelledException e = assertThrows(CancelledException.class, () -> deployer().deploy(
                request(SLOW_SERVICE).image(image("v2")).build(), cancel));

        assertTrue(e.getMessage(), e.getMessage().contains("was interrupted: rolled back to app:1 (deployment ecs-svc/"));
        assertEquals(v1, serviceTaskDefinition(SLOW_SERVICE));
        assertEquals("the new revision stays registered (ECS may still be draining its tasks)", 2,
                taskDefinitions().size());
    }

    @Test
    public void timeout_rollsTheServiceBackAndFails() {
        BakehouseException e = assertThrows(BakehouseException.class, () -> deployer().deploy(
                request(SLOW_SERVICE).image(image("v2")).timeout(Duration.ofMillis(200)).build(), new CancelToken()));

        assertFalse(e instanceof CancelledException);
        assertTrue(e.getMessage(), e.getMessage().contains("did not complete within 0s (IN_PROGRESS, 1 of 2 running);"
                + " rolled back to app:1"));
        assertEquals(v1, serviceTaskDefinition(SLOW_SERVICE));
    }
}
