package io.bakehouse.library;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.Directive;
import io.bakehouse.harness.LibraryUnderTest;
import io.bakehouse.harness.PipelineHarness;
import io.bakehouse.harness.PipelineRun;
import io.bakehouse.harness.StageResult;
import io.bakehouse.harness.StageResult.Status;
import io.bakehouse.harness.StepCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * The container pipeline, {@code Jenkinsfile.containers}, run in the pipeline harness: its vars
 * run for real through bash against a fake bakehouse CLI; {@code make} and the {@code aws} CLI
 * (which reads the container stacks' outputs) are stand-ins that record their arguments, the
 * latter answering as CloudFormation does for the two stacks.
 */
public class ContainersJenkinsfileTest {

    static final String FILE = "Jenkinsfile.containers";
    private static final List<String> STAGES = List.of("Build image", "Deploy dev", "Approve prod", "Deploy prod");
    private static final List<String> ALL_STAGES = List.of("Test app", "Build image", "Deploy dev", "Approve prod",
            "Deploy prod");
    static final String COMMIT = "3f9c2ab0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60";
    static final String GIT_URL = "https://github.com/example/bakehouse.git";
    static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    static final String DEV_IMAGE = REGISTRY + "/bakehouse-app-dev:" + COMMIT;
    static final String PROD_IMAGE = REGISTRY + "/bakehouse-app-prod:" + COMMIT;
    private static final String PROD_ROLE = "arn:aws:iam::123456789012:role/prod-deploy";
    private static final String EXTERNAL_ID = "external-id-kept-in-the-folder";
    private static final String INVOKER = "deploy-runner-invoker";

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    private PipelineHarness harness;
    private Path makeCalls;
    private Path awsCalls;
    private Path stacks;

    @Before
    public void setUp() throws IOException {
        harness = library.harness();
        Path bin = library.newFolder("bin");
        makeCalls = bin.resolve("make.calls");
        awsCalls = bin.resolve("aws.calls");
        stacks = library.newFolder("stacks");
        executable(bin.resolve("make"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> \"" + makeCalls + "\"\n");
        // `aws cloudformation describe-stacks ... --stack-name NAME ...`: the outputs of stacks/NAME, as --output text prints them
        executable(bin.resolve("aws"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> \"" + awsCalls + "\"\n"
                + "while [ $# -gt 0 ]; do [ \"$1\" = --stack-name ] && name=\"$2\"; shift; done\n"
                + "if [ ! -f \"" + stacks + "/$name\" ]; then\n"
                + "  echo \"An error occurred (ValidationError) when calling the DescribeStacks operation:"
                + " Stack with id $name does not exist\" >&2; exit 254\nfi\n"
                + "cat \"" + stacks + "/$name\"\n");
        stack("dev", "Cluster-AbC", "Service-AbC");
        stack("prod", "Cluster-XyZ", "Service-XyZ");
        harness.env().put("PATH", bin + ":" + System.getenv("PATH"));
        harness.env().put("AWS_REGION", "us-east-1");
        harness.env().put("GIT_COMMIT", COMMIT);
        harness.env().put("GIT_URL", GIT_URL);
        harness.env().put("BAKEHOUSE_PROD_ROLE_ARN", PROD_ROLE);
        harness.env().put("BAKEHOUSE_RUNNER_INVOKER", INVOKER);
        harness.addString("bakehouse-prod-external-id", EXTERNAL_ID);
        library.cli().respond("ecs-run", "{\"exitCode\":0,\"taskArn\":\"arn:aws:ecs:us-east-1:1:task/c/t1\","
                + "\"logGroup\":\"/runner\",\"logStream\":\"runner/runner/t1\",\"stopCode\":\"EssentialContainerExited\","
                + "\"stoppedReason\":\"done\",\"archive\":null}");
        library.cli().respond("ecs-service-deploy", "{\"taskDefinitionArn\":"
                + "\"arn:aws:ecs:us-east-1:123456789012:task-definition/bakehouse-app-dev:8\","
                + "\"previousTaskDefinitionArn\":\"arn:aws:ecs:us-east-1:123456789012:task-definition/bakehouse-app-dev:7\","
                + "\"deploymentId\":\"ecs-svc/1\",\"rolloutState\":\"COMPLETED\",\"runningCount\":2,"
                + "\"images\":{\"app\":\"" + DEV_IMAGE + "\"},\"noChanges\":false}");
    }

    /** The outputs of bakehouse-app-ecs-ENV as the stand-in aws CLI prints them (tab-separated). */
    private void stack(String environment, String cluster, String service) throws IOException {
        String prefix = "bakehouse-app-ecs-" + environment + "-";
        Files.writeString(stacks.resolve("bakehouse-app-ecs-" + environment), String.join("\n",
                "Url\thttp://" + environment + ".elb.amazonaws.com",
                "ClusterName\t" + prefix + cluster,
                "ServiceName\t" + prefix + service,
                "RepositoryName\tbakehouse-app-" + environment,
                "RepositoryUri\t" + REGISTRY + "/bakehouse-app-" + environment) + "\n", StandardCharsets.UTF_8);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        assertTrue(file.toFile().setExecutable(true));
    }

    private PipelineRun runOnMaster() {
        harness.env().put("BRANCH_NAME", "master");
        return harness.runJenkinsfile(FILE);
    }

    @Test
    public void jenkinsfile_loadsTheBakehouseLibrary() throws IOException {
        String text = Files.readString(PipelineHarness.repositoryRoot().resolve(FILE), StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.trim().equals("@Library('bakehouse') _")));
    }

    @Test
    public void run_onMaster_runsEveryStageInOrderOnTheFargateAgent() {
        PipelineRun run = runOnMaster();
        assertEquals(run.toString(), "SUCCESS", run.result());
        assertEquals(ALL_STAGES, run.stageNames());
        assertEquals(ALL_STAGES, run.stagesThatRan());
        assertEquals("ecs-fargate", run.agentLabel());
    }

    @Test
    public void run_onMaster_testsTheAppThenReadsBothStacksBeforeBuildingTheImageOnce() throws IOException {
        runOnMaster();
        assertEquals(List.of("-C app test"), Files.readAllLines(makeCalls));
        assertEquals(List.of(describeStacks("dev"), describeStacks("prod")), Files.readAllLines(awsCalls));
        List<List<String>> calls = library.cli().calls();
        assertEquals(3, calls.size());
        // one Kaniko build of app/ at this commit, pushed to both environments' repositories
        assertEquals(List.of("ecs-run", "--invoker", INVOKER, "--max-wait-time", "50m", "--output", "json", "--",
                "docker-image-builder", "build-docker-image", "--repo", GIT_URL, "--ref", COMMIT, "--context-path", "app",
                "--destination", DEV_IMAGE, "--destination", PROD_IMAGE, "--build-arg", "VERSION=" + COMMIT), calls.get(0));
    }

    @Test
    public void run_onMaster_rollsDevThenProdAsTheProdRoleWithTheScanLimits() {
        runOnMaster();
        List<List<String>> calls = library.cli().calls();
        assertEquals(roll("bakehouse-app-ecs-dev-Cluster-AbC", "bakehouse-app-ecs-dev-Service-AbC", DEV_IMAGE, List.of()),
                calls.get(1));
        assertEquals(roll("bakehouse-app-ecs-prod-Cluster-XyZ", "bakehouse-app-ecs-prod-Service-XyZ", PROD_IMAGE,
                List.of("--role-arn", PROD_ROLE)), calls.get(2));
        // the external ID reaches the prod call through its environment only, and no other call
        assertFalse(calls.toString().contains(EXTERNAL_ID));
        assertEquals(EXTERNAL_ID, library.cli().environment(3).get("BAKEHOUSE_EXTERNAL_ID"));
        assertFalse(library.cli().environment(2).containsKey("BAKEHOUSE_EXTERNAL_ID"));
    }

    @Test
    public void run_onMaster_asksForApprovalAfterDevAndBeforeProd() {
        runOnMaster();
        List<StepCall> inputs = harness.calls("input");
        assertEquals(1, inputs.size());
        assertEquals("Approve prod", inputs.get(0).stage());
        assertEquals("Deploy image " + COMMIT + " to prod?", String.valueOf(inputs.get(0).arg("message")));
        List<String> stagesOfSteps = new ArrayList<>();
        for (StepCall call : harness.calls()) {
            if (call.name().equals("input") || call.name().equals("sh") && call.stage().startsWith("Deploy ")) {
                String step = call.name().equals("input") ? "input" : call.stage();
                if (stagesOfSteps.isEmpty() || !stagesOfSteps.get(stagesOfSteps.size() - 1).equals(step)) {
                    stagesOfSteps.add(step);
                }
            }
        }
        assertEquals(List.of("Deploy dev", "input", "Deploy prod"), stagesOfSteps);
    }

    @Test
    public void run_onFeatureBranch_testsTheAppButBuildsNoImageAndDeploysNothing() throws IOException {
        harness.env().put("BRANCH_NAME", "feature/banner");
        PipelineRun run = harness.runJenkinsfile(FILE);
        assertEquals("SUCCESS", run.result());
        assertEquals(List.of("Test app"), run.stagesThatRan());
        for (String stage : STAGES) {
            assertEquals(stage, Status.SKIPPED, run.stage(stage).status());
        }
        assertEquals(List.of("-C app test"), Files.readAllLines(makeCalls));
        assertFalse(Files.exists(awsCalls));
        assertTrue(library.cli().calls().isEmpty());
        assertTrue(harness.calls("input").isEmpty());
    }

    @Test
    public void run_plainPipelineJobOnOriginMaster_deploysLikeMaster() {
        harness.env().put("GIT_BRANCH", "origin/master");
        PipelineRun run = harness.runJenkinsfile(FILE);
        assertEquals(ALL_STAGES, run.stagesThatRan());
    }

    @Test
    public void run_approvalAborted_prodIsNotRolled() {
        harness.abortInput();
        PipelineRun run = runOnMaster();
        assertEquals("ABORTED", run.result());
        assertEquals(Status.ABORTED, run.stage("Approve prod").status());
        assertEquals(Status.NOT_RUN, run.stage("Deploy prod").status());
        List<List<String>> calls = library.cli().calls();
        assertEquals(List.of("ecs-run", "ecs-service-deploy"), calls.stream().map(c -> c.get(0)).toList());
        assertFalse(calls.get(1).contains(PROD_IMAGE));
        assertFalse(calls.toString().contains("Cluster-XyZ"));
    }

    @Test
    public void run_imageBuildFails_nothingIsRolledAndReportsAreStillArchived() {
        // Kaniko failed: the task's container exited 1, and so does the CLI
        library.cli().respond("ecs-run", "{\"exitCode\":1,\"taskArn\":\"arn:aws:ecs:us-east-1:1:task/c/t1\","
                + "\"logGroup\":\"/runner\",\"logStream\":\"runner/runner/t1\",\"stopCode\":\"EssentialContainerExited\","
                + "\"stoppedReason\":\"done\",\"archive\":null}");
        library.cli().exitWith("ecs-run", 1);
        PipelineRun run = runOnMaster();
        assertEquals("FAILURE", run.result());
        assertEquals(Status.FAILURE, run.stage("Build image").status());
        assertTrue(run.failure(), run.failure().startsWith("ecsDeployRunner: the task's container exited with code 1"));
        assertEquals(List.of("Test app", "Build image"), run.stagesThatRan());
        assertEquals(1, library.cli().calls().size());
        assertTrue(harness.calls("input").isEmpty());
        List<StepCall> archived = harness.calls("archiveArtifacts");
        assertEquals(1, archived.size());
        assertEquals("reports/**", String.valueOf(archived.get(0).arg("artifacts")));
    }

    @Test
    public void run_devRolloutFails_noApprovalIsAskedAndProdIsNotRolled() {
        library.cli().exitWith("ecs-service-deploy", 1);
        PipelineRun run = runOnMaster();
        assertEquals("FAILURE", run.result());
        assertEquals(Status.FAILURE, run.stage("Deploy dev").status());
        assertEquals(Status.NOT_RUN, run.stage("Approve prod").status());
        assertEquals(Status.NOT_RUN, run.stage("Deploy prod").status());
        assertTrue(harness.calls("input").isEmpty());
        assertEquals(2, library.cli().calls().size());
    }

    @Test
    public void run_prodStackMissing_failsBeforeAnyImageIsBuilt() throws IOException {
        Files.delete(stacks.resolve("bakehouse-app-ecs-prod"));
        PipelineRun run = runOnMaster();
        assertEquals("FAILURE", run.result());
        assertEquals(Status.FAILURE, run.stage("Build image").status());
        assertTrue(harness.log(), harness.log().contains("Stack with id bakehouse-app-ecs-prod does not exist"));
        assertTrue(library.cli().calls().isEmpty());
    }

    @Test
    public void run_stackWithoutTheServiceOutput_failsNamingTheStackAndTheOutput() throws IOException {
        Path dev = stacks.resolve("bakehouse-app-ecs-dev");
        Files.writeString(dev, Files.readAllLines(dev).stream().filter(l -> !l.startsWith("ServiceName\t"))
                .reduce("", (a, b) -> a + b + "\n"));
        PipelineRun run = runOnMaster();
        assertEquals("FAILURE", run.result());
        assertTrue(run.failure(), run.failure().startsWith("stack bakehouse-app-ecs-dev has no output ServiceName: "));
        assertTrue(library.cli().calls().isEmpty());
    }

    @Test
    public void run_withoutTheCommit_failsBeforeReadingTheStacks() {
        harness.env().put("GIT_COMMIT", "");
        PipelineRun run = runOnMaster();
        assertEquals("FAILURE", run.result());
        assertTrue(run.failure(), run.failure().startsWith("GIT_COMMIT and GIT_URL are not set"));
        assertFalse(Files.exists(awsCalls));
    }

    @Test
    public void run_withTheRunnerConfiguration_asksTheGatekeeperInProcess() {
        harness.env().put("BAKEHOUSE_RUNNER_CONFIG", "/etc/bakehouse/runner.yaml");
        runOnMaster();
        List<String> build = library.cli().calls().get(0);
        assertEquals(List.of("ecs-run", "--config", "/etc/bakehouse/runner.yaml"), build.subList(0, 3));
        assertFalse(build.contains("--invoker"));
    }

    @Test
    public void run_onMaster_recordsEveryResultDescribesTheBuildAndArchivesTheReports() {
        runOnMaster();
        for (String result : List.of("image", "deploy-dev", "deploy-prod")) {
            assertTrue(result, Files.isRegularFile(harness.workspace().resolve("reports/results/" + result + ".json")));
        }
        List<StepCall> archived = harness.calls("archiveArtifacts");
        assertEquals(1, archived.size());
        assertEquals("reports/**", String.valueOf(archived.get(0).arg("artifacts")));
        assertEquals("image " + COMMIT + "\ndev: COMPLETED (bakehouse-app-dev:8)\nprod: COMPLETED (bakehouse-app-dev:8)",
                harness.currentBuild().getDescription());
    }

    @Test
    public void run_imageAlreadyRunning_describesNoChanges() {
        library.cli().respond("ecs-service-deploy", "{\"taskDefinitionArn\":"
                + "\"arn:aws:ecs:us-east-1:123456789012:task-definition/bakehouse-app-dev:8\","
                + "\"previousTaskDefinitionArn\":\"arn:aws:ecs:us-east-1:123456789012:task-definition/bakehouse-app-dev:8\","
                + "\"deploymentId\":\"ecs-svc/1\",\"rolloutState\":\"COMPLETED\",\"runningCount\":2,"
                + "\"images\":{\"app\":\"" + DEV_IMAGE + "\"},\"noChanges\":true}");
        PipelineRun run = runOnMaster();
        assertEquals("SUCCESS", run.result());
        assertTrue(harness.currentBuild().getDescription(),
                harness.currentBuild().getDescription().contains("\ndev: no changes (bakehouse-app-dev:8)"));
    }

    @Test
    public void run_everyStageAndThePipelineHaveATimeout() {
        PipelineRun run = runOnMaster();
        assertEquals(Map.of("time", 3, "unit", "HOURS"), run.option("timeout").named());
        for (StageResult stage : run.stages()) {
            Directive timeout = stage.options().stream().filter(d -> d.name().equals("timeout")).findFirst().orElse(null);
            assertNotNull("stage " + stage.name() + " has no timeout", timeout);
        }
        assertEquals(Map.of("time", 2, "unit", "HOURS"),
                run.stage("Approve prod").options().stream().filter(d -> d.name().equals("timeout")).findFirst()
                        .orElseThrow().named());
    }

    /**
     * The environments and the stacks are the project's conventions: cd/conventions.sh's
     * environments in its order, each rolled from its container stack bakehouse-app-ecs-ENV, whose
     * template names the repository bakehouse-app-ENV that the image goes to.
     */
    @Test
    public void run_onMaster_rollsEveryEnvironmentOfCdConventionsInOrderFromItsContainerStack() throws Exception {
        Process bash = new ProcessBuilder("bash", "-c", "source cd/conventions.sh && echo $BAKEHOUSE_ENVIRONMENTS")
                .directory(PipelineHarness.repositoryRoot().toFile()).redirectErrorStream(true).start();
        String environments = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(environments, 0, bash.waitFor());
        runOnMaster();
        List<String> read = Files.readAllLines(awsCalls).stream()
                .map(l -> l.replaceAll(".*--stack-name (\\S+).*", "$1")).toList();
        List<String> expected = new ArrayList<>();
        for (String environment : environments.split(" ")) {
            expected.add("bakehouse-app-ecs-" + environment);
        }
        assertEquals(expected, read);
        String template = Files.readString(PipelineHarness.repositoryRoot().resolve("cloudformation/app-ecs.yaml"),
                StandardCharsets.UTF_8);
        assertTrue("app-ecs.yaml names its repository bakehouse-app-<Environment>",
                template.contains("RepositoryName: !Sub \"bakehouse-app-${Environment}\""));
        assertTrue(Files.isRegularFile(PipelineHarness.repositoryRoot().resolve("app/Dockerfile")));
    }

    private static String describeStacks(String environment) {
        return "cloudformation describe-stacks --region us-east-1 --stack-name bakehouse-app-ecs-" + environment
                + " --query Stacks[0].Outputs[].[OutputKey,OutputValue] --output text";
    }

    private static List<String> roll(String cluster, String service, String image, List<String> identity) {
        List<String> call = new ArrayList<>(List.of("ecs-service-deploy", "--cluster", cluster, "--service", service,
                "--image", image, "--timeout", "30m", "--max-findings", "CRITICAL=0,HIGH=0"));
        call.addAll(identity);
        call.addAll(List.of("--output", "json"));
        return call;
    }
}
