package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.runner.InvokerService;
import io.bakehouse.engine.runner.RunnerConfigLoader;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

public class EcsRunCommandTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private AwsClients clients;
    private String configText;
    private Path config;
    private TaskPlayer player;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        configText = RunnerFixtures.createRunnerResources(clients);
        config = tmp.newFile("runner.yaml").toPath();
        Files.writeString(config, configText, StandardCharsets.UTF_8);
        player = new TaskPlayer(clients);
    }

    @After
    public void restoreLambda() {
        EcsRunCommand.lambdaClients = AwsClients::lambda;
    }

    private TaskProgress awaitPlan() throws InterruptedException {
        return player.awaitStarted(RunnerFixtures.CLUSTER, "terraform", RunnerFixtures.LOG_GROUP, "runner");
    }

    private Thread playPlan(List<String> lines) {
        Thread t = new Thread(() -> {
            try {
                TaskProgress task = awaitPlan();
                player.write(task, lines);
                Thread.sleep(300);
                player.exit(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private CliRun run(Map<String, String> env, String... args) {
        return CliRun.run(env, CliRun.concat(new String[] {"ecs-run"}, args));
    }

    @Test
    public void config_endToEnd_streamsLogsToStdoutAndExitsWithContainerCode() {
        playPlan(List.of("Initializing...", "Plan: 2 to add, 0 to change, 0 to destroy."));

        CliRun r = run(MOTO.environment(), "--config", config.toString(), "--", "terraform-planner", "plan", "dev");

        assertEquals(r.toString(), 0, r.exitCode());
        assertTrue(r.out(), r.out().startsWith("Initializing...\nPlan: 2 to add, 0 to change, 0 to destroy.\n"));
        assertTrue(r.out(), r.out().contains("exited with code 0"));
        assertTrue(r.err(), r.err().contains("Started terraform-planner plan as task"));
        assertTrue(r.err(), r.err().contains("is STOPPED ("));
    }

    @Test
    public void config_jsonOutput_printsOneObjectOnStdoutAndLogsOnStderr() throws Exception {
        playPlan(List.of("hello from the task"));

        CliRun r = run(MOTO.environment(), "--config", config.toString(), "--output", "json", "--",
                "terraform-planner", "plan");

        assertEquals(r.toString(), 0, r.exitCode());
        JsonNode result = Json.mapper().readTree(r.out());
        assertEquals(0, result.get("exitCode").asInt());
        assertTrue(result.get("logStream").asText().startsWith("runner/terraform/"));
        assertEquals(RunnerFixtures.LOG_GROUP, result.get("logGroup").asText());
        assertTrue(result.get("taskArn").asText().contains(":task/"));
        assertTrue(r.err(), r.err().contains("hello from the task"));
    }

    /** The env for the CLI to reach moto through the proxy, whose DescribeTasks answer is canned. */
    private Map<String, String> viaProxy() {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.put("AWS_ENDPOINT_URL", proxy.endpoint());
        return env;
    }

    /**
     * Plays a plan whose container exits with {@code exitCode}, or stops before its container ran
     * when it is null: moto always reports 0, so DescribeTasks is answered through the proxy.
     */
    private void playStopped(String line, String stopCode, String reason, Integer exitCode) {
        Thread t = new Thread(() -> {
            try {
                TaskProgress task = awaitPlan();
                player.write(task, List.of(line));
                // The canned answer goes in before moto stops the task, so no poll can see moto's exit code 0.
                proxy.always("DescribeTasks", Fault.respond(200, "application/x-amz-json-1.1",
                        TaskPlayer.stoppedTaskJson(task, stopCode, reason, exitCode)));
                player.exit(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void playExit(String line, int exitCode) {
        playStopped(line, "EssentialContainerExited", "Essential container in task exited", exitCode);
    }

    @Test
    public void config_containerExitsNonZero_cliExitsWithThatCode_cannedDescribeTasksBecauseMotoReportsZero() {
        playExit("Error: invalid provider", 7);

        CliRun r = run(viaProxy(), "--config", config.toString(), "--", "terraform-planner", "plan");

        assertEquals(r.toString(), 7, r.exitCode());
        assertTrue(r.out(), r.out().contains("Error: invalid provider"));
    }

    @Test
    public void config_plannerExits2ChangesPending_cliExits2WithTheResultNotAUsageError() throws Exception {
        playExit("Plan: 1 to add, 0 to change, 0 to destroy.", 2);

        CliRun r = run(viaProxy(), "--config", config.toString(), "--output", "json", "--", "terraform-planner", "plan");

        assertEquals(r.toString(), 2, r.exitCode());
        assertEquals(2, Json.mapper().readTree(r.out()).get("exitCode").asInt());
        assertTrue(r.err(), r.err().contains("Plan: 1 to add"));
        assertTrue(r.err(), !r.err().contains("error:") && !r.err().contains("usage:"));
    }

    @Test
    public void config_returnStatus_exits0AndTheCodeIsInTheResult() throws Exception {
        playExit("Plan: 1 to add, 0 to change, 0 to destroy.", 2);

        CliRun r = run(viaProxy(), "--config", config.toString(), "--return-status", "--output", "json", "--",
                "terraform-planner", "plan");

        assertEquals(r.toString(), 0, r.exitCode());
        JsonNode result = Json.mapper().readTree(r.out());
        assertEquals(2, result.get("exitCode").asInt());
        assertTrue(result.get("taskArn").asText().contains(":task/"));
    }

    @Test
    public void config_returnStatus_text_exits0AndSaysTheCode() {
        playExit("done", 3);

        CliRun r = run(viaProxy(), "--config", config.toString(), "--return-status", "--", "terraform-planner", "plan");

        assertEquals(r.toString(), 0, r.exitCode());
        assertTrue(r.out(), r.out().contains("exited with code 3"));
    }

    @Test
    public void config_containerItselfExits126_passesThroughAndOnlyTheResultTellsItApart() throws Exception {
        playExit("sh: 1: terraform: Permission denied", 126);

        CliRun r = run(viaProxy(), "--config", config.toString(), "--output", "json", "--", "terraform-planner", "plan");

        assertEquals(r.toString(), 126, r.exitCode());
        assertEquals(126, Json.mapper().readTree(r.out()).get("exitCode").asInt());
    }

    @Test
    public void config_containerNeverRan_exits126WithEcssReasonAndNoResult() {
        playStopped("(no output)", "TaskFailedToStart", "CannotPullContainerError: pull access denied", null);

        CliRun r = run(viaProxy(), "--config", config.toString(), "--output", "json", "--", "terraform-planner", "plan");

        assertEquals(r.toString(), 126, r.exitCode());
        assertEquals("", r.out().trim());
        assertTrue(r.err(), r.err().contains("stopped before its container ran (TaskFailedToStart)"));
    }

    @Test
    public void config_taskCannotBeStarted_exits126_cannedRunTaskBecauseMotoHasNoCapacityLimits() {
        proxy.always("RunTask", Fault.respond(200, "application/x-amz-json-1.1",
                "{\"tasks\":[],\"failures\":[{\"arn\":\"x\",\"reason\":\"RESOURCE:MEMORY\"}]}"));

        CliRun r = run(viaProxy(), "--config", config.toString(), "--", "terraform-planner", "plan");

        assertEquals(r.toString(), 126, r.exitCode());
        assertTrue(r.err(), r.err().contains("ECS did not start terraform-planner plan: RESOURCE:MEMORY"));
    }

    @Test
    public void config_followingTheTaskFails_exits127AndStopsTheTask() throws Exception {
        proxy.always("DescribeTasks", Fault.awsError(400, "AccessDeniedException", "not authorized to DescribeTasks"));

        CliRun r = run(viaProxy(), "--config", config.toString(), "--", "terraform-planner", "plan");

        assertEquals(r.toString(), 127, r.exitCode());
        TaskProgress task = awaitPlan();
        assertEquals("STOPPED", clients.ecs().describeTasks(x -> x.cluster(task.cluster()).tasks(task.taskArn()))
                .tasks().get(0).lastStatus());
    }

    @Test
    public void config_maxWaitTimeReached_stopsTaskAndFails() throws Exception {
        CliRun r = run(MOTO.environment(), "--config", config.toString(), "--max-wait-time", "1s", "--",
                "terraform-planner", "plan");

        assertEquals(r.toString(), 127, r.exitCode());
        assertTrue(r.err(), r.err().contains("did not finish within 1s; it was stopped (StopTask)"));
        TaskProgress task = awaitPlan();
        assertEquals("STOPPED", clients.ecs().describeTasks(x -> x.cluster(task.cluster()).tasks(task.taskArn()))
                .tasks().get(0).lastStatus());
    }

    @Test
    public void config_processTerminated_stopsTheTaskBeforeExiting() throws Exception {
        // A real JVM running the real entry point, stopped as Ctrl-C or a CI abort would (SIGTERM).
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Bakehouse.class.getName(),
                "ecs-run", "--config", config.toString(), "--", "terraform-planner", "plan");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.newFile("cli.log"));
        builder.environment().putAll(MOTO.environment());
        Process cli = builder.start();
        TaskProgress task = awaitPlan();
        player.write(task, List.of("working..."));
        Thread.sleep(1500);

        cli.destroy();

        assertTrue("the CLI did not exit", cli.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        String output = Files.readString(tmp.getRoot().toPath().resolve("cli.log"));
        assertTrue(output, output.contains("working..."));
        assertTrue(output, output.contains("Stopped task " + task.taskArn()));
        software.amazon.awssdk.services.ecs.model.Task stopped = clients.ecs().describeTasks(x -> x
                .cluster(task.cluster()).tasks(task.taskArn())).tasks().get(0);
        assertEquals("STOPPED", stopped.lastStatus());
        assertEquals("interrupted (Ctrl-C or SIGTERM)", stopped.stoppedReason());
    }

    @Test
    public void check_printsTheApprovedCommandOrTheRefusal_andStartsNothing() throws Exception {
        CliRun ok = run(MOTO.environment(), "--config", config.toString(), "--check", "--output", "json", "--",
                "terraform-planner", "plan", "dev", "--", "eu");
        assertEquals(ok.err(), 0, ok.exitCode());
        JsonNode answer = Json.mapper().readTree(ok.out());
        assertEquals("[\"/usr/local/bin/plan\",\"--\",\"dev\",\"eu\"]", answer.get("command").toString());
        CliRun refused = run(MOTO.environment(), "--config", config.toString(), "--check", "--", "packer",
                "build-packer-artifact", "--ref=--upload-pack");
        assertEquals(125, refused.exitCode());
        assertTrue(refused.err(), refused.err().contains("starts with '-'"));
        assertTrue(clients.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns().isEmpty());
        assertEquals(125, run(MOTO.environment(), "--invoker", "f", "--check", "--", "packer", "x").exitCode());
    }

    @Test
    public void config_refusedArguments_exit125NamingTheOptionAndLaunchNothing() {
        CliRun r = run(MOTO.environment(), "--config", config.toString(), "--", "packer", "build-packer-artifact",
                "--exec", "sh");

        assertEquals(r.toString(), 125, r.exitCode());
        assertTrue(r.err(), r.err().contains("option --exec is not allowed for script 'build-packer-artifact'"));
        assertTrue(r.err(), r.err().contains("--describe-containers"));
        assertEquals(0, clients.ecs().listTasks(x -> x.cluster(RunnerFixtures.CLUSTER)).taskArns().size());
    }

    @Test
    public void usage_missingScriptOrGatekeeperOrBadOption_exit125NotAContainersCode() {
        assertEquals(125, run(MOTO.environment(), "--config", config.toString(), "--", "packer").exitCode());
        CliRun none = run(MOTO.environment(), "--", "packer", "x");
        assertEquals(none.toString(), 125, none.exitCode());
        // the engine's words, and the option they mean here
        assertTrue(none.err(), none.err().startsWith("error: invoker (or config) is required\n"));
        assertTrue(none.err(), none.err().contains("the parameter is --invoker here (bakehouse ecs-run --help)"));
        CliRun bad = run(MOTO.environment(), "--config", config.toString(), "--max-wait-time", "soon", "--", "a", "b");
        assertEquals(125, bad.exitCode());
        assertTrue(bad.err(), bad.err().contains("maxWaitTime 'soon' is not a duration"));
        CliRun unknown = run(MOTO.environment(), "--config", config.toString(), "--colour", "--", "a", "b");
        assertEquals(unknown.toString(), 125, unknown.exitCode());
        assertTrue(unknown.err(), unknown.err().contains("usage: bakehouse ecs-run"));
    }

    @Test
    public void config_invalidConfiguration_exit125NamingTheKey() throws Exception {
        Files.writeString(config, configText + "colour: blue\n");
        CliRun r = run(MOTO.environment(), "--config", config.toString(), "--", "terraform-planner", "plan");
        assertEquals(r.toString(), 125, r.exitCode());
        assertTrue(r.err(), r.err().contains("runner configuration key 'colour': unknown key"));
    }

    @Test
    public void describeContainers_text_listsScriptsAndTheirOptions() {
        CliRun r = run(MOTO.environment(), "--config", config.toString(), "--describe-containers");

        assertEquals(r.toString(), 0, r.exitCode());
        assertTrue(r.out(), r.out().contains("packer\n  build-packer-artifact: options --repo --ref --template-path --var; flags --force"));
        assertTrue(r.out(), r.out().contains("  plan: positional arguments"));
        assertTrue(r.out(), r.out().contains("  noargs: no arguments"));
    }

    private static final Path STANDARD_TEMPLATE = Path.of("..", "jenkins-docker", "deploy-runner", "standard-config.yaml");

    @Test
    public void describeContainers_standardTemplate_describesItWithNoRegionOrCredentials() throws Exception {
        CliRun text = run(Map.of(), "--config", STANDARD_TEMPLATE.toString(), "--describe-containers");

        assertEquals(text.toString(), 0, text.exitCode());
        assertTrue(text.out(), text.out().startsWith("A template: the deploy-runner stack fills in ${Cluster}, ${SubnetList},"));
        assertTrue(text.out(), text.out().contains("\nsmoke\n  smoke-check: options --environment --ami-id\n"
                + "    Check the arguments and report where the job runs; changes nothing\n"));
        assertTrue(text.out(), text.out().contains("max wait 2h"));

        CliRun json = run(Map.of(), "--config", STANDARD_TEMPLATE.toString(), "--describe-containers", "--output", "json");
        assertEquals(json.toString(), 0, json.exitCode());
        JsonNode described = Json.mapper().readTree(json.out());
        assertEquals("${Cluster}", described.at("/placeholders/0").asText());
        assertEquals("${InfraRepoUrl}",
                described.at("/containers/terraform-planner/scripts/plan/allowedRepos/0").asText());
        assertEquals("${TerraformPlannerTaskDefinition}", described.at("/containers/smoke/taskDefinition").asText());
    }

    @Test
    public void config_onePlaceholderLeft_refusedBeforeAnythingStarts() throws Exception {
        CliRun filled = run(MOTO.environment(), "--config", config.toString(), "--check", "--", "terraform-planner",
                "plan", "dev");
        assertEquals("the filled-in configuration approves the request: " + filled, 0, filled.exitCode());
        Path template = tmp.newFile("template.yaml").toPath();
        Files.writeString(template, configText.replace("    containerName: terraform\n",
                "    containerName: terraform\n    environment: {TF_WORKSPACE: ${Workspace}}\n"));

        for (String[] args : List.of(new String[] {"--", "terraform-planner", "plan", "dev"},
                new String[] {"--check", "--", "terraform-planner", "plan", "dev"})) {
            CliRun r = run(MOTO.environment(), CliRun.concat(new String[] {"--config", template.toString()}, args));
            assertEquals(r.toString(), 125, r.exitCode());
            assertTrue(r.err(), r.err().contains("runner configuration " + template + " is a template: ${Workspace}"
                    + " are not filled in, so nothing can run from it"));
        }
        assertTrue(clients.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns().isEmpty());
    }

    /** moto cannot invoke Lambda functions: the fake client hands the payload to the real invoker service. */
    private void fakeLambdaServingTheInvoker() {
        InvokerService service = new InvokerService(RunnerConfigLoader.parse(configText, "invoker"), clients.ecs(),
                Reporter.SILENT);
        EcsRunCommand.lambdaClients = c -> new LambdaClient() {
            @Override
            public InvokeResponse invoke(InvokeRequest request) {
                assertEquals("deploy-runner-invoker", request.functionName());
                String answer = service.handle(request.payload().asUtf8String());
                return InvokeResponse.builder().statusCode(200).payload(SdkBytes.fromUtf8String(answer)).build();
            }

            @Override
            public String serviceName() {
                return "lambda";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    public void invoker_fakeLambdaClient_startsThroughTheInvokerAndStreamsLogs() {
        fakeLambdaServingTheInvoker();
        playPlan(List.of("planned through the invoker"));

        CliRun r = run(MOTO.environment(), "--invoker", "deploy-runner-invoker", "--", "terraform-planner", "plan", "dev");

        assertEquals(r.toString(), 0, r.exitCode());
        assertTrue(r.out(), r.out().startsWith("planned through the invoker\n"));
        assertTrue(r.err(), r.err().contains("Asking deploy-runner-invoker to run terraform-planner plan"));
    }

    @Test
    public void invoker_fakeLambdaClient_refusalExits125() {
        fakeLambdaServingTheInvoker();

        CliRun r = run(MOTO.environment(), "--invoker", "deploy-runner-invoker", "--", "terraform-planner", "plan",
                "dev;reboot");

        assertEquals(r.toString(), 125, r.exitCode());
        assertTrue(r.err(), r.err().contains("does not match [a-z0-9/_-]+"));
    }

    @Test
    public void invoker_fakeLambdaClient_describeContainersAsJson() throws Exception {
        fakeLambdaServingTheInvoker();

        CliRun r = run(MOTO.environment(), "--invoker", "deploy-runner-invoker", "--describe-containers", "--output", "json");

        assertEquals(r.toString(), 0, r.exitCode());
        JsonNode json = Json.mapper().readTree(r.out());
        assertTrue(json.at("/containers/terraform-planner/scripts/plan/allowPositionalArgs").asBoolean());
        assertEquals("--repo", json.at("/containers/packer/scripts/build-packer-artifact/allowedOptions/0").asText());
    }

    @Test
    public void help_listsTheExitCodeTable() {
        CliRun r = run(Map.of(), "--help");

        assertEquals(r.toString(), 0, r.exitCode());
        for (String row : List.of("0-255  the container's exit code", "--return-status", "125    refused",
                "126    not run", "127    unfinished", "130    interrupted")) {
            assertTrue(row + " in " + r.out(), r.out().contains(row));
        }
    }

    @Test
    public void otherCommands_keepTheirUsageCode2() {
        assertEquals(2, CliRun.run(Map.of(), new String[] {"publish-ami-param", "--colour"}).exitCode());
    }

    @Test
    public void requestedBy_prefersTheCiBuild() {
        assertEquals("jenkins-app-7", EcsRunCommand.requestedBy(Map.of("BUILD_TAG", "jenkins-app-7", "USER", "ann")));
        assertEquals("user:ann", EcsRunCommand.requestedBy(Map.of("USER", "ann")));
        assertEquals("bakehouse-cli", EcsRunCommand.requestedBy(Map.of()));
    }
}
