package io.bakehouse.cli;

import static io.bakehouse.testkit.ServiceFixtures.CLUSTER;
import static io.bakehouse.testkit.ServiceFixtures.SERVICE;
import static io.bakehouse.testkit.ServiceFixtures.SLOW_SERVICE;
import static io.bakehouse.testkit.ServiceFixtures.image;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.ServiceFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * bakehouse ecs-service-deploy against moto, whose deployments of {@link ServiceFixtures#SERVICE}
 * read COMPLETED and those of {@link ServiceFixtures#SLOW_SERVICE} stay IN_PROGRESS. What ECS
 * decides and moto cannot (a failed rollout and its rollback, a rollback that completes) is
 * answered through the proxy in ECS's own words: DescribeServices as ECS would answer it then.
 */
public class EcsServiceDeployCommandTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer(ServiceFixtures.RUNNING);

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static final ObjectMapper JSON = new ObjectMapper();
    private AwsClients clients;
    private String v1;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        v1 = ServiceFixtures.create(clients);
    }

    private static CliRun deploy(Map<String, String> env, String... args) {
        return CliRun.run(env, CliRun.concat(new String[] {"ecs-service-deploy", "--cluster", CLUSTER}, args));
    }

    private CliRun deploy(String... args) {
        return deploy(MOTO.environment(), args);
    }

    private Map<String, String> viaProxy() {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.put("AWS_ENDPOINT_URL", proxy.endpoint());
        return env;
    }

    private String taskDefinitionOf(String service) {
        return clients.ecs().describeServices(r -> r.cluster(CLUSTER).services(service)).services().get(0)
                .taskDefinition();
    }

    private String deploymentOf(String service) {
        return clients.ecs().describeServices(r -> r.cluster(CLUSTER).services(service)).services().get(0)
                .deployments().get(0).id();
    }

    @Test
    public void deploy_thenTheSameAgain_jsonResultsFollowTheStepContract() throws Exception {
        CliRun first = deploy("--service", SERVICE, "--image", image("v2"), "--output", "json");

        assertEquals(first.toString(), 0, first.exitCode());
        JsonNode result = JSON.readTree(first.out());
        List<String> keys = new ArrayList<>();
        result.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("taskDefinitionArn", "previousTaskDefinitionArn", "deploymentId", "rolloutState",
                "runningCount", "images", "noChanges"), keys);
        assertEquals(v1.replace("app:1", "app:2"), result.get("taskDefinitionArn").asText());
        assertEquals(v1, result.get("previousTaskDefinitionArn").asText());
        assertEquals(deploymentOf(SERVICE), result.get("deploymentId").asText());
        assertEquals("COMPLETED", result.get("rolloutState").asText());
        assertEquals(1, result.get("runningCount").asInt());
        assertEquals(image("v2"), result.get("images").get("web").asText());
        assertFalse(result.get("noChanges").asBoolean());
        assertTrue(first.err(), first.err().contains("Registered task definition app:2"));

        CliRun second = deploy("--service", SERVICE, "--images", "web=" + image("v2"), "--output", "json");

        assertEquals(second.toString(), 0, second.exitCode());
        assertTrue(JSON.readTree(second.out()).get("noChanges").asBoolean());
    }

    @Test
    public void textOutput_summarisesTheDeploymentAndTheImages() {
        CliRun run = deploy("--service", SERVICE, "--image", image("v2"));

        assertEquals(run.toString(), 0, run.exitCode());
        assertEquals("app: deployment " + deploymentOf(SERVICE) + " COMPLETED, app:2 (1 running)\n"
                + "  web = " + image("v2") + "\n"
                + "  log-router = public.ecr.aws/aws-observability/aws-for-fluent-bit:stable\n", run.out());
    }

    @Test
    public void report_writesTheDeploymentsHtmlReportAndSaysWhere() throws Exception {
        Path page = tmp.getRoot().toPath().resolve("reports/ecs.html");

        CliRun run = deploy("--service", SERVICE, "--image", image("v2"), "--report", page.toString());

        assertEquals(run.toString(), 0, run.exitCode());
        assertTrue(run.err(), run.err().contains("Wrote the deployment report to " + page));
        String html = Files.readString(page);
        assertTrue(html, html.contains("<h1 id=\"title\">app</h1>"));
        assertTrue(html, html.contains("class=\"status good\">COMPLETED</span>"));
        assertTrue(html, html.contains("<tr><th>Rolled out</th><td>" + v1.replace("app:1", "app:2") + "</td></tr>"));
        // moto keeps the service's first deployment through an update (still naming app:1) and marks it COMPLETED
        assertTrue(html, html.contains("Deployment " + deploymentOf(SERVICE) + " (app:1) COMPLETED: 1 of 1 running"));
    }

    @Test
    public void report_aDirectory_isAUsageErrorAndNothingChanges() {
        CliRun run = deploy("--service", SERVICE, "--image", image("v2"), "--report", tmp.getRoot().toString());

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err(), run.err().contains("is a directory"));
        assertEquals(v1, taskDefinitionOf(SERVICE));
    }

    @Test
    public void badInputs_exitTwoNamingTheOptionAndChangeNothing() {
        String[][] cases = {
                {"--service", "worker", "--image", image("v2")},
                {"--service", SERVICE, "--images", "worker=" + image("v2")},
                {"--service", SERVICE, "--image", "App:V2"},
                {"--service", SERVICE, "--image", image("v9")},
                {"--service", SERVICE, "--image", image("v2"), "--images", "web=" + image("v2")},
                {"--service", SERVICE, "--image", image("v2"), "--max-findings", "SEVERE=0"},
                {"--service", SERVICE, "--image", image("v2"), "--timeout", "soon"}};
        String[] options = {"--service", "--images", "--image", "--image", "--images", "--max-findings", "--timeout"};
        for (int i = 0; i < cases.length; i++) {
            CliRun run = deploy(cases[i]);

            assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
            assertTrue(run.toString(), run.err().contains("hint: the parameter is " + options[i] + " here"));
        }
        CliRun cluster = CliRun.run(MOTO.environment(), "ecs-service-deploy", "--cluster", "staging", "--service",
                SERVICE, "--image", image("v2"));
        assertEquals(cluster.toString(), ExitCodes.USAGE, cluster.exitCode());
        assertTrue(cluster.err(), cluster.err().startsWith("error: cluster staging does not exist\n"));
        assertEquals(v1, taskDefinitionOf(SERVICE));
        assertEquals(List.of(v1), clients.ecs().listTaskDefinitions().taskDefinitionArns());
    }

    @Test
    public void scanOverTheLimits_exitsOneWithTheTableAndChangesNothing() {
        ServiceFixtures.scan(clients, "v2", "COMPLETE", Map.of("CRITICAL", 1));

        CliRun run = deploy("--service", SERVICE, "--image", image("v2"), "--max-findings", "CRITICAL=0,HIGH=0");

        assertEquals(run.toString(), ExitCodes.FAILURE, run.exitCode());
        assertTrue(run.err(), run.err().contains("CRITICAL  1         0"));
        assertTrue(run.err(), run.err().contains("error: Refused ECR image app:v2: its scan found 1 CRITICAL"));
        assertEquals(v1, taskDefinitionOf(SERVICE));
    }

    @Test
    public void failedRollout_exitsOneWithTheRootCauseAndEcsRollback() {
        String ours = deploymentOf(SERVICE);
        ServiceFixtures.failTaskOf(clients, ours, "CannotPullContainerError: pull image manifest has been retried");
        String v2 = v1.replace("app:1", "app:2");
        proxy.always(r -> "DescribeServices".equals(r.action()) && proxy.requests("UpdateService") > 0,
                Fault.respond(200, "application/x-amz-json-1.1", servicesJson(SERVICE, v1, true,
                        deployment("ecs-svc/7000000000000000001", "PRIMARY", v1, "COMPLETED", null, 1),
                        deployment(ours, "ACTIVE", v2, "FAILED", "ECS deployment circuit breaker: tasks failed to start.",
                                0))));

        CliRun run = deploy(viaProxy(), "--service", SERVICE, "--image", image("v2"));

        assertEquals(run.toString(), ExitCodes.FAILURE, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: Deployment " + ours + " of service app FAILED: ECS deployment"
                + " circuit breaker: tasks failed to start. Root cause: task "));
        assertTrue(run.err(), run.err().contains("stopped: CannotPullContainerError: pull image manifest has been"
                + " retried. ECS rolled back to app:1 (deployment ecs-svc/7000000000000000001), which completed"));
        assertEquals("ECS rolled back, not us", 1, proxy.requests("UpdateService"));
    }

    @Test
    public void timeout_rollsTheServiceBackAndExitsOne() {
        String ours = deploymentOf(SLOW_SERVICE);
        proxy.always(r -> "DescribeServices".equals(r.action()) && proxy.requests("UpdateService") > 1,
                Fault.respond(200, "application/x-amz-json-1.1", servicesJson(SLOW_SERVICE, v1, true,
                        deployment(ours, "PRIMARY", v1, "COMPLETED", null, 2))));

        CliRun run = deploy(viaProxy(), "--service", SLOW_SERVICE, "--image", image("v2"), "--timeout", "2s");

        assertEquals(run.toString(), ExitCodes.FAILURE, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: Deployment " + ours + " of service app-slow did not complete"
                + " within 2s (IN_PROGRESS, 1 of 2 running); rolled back to app:1 (deployment " + ours
                + "), which completed"));
        assertEquals(v1, taskDefinitionOf(SLOW_SERVICE));
    }

    @Test
    public void sigintMidRollout_rollsTheServiceBackAndExits130() throws Exception {
        String ours = deploymentOf(SLOW_SERVICE);
        proxy.always(r -> "DescribeServices".equals(r.action()) && proxy.requests("UpdateService") > 1,
                Fault.respond(200, "application/x-amz-json-1.1", servicesJson(SLOW_SERVICE, v1, true,
                        deployment(ours, "PRIMARY", v1, "COMPLETED", null, 2))));
        Path out = tmp.getRoot().toPath().resolve("out.txt");
        // A JVM started in the background ignores SIGINT; start the CLI as a terminal would.
        ProcessBuilder pb = new ProcessBuilder("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Bakehouse.class.getName(),
                "ecs-service-deploy", "--cluster", CLUSTER, "--service", SLOW_SERVICE, "--image", image("v2"))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(viaProxy());
        Process cli = pb.start();
        long until = System.currentTimeMillis() + 60_000;
        while (proxy.requests("UpdateService") == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertTrue(Files.readString(out), proxy.requests("UpdateService") == 1);

        new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid())).start().waitFor();

        assertTrue("the command did not end", cli.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(out);
        assertEquals(text, ExitCodes.INTERRUPTED, cli.exitValue());
        assertTrue(text, text.contains("was interrupted: rolled back to app:1 (deployment " + ours + "), which completed"));
        assertEquals(v1, taskDefinitionOf(SLOW_SERVICE));
    }

    @Test
    public void help_showsAnExampleAndTheExitCodes() {
        CliRun run = CliRun.run(Map.of(), "ecs-service-deploy", "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out(), run.out().contains("bakehouse ecs-service-deploy --cluster app-prod --service app"));
        assertTrue(run.out(), run.out().contains("--max-findings=SEVERITY=N[,...]"));
        assertTrue(run.out(), run.out().contains("130  interrupted"));
        assertTrue(CliRun.run(Map.of(), "--help").out().contains("ecs-service-deploy"));
    }

    /** A deployment as ECS's DescribeServices lists it. */
    private static String deployment(String id, String status, String taskDefinition, String rollout, String reason,
                                     int running) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"taskDefinition\":\"" + taskDefinition + "\","
                + "\"desiredCount\":" + Math.max(running, 1) + ",\"runningCount\":" + running + ",\"pendingCount\":0,"
                + "\"failedTasks\":0,\"rolloutState\":\"" + rollout + "\""
                + (reason == null ? "" : ",\"rolloutStateReason\":\"" + reason + "\"") + "}";
    }

    /** ECS's DescribeServices answer for one service with these deployments and the circuit breaker on. */
    private static String servicesJson(String service, String taskDefinition, boolean rollback, String... deployments) {
        return "{\"services\":[{\"serviceName\":\"" + service + "\",\"status\":\"ACTIVE\",\"taskDefinition\":\""
                + taskDefinition + "\",\"desiredCount\":1,\"runningCount\":1,\"deploymentController\":{\"type\":\"ECS\"},"
                + "\"deploymentConfiguration\":{\"deploymentCircuitBreaker\":{\"enable\":true,\"rollback\":" + rollback
                + "}},\"deployments\":[" + String.join(",", deployments) + "],\"events\":[]}],\"failures\":[]}";
    }
}
