package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.harness.LibraryUnderTest;
import io.bakehouse.harness.PipelineFailure;
import io.bakehouse.harness.PipelineHarness;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.CommandLineSampler;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The vars end to end: their {@code sh} runs through bash, the real launcher
 * {@code bin/bakehouse} runs the CLI built in this reactor ({@code cli/target/bakehouse.jar}),
 * and the CLI talks to a moto server on loopback with keys bound from a Jenkins credential.
 * Each step that the CLI implements gets its test here through {@link #step}.
 */
public class LibraryEndToEndTest {

    private static final String PARAMETER = "/DeploymentConfig/dev/App/AmiId";

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        Path root = PipelineHarness.repositoryRoot();
        Path jar = root.resolve("cli/target/bakehouse.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: build the reactor (mvn -B verify), which packages the CLI first");
        }
        library.harness().env().put("BAKEHOUSE_CLI", root.resolve("bin/bakehouse").toString());
        library.harness().env().put("BAKEHOUSE_JAR", jar.toString());
        // The CLI reads no AWS files of the machine and never asks an instance metadata service.
        Path none = library.newFolder("no-aws-files").resolve("none");
        library.harness().env().put("AWS_CONFIG_FILE", none.toString());
        library.harness().env().put("AWS_SHARED_CREDENTIALS_FILE", none.toString());
        library.harness().env().put("AWS_EC2_METADATA_DISABLED", "true");
        library.harness().addUsernamePassword("moto", MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY);
    }

    @Test
    public void publishAmiParam_newParameter_writesItAndReturnsTheCliResult() {
        String ami = AwsFixtures.createAmi(MOTO.clients(), "app-1");
        Map<?, ?> result = step("publishAmiParam", args("name", PARAMETER, "amiId", ami, "labels", List.of("build-42")));
        assertEquals(PARAMETER, result.get("name"));
        assertEquals(MotoServer.REGION, result.get("region"));
        assertEquals(ami, result.get("amiId"));
        assertEquals(1, result.get("version"));
        assertEquals(true, result.get("changed"));
        assertEquals(null, result.get("previousValue"));
        assertEquals(ami, MOTO.clients().ssm().getParameter(r -> r.name(PARAMETER)).parameter().value());
    }

    @Test
    public void publishAmiParam_sameValueAgain_changesNothing() {
        String ami = AwsFixtures.createAmi(MOTO.clients(), "app-1");
        step("publishAmiParam", args("name", PARAMETER, "amiId", ami));
        Map<?, ?> again = step("publishAmiParam", args("name", PARAMETER, "amiId", ami));
        assertEquals(false, again.get("changed"));
        assertEquals(1, again.get("version"));
    }

    @Test
    public void publishAmiParam_missingAmi_failsTheStepAndWritesNothing() {
        String message = failure("publishAmiParam", args("name", PARAMETER, "amiId", "ami-0123456789abcdef0"));
        assertEquals("publishAmiParam: failed (bakehouse exit code 1): the reason is in the messages above", message);
        assertTrue(library.harness().log(), library.harness().log().contains("ami-0123456789abcdef0"));
        try {
            MOTO.clients().ssm().getParameter(r -> r.name(PARAMETER));
            fail("the parameter was written");
        } catch (ParameterNotFoundException expected) {
            // nothing half-done
        }
    }

    @Test
    public void publishAmiParam_valueTheCliRejects_failsAsUsageError() {
        String message = failure("publishAmiParam", args("name", PARAMETER, "amiId", "ami-1", "tier", "Bogus"));
        assertTrue(message, message.startsWith("publishAmiParam: the bakehouse CLI rejected the arguments (exit code 2"));
    }

    private static final String STACK_TEMPLATE = String.join("\n",
            "Parameters:",
            "  VpcId:",
            "    Type: String",
            "  Environment:",
            "    Type: String",
            "Resources:",
            "  Marker:",
            "    Type: AWS::SSM::Parameter",
            "    Properties:",
            "      Name: !Sub \"/app/${Environment}/vpc\"",
            "      Type: String",
            "      Value: !Ref VpcId",
            "  Queue:",
            "    Type: AWS::SQS::Queue",
            "Outputs:",
            "  QueueUrl:",
            "    Value: !Ref Queue",
            "");

    @Test
    public void cfnDeploy_paramsFileWithSsmValue_createsTheStackAndReturnsTheCliResult() throws IOException {
        MOTO.clients().ssm().putParameter(r -> r.name("/DeploymentConfig/dev/Network/VpcId")
                .type(ParameterType.STRING).value("vpc-0abc1234"));
        Path workspace = library.harness().workspace();
        Files.writeString(workspace.resolve("app.yaml"), STACK_TEMPLATE, StandardCharsets.UTF_8);
        Files.writeString(workspace.resolve("dev.json"), "[{\"ParameterKey\": \"VpcId\", \"ParameterValue\":"
                + " \"ssm:/DeploymentConfig/dev/Network/VpcId\"}]", StandardCharsets.UTF_8);

        Map<?, ?> result = step("cfnDeploy", args("stack", "app-dev", "template", workspace.resolve("app.yaml").toString(),
                "paramsFile", workspace.resolve("dev.json").toString(), "params", Map.of("Environment", "dev"),
                "tags", Map.of("env", "dev"), "timeout", "10m"));

        assertEquals("CREATE_COMPLETE", result.get("status"));
        assertEquals("app-dev", result.get("stack"));
        assertEquals(false, result.get("noChanges"));
        assertEquals(true, result.get("executed"));
        assertTrue(String.valueOf(result.get("stackId")), String.valueOf(result.get("stackId")).contains(":stack/app-dev/"));
        // moto gives a stack created through a change set no outputs; the key is there all the same.
        assertTrue(String.valueOf(result), result.get("outputs") instanceof Map);
        assertFalse(((List<?>) result.get("events")).isEmpty());
        assertEquals("vpc-0abc1234", MOTO.clients().ssm().getParameter(r -> r.name("/app/dev/vpc")).parameter().value());
        assertTrue(library.harness().log(),
                library.harness().log().contains("Parameter VpcId = vpc-0abc1234 (from SSM /DeploymentConfig/dev/Network/VpcId)"));
    }

    @Test
    public void cfnDeploy_missingSsmParameter_failsAsUsageErrorAndCreatesNothing() throws IOException {
        Path template = library.harness().workspace().resolve("app.yaml");
        Files.writeString(template, STACK_TEMPLATE, StandardCharsets.UTF_8);

        String message = failure("cfnDeploy", args("stack", "app-dev", "template", template.toString(),
                "params", Map.of("Environment", "dev", "VpcId", "ssm:/DeploymentConfig/dev/Network/VpcId")));

        assertTrue(message, message.startsWith("cfnDeploy: the bakehouse CLI rejected the arguments (exit code 2"));
        assertTrue(library.harness().log(), library.harness().log().contains("SSM parameter"
                + " /DeploymentConfig/dev/Network/VpcId (for stack parameter VpcId) does not exist"));
        assertTrue(MOTO.clients().cloudFormation().listStacks().stackSummaries().isEmpty());
    }

    @Test
    public void packerBuild_localTemplate_bakesAnAmiWithTheSecretMaskedAndReturnsTheCliResult() throws Exception {
        Path dir = library.newFolder("bake");
        try (InputStream in = MotoServer.class.getResourceAsStream("/io/bakehouse/engine/packer/local-bake.pkr.hcl")) {
            if (in == null) {
                throw new AssertionError("the engine test-jar has no local-bake.pkr.hcl");
            }
            Files.copy(in, dir.resolve("local-bake.pkr.hcl"));
        }
        String password = "pa55-canary-" + java.util.UUID.randomUUID();
        library.harness().addString("db-password", password);
        CommandLineSampler commandLines = new CommandLineSampler();
        commandLines.start();

        Map<?, ?> result;
        try {
            result = step("packerBuild", args("template", dir.resolve("local-bake.pkr.hcl").toString(),
                    "vars", Map.of("ec2_endpoint", MOTO.endpoint(), "ami_name", "library-e2e"),
                    "sensitiveVars", Map.of("db_password", "db-password"), "workingDir", dir.toString(),
                    "timeout", "15m"));
        } finally {
            commandLines.stop();
        }

        String ami = (String) result.get("amiId");
        assertTrue(String.valueOf(ami), ami != null && ami.startsWith("ami-"));
        assertEquals(Map.of(MotoServer.REGION, ami), result.get("amis"));
        assertEquals(false, result.get("reused"));
        assertTrue(String.valueOf(result.get("bakeKey")), String.valueOf(result.get("bakeKey")).matches("[0-9a-f]{64}"));
        Map<?, ?> artifact = (Map<?, ?>) ((List<?>) result.get("artifacts")).get(0);
        assertEquals("amazon-ebs", artifact.get("builderType"));
        Image image = MOTO.clients().ec2().describeImages(r -> r.imageIds(ami)).images().get(0);
        assertTrue(image.tags().stream().anyMatch(t -> t.key().equals("PasswordLength")
                && t.value().equals(String.valueOf(password.length()))));
        assertFalse(library.harness().log().contains(password));
        assertFalse(result.toString(), result.toString().contains(password));
        // the CLI and Packer ran while the sampler looked; no process had the secret on its command line
        assertTrue(commandLines.seen().toString(), commandLines.seen().stream()
                .anyMatch(c -> c.contains("bakehouse") && c.contains("packer-build")));
        assertTrue(commandLines.seen().toString(), commandLines.seen().stream()
                .anyMatch(c -> c.contains("packer") && c.contains(" build ")));
        assertEquals(List.of(), commandLines.seen().stream().filter(c -> c.contains(password)).toList());

    }

    @Test
    public void ecsDeployRunner_config_runsTheTaskStreamsItsLogAndReturnsTheCliResult() throws Exception {
        Path config = library.harness().workspace().resolve("runner.yaml");
        Files.writeString(config, RunnerFixtures.createRunnerResources(MOTO.clients()), StandardCharsets.UTF_8);
        TaskPlayer player = new TaskPlayer(MOTO.clients());
        Thread play = new Thread(() -> {
            try {
                TaskProgress task = player.awaitStarted(RunnerFixtures.CLUSTER, "terraform", RunnerFixtures.LOG_GROUP, "runner");
                player.write(task, List.of("Initializing...", "Plan: 1 to add, 0 to change, 0 to destroy."));
                Thread.sleep(300);
                player.exit(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "task-player");
        play.setDaemon(true);
        play.start();

        Map<?, ?> result = step("ecsDeployRunner", args("container", "terraform-planner", "script", "plan",
                "args", List.of("envs/dev"), "config", config.toString(), "maxWaitTime", "5m"));

        assertEquals(0, result.get("exitCode"));
        assertTrue(String.valueOf(result.get("taskArn")), String.valueOf(result.get("taskArn")).contains(":task/"));
        assertEquals(RunnerFixtures.LOG_GROUP, result.get("logGroup"));
        assertTrue(String.valueOf(result.get("logStream")), String.valueOf(result.get("logStream")).startsWith("runner/terraform/"));
        assertTrue(result.containsKey("stopCode"));
        assertTrue(result.containsKey("stoppedReason"));
        assertTrue(library.harness().log(), library.harness().log().contains("Plan: 1 to add, 0 to change, 0 to destroy."));
    }

    @Test
    public void ecsDeployRunner_scriptNotAllowed_failsAsUsageErrorAndStartsNoTask() throws IOException {
        Path config = library.harness().workspace().resolve("runner.yaml");
        Files.writeString(config, RunnerFixtures.createRunnerResources(MOTO.clients()), StandardCharsets.UTF_8);

        String message = failure("ecsDeployRunner", args("container", "terraform-planner", "script", "apply",
                "config", config.toString()));

        assertTrue(message, message.startsWith("ecsDeployRunner: the request was refused (ecs-run exit code 125"));
        assertTrue(MOTO.clients().ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns().isEmpty());
    }

    /**
     * Plays a plan whose container exits with {@code exitCode}: moto always reports 0, so the
     * CLI reaches moto through {@link #proxy}, which answers DescribeTasks with the stopped task.
     */
    private Map<String, Object> planExiting(int exitCode, Object... more) throws IOException {
        Path config = library.harness().workspace().resolve("runner.yaml");
        Files.writeString(config, RunnerFixtures.createRunnerResources(MOTO.clients()), StandardCharsets.UTF_8);
        TaskPlayer player = new TaskPlayer(MOTO.clients());
        Thread play = new Thread(() -> {
            try {
                TaskProgress task = player.awaitStarted(RunnerFixtures.CLUSTER, "terraform", RunnerFixtures.LOG_GROUP, "runner");
                player.write(task, List.of("Plan: 1 to add, 0 to change, 0 to destroy."));
                proxy.always("DescribeTasks", Fault.respond(200, "application/x-amz-json-1.1",
                        TaskPlayer.stoppedTaskJson(task, "EssentialContainerExited", "Essential container in task exited",
                                exitCode)));
                player.exit(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "task-player");
        play.setDaemon(true);
        play.start();
        Map<String, Object> args = args("container", "terraform-planner", "script", "plan", "config", config.toString());
        for (int i = 0; i < more.length; i += 2) {
            args.put((String) more[i], more[i + 1]);
        }
        return args;
    }

    @Test
    public void ecsDeployRunner_returnStatus_containerExits2_returnsTheResultWithExitCode2() throws Exception {
        Map<String, Object> args = planExiting(2, "returnStatus", true);

        Map<?, ?> result = (Map<?, ?>) library.call("ecsDeployRunner", viaProxy(args));

        assertEquals(2, result.get("exitCode"));
        assertTrue(String.valueOf(result.get("taskArn")), String.valueOf(result.get("taskArn")).contains(":task/"));
        assertEquals("EssentialContainerExited", result.get("stopCode"));
        assertTrue(library.harness().log(), library.harness().log().contains("Plan: 1 to add"));
    }

    @Test
    public void ecsDeployRunner_containerExits2_failsNamingTheCodeNotAUsageError() throws Exception {
        Map<String, Object> args = planExiting(2);

        try {
            library.call("ecsDeployRunner", viaProxy(args));
            fail("the step did not fail");
        } catch (PipelineFailure e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("ecsDeployRunner: the task's container exited with code 2 (task "));
            assertFalse(e.getMessage(), e.getMessage().contains("\n"));
        }
    }

    private Map<String, Object> viaProxy(Map<String, Object> args) {
        withConnection(args).put("endpointUrl", proxy.endpoint());
        return args;
    }

    /** Runs the var {@code name} against moto: its endpoint, its region, keys from a credential. */
    private Map<?, ?> step(String name, Map<String, Object> args) {
        Map<?, ?> result = (Map<?, ?>) library.call(name, withConnection(args));
        assertFalse(library.harness().log().contains(MotoServer.SECRET_KEY));
        return result;
    }

    private String failure(String name, Map<String, Object> args) {
        try {
            step(name, args);
            throw new AssertionError(name + " did not fail");
        } catch (PipelineFailure expected) {
            assertFalse(library.harness().log().contains(MotoServer.SECRET_KEY));
            return expected.getMessage();
        }
    }

    private static Map<String, Object> withConnection(Map<String, Object> args) {
        args.put("region", MotoServer.REGION);
        args.put("endpointUrl", MOTO.endpoint());
        args.put("credentialsId", "moto");
        return args;
    }
}
