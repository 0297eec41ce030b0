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
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * The repository's Jenkinsfile, run in the pipeline harness: its vars run for real through
 * bash against a fake bakehouse CLI, and {@code make} is a stand-in that records its arguments.
 */
public class JenkinsfileTest {

    private static final List<String> STAGES =
            List.of("Build app", "Bake AMI", "Publish AMI", "Deploy dev", "Publish site dev", "Smoke dev", "Approve prod",
                    "Deploy prod", "Publish site prod");
    private static final String AMI = "ami-0123456789abcdef0";
    private static final String APP_COMMIT = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
    private static final String PROD_ROLE = "arn:aws:iam::123456789012:role/prod-deploy";
    private static final String EXTERNAL_ID = "external-id-kept-in-the-folder";
    private static final String INVOKER = "deploy-runner-invoker";
    private static final Map<String, String> SITE_BUCKETS = Map.of("dev", "bakehouse-site-dev-123456789012-us-east-1",
            "prod", "bakehouse-site-prod-123456789012-us-east-1");
    private static final Map<String, String> DISTRIBUTIONS = Map.of("dev", "E2QWRUHAPOMQZL", "prod", "E1PRODSITE0001");

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    private PipelineHarness harness;
    private Path makeCalls;

    @Before
    public void setUp() throws IOException {
        harness = library.harness();
        Path bin = library.newFolder("bin");
        makeCalls = bin.resolve("make.calls");
        Path make = bin.resolve("make");
        Files.writeString(make, "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> \"" + makeCalls + "\"\n");
        assertTrue(make.toFile().setExecutable(true));
        // git as the checkout answers: the commit that last changed the app, and how many did
        Path git = bin.resolve("git");
        Files.writeString(git, "#!/usr/bin/env bash\ncase \"$1\" in\n  log) echo " + APP_COMMIT + " ;;\n"
                + "  rev-list) echo 7 ;;\n  *) echo \"unexpected git $*\" >&2; exit 2 ;;\nesac\n");
        assertTrue(git.toFile().setExecutable(true));
        harness.env().put("PATH", bin + ":" + System.getenv("PATH"));
        harness.env().put("GIT_COMMIT", "0a1b2c3");
        harness.env().put("BAKEHOUSE_PROD_ROLE_ARN", PROD_ROLE);
        harness.env().put("BAKEHOUSE_RUNNER_INVOKER", INVOKER);
        harness.addString("bakehouse-prod-external-id", EXTERNAL_ID);
        harness.env().put("BUILD_URL", "https://jenkins.example/job/app/42/");
        library.cli().respond("packer-build", "{\"amiId\":\"" + AMI + "\",\"amis\":{\"us-east-1\":\"" + AMI + "\"},"
                + "\"artifacts\":[],\"manifest\":\"" + harness.workspace() + "/packer/manifest.json\","
                + "\"bakeKey\":\"k1\",\"reused\":false}");
        library.cli().respond("publish-ami-param", "{\"name\":\"/p\",\"version\":2,\"previousValue\":null}");
        library.cli().respond("cfn-deploy", "{\"status\":\"UPDATE_COMPLETE\",\"noChanges\":false,"
                + "\"outputs\":{\"Url\":\"http://app.example\"},\"changeSetId\":\"cs-1\"}");
        for (String env : List.of("dev", "prod")) {
            library.cli().respond("cfn-deploy", "bakehouse-site-" + env, "{\"status\":\"UPDATE_COMPLETE\","
                    + "\"noChanges\":false,\"outputs\":{\"BucketName\":\"" + SITE_BUCKETS.get(env) + "\",\"DistributionId\":\""
                    + DISTRIBUTIONS.get(env) + "\",\"Url\":\"https://d111111abcdef8.cloudfront.net/\"},\"changeSetId\":\"cs-2\"}");
        }
        library.cli().respond("publish-site", "{\"bucket\":\"b\",\"prefix\":\"\",\"uploaded\":2,\"unchanged\":5,"
                + "\"deleted\":1,\"bytes\":2048,\"invalidationId\":\"I2J0I21PCUYOIK\",\"paths\":[\"/index.html\"],"
                + "\"dryRun\":false}");
        library.cli().respond("ecs-run", "{\"exitCode\":0,\"taskArn\":\"arn:aws:ecs:us-east-1:1:task/c/t1\","
                + "\"logGroup\":\"/runner\",\"logStream\":\"runner/runner/t1\",\"stopCode\":\"EssentialContainerExited\","
                + "\"stoppedReason\":\"done\",\"archive\":null}");
    }

    @Test
    public void jenkinsfile_loadsTheBakehouseLibrary() throws IOException {
        String text = Files.readString(PipelineHarness.repositoryRoot().resolve("Jenkinsfile"), StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.trim().equals("@Library('bakehouse') _")));
    }

    @Test
    public void run_onMaster_runsEveryStageInOrderOnTheFargateAgent() {
        harness.env().put("BRANCH_NAME", "master");
        PipelineRun run = harness.runJenkinsfile();
        assertEquals(run.toString(), "SUCCESS", run.result());
        assertEquals(STAGES, run.stageNames());
        assertEquals(STAGES, run.stagesThatRan());
        assertEquals("ecs-fargate", run.agentLabel());
    }

    @Test
    public void run_onMaster_buildsBakesPublishesAndDeploysDevThenProd() throws IOException {
        harness.env().put("BRANCH_NAME", "master");
        harness.runJenkinsfile();
        assertEquals(List.of("-C app test build VERSION=1.0.7"), Files.readAllLines(makeCalls));
        List<List<String>> calls = library.cli().calls();
        assertEquals(10, calls.size());
        // the bake's inputs name the app's content, not the build (no build URL, no build number)
        assertEquals(List.of("packer-build", "--template", "packer/",
                "--var", "app_version=1.0.7", "--var", "git_sha=" + APP_COMMIT, "--var", "environment=dev",
                "--var", "app_binary=app/bin/bakehouse-app-linux-amd64", "--only", "aws.*",
                "--timeout", "80m", "--output", "json"), calls.get(0));
        assertEquals(publish("dev", List.of()), calls.get(1));
        assertEquals(deploy("dev", List.of()), calls.get(2));
        assertEquals(siteStack("dev", List.of()), calls.get(3));
        assertEquals(publishSite("dev", List.of()), calls.get(4));
        assertEquals(List.of("ecs-run", "--invoker", INVOKER, "--max-wait-time", "15m", "--output", "json", "--",
                "smoke", "smoke-check", "--environment", "dev", "--ami-id", AMI), calls.get(5));
        // prod as the prod role; its external ID reaches the CLI through the environment only
        assertEquals(publish("prod", List.of("--role-arn", PROD_ROLE)), calls.get(6));
        assertEquals(deploy("prod", List.of("--role-arn", PROD_ROLE)), calls.get(7));
        assertEquals(siteStack("prod", List.of("--role-arn", PROD_ROLE)), calls.get(8));
        assertEquals(publishSite("prod", List.of("--role-arn", PROD_ROLE)), calls.get(9));
        assertEquals(EXTERNAL_ID, library.cli().environment(10).get("BAKEHOUSE_EXTERNAL_ID"));
        assertFalse(library.cli().environment(5).containsKey("BAKEHOUSE_EXTERNAL_ID"));
        assertFalse(calls.toString().contains(EXTERNAL_ID));
    }

    @Test
    public void run_onMaster_asksForApprovalBeforeProd() {
        harness.env().put("BRANCH_NAME", "master");
        harness.runJenkinsfile();
        List<StepCall> inputs = harness.calls("input");
        assertEquals(1, inputs.size());
        assertEquals("Approve prod", inputs.get(0).stage());
        assertEquals("Deploy " + AMI + " to prod?", String.valueOf(inputs.get(0).arg("message")));
    }

    @Test
    public void run_onFeatureBranch_buildsAndBakesButSkipsPublishApprovalAndDeploys() {
        harness.env().put("BRANCH_NAME", "feature/login");
        PipelineRun run = harness.runJenkinsfile();
        assertEquals("SUCCESS", run.result());
        assertEquals(List.of("Build app", "Bake AMI"), run.stagesThatRan());
        for (String stage : List.of("Publish AMI", "Deploy dev", "Publish site dev", "Smoke dev", "Approve prod",
                "Deploy prod", "Publish site prod")) {
            assertEquals(stage, Status.SKIPPED, run.stage(stage).status());
        }
        assertEquals(1, library.cli().calls().size());
        assertEquals("packer-build", library.cli().calls().get(0).get(0));
        assertTrue(harness.calls("input").isEmpty());
    }

    @Test
    public void run_plainPipelineJobOnOriginMaster_deploysLikeMaster() {
        harness.env().put("GIT_BRANCH", "origin/master");
        PipelineRun run = harness.runJenkinsfile();
        assertEquals(STAGES, run.stagesThatRan());
    }

    @Test
    public void run_approvalAborted_prodIsNeitherPublishedNorDeployed() {
        harness.env().put("BRANCH_NAME", "master");
        harness.abortInput();
        PipelineRun run = harness.runJenkinsfile();
        assertEquals("ABORTED", run.result());
        assertEquals(Status.ABORTED, run.stage("Approve prod").status());
        assertEquals(Status.NOT_RUN, run.stage("Deploy prod").status());
        assertEquals(Status.NOT_RUN, run.stage("Publish site prod").status());
        assertEquals(6, library.cli().calls().size());
        assertFalse(library.cli().calls().stream().anyMatch(c -> c.contains("/DeploymentConfig/prod/App/AmiId")));
        assertFalse(library.cli().calls().stream().anyMatch(c -> c.contains("bakehouse-site-prod")
                || c.contains(SITE_BUCKETS.get("prod"))));
    }

    @Test
    public void run_prodRoleEmptyOnTheAgent_failsDeployProdSayingWhy_andTouchesNoProdResource() {
        harness.env().put("BRANCH_NAME", "master");
        harness.env().put("BAKEHOUSE_PROD_ROLE_ARN", ""); // as an agent template that leaves it empty
        PipelineRun run = harness.runJenkinsfile();
        assertEquals("FAILURE", run.result());
        assertEquals(Status.FAILURE, run.stage("Deploy prod").status());
        assertTrue(run.failure(), run.failure().contains("BAKEHOUSE_PROD_ROLE_ARN is not set on the agent"));
        assertEquals(Status.NOT_RUN, run.stage("Publish site prod").status());
        assertFalse(library.cli().calls().stream().anyMatch(c -> c.contains("/DeploymentConfig/prod/App/AmiId")
                || c.contains("bakehouse-app-prod") || c.contains("bakehouse-site-prod")));
    }

    @Test
    public void run_bakeFails_laterStagesDoNotRunAndReportsAreStillArchived() {
        harness.env().put("BRANCH_NAME", "master");
        library.cli().exitWith("packer-build", 1);
        PipelineRun run = harness.runJenkinsfile();
        assertEquals("FAILURE", run.result());
        assertEquals(Status.FAILURE, run.stage("Bake AMI").status());
        assertTrue(run.failure(), run.failure().startsWith("packerBuild: failed (bakehouse exit code 1)"));
        assertEquals(List.of("Build app", "Bake AMI"), run.stagesThatRan());
        assertEquals(Status.NOT_RUN, run.stage("Deploy dev").status());
        List<StepCall> archived = harness.calls("archiveArtifacts");
        assertEquals(1, archived.size());
        assertEquals("reports/**", String.valueOf(archived.get(0).arg("artifacts")));
    }

    @Test
    public void run_onMaster_archivesThePackerManifestAndTheDeployReports() {
        harness.env().put("BRANCH_NAME", "master");
        harness.runJenkinsfile();
        List<StepCall> archived = harness.calls("archiveArtifacts");
        assertEquals(1, archived.size());
        assertEquals("packer/manifest.json,reports/**", String.valueOf(archived.get(0).arg("artifacts")));
        // every step's result map beside the reports
        for (String result : List.of("bake", "publish-dev", "deploy-dev", "site-stack-dev", "site-dev", "smoke-dev",
                "publish-prod", "deploy-prod", "site-stack-prod", "site-prod")) {
            assertTrue(result, Files.isRegularFile(harness.workspace().resolve("reports/results/" + result + ".json")));
        }
        assertEquals(true, archived.get(0).arg("allowEmptyArchive"));
    }

    @Test
    public void run_onMaster_describesTheBuildWithTheAmiAndTheStackOutputs() {
        harness.env().put("BRANCH_NAME", "master");
        harness.runJenkinsfile();
        String site = " site: 2 uploaded, 5 unchanged, 1 deleted, invalidation I2J0I21PCUYOIK";
        assertEquals("AMI " + AMI + "\ndev: UPDATE_COMPLETE (Url=http://app.example)\ndev" + site
                        + "\nprod: UPDATE_COMPLETE (Url=http://app.example)\nprod" + site,
                harness.currentBuild().getDescription());
    }

    @Test
    public void run_everyStageAndThePipelineHaveATimeout() {
        harness.env().put("BRANCH_NAME", "master");
        PipelineRun run = harness.runJenkinsfile();
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
     * cd/conventions.sh is where the deployment conventions live (cd/deploy-wrapper.sh and
     * cd/rollback.sh source it); the Jenkinsfile restates them in Groovy. Read as bash reads it,
     * it must name exactly the environments the pipeline deploys, in its order, and for each the
     * stack, template, parameter file, tag and AMI parameter the pipeline uses, and the site stack,
     * its template and parameter file and the folder the pipeline publishes.
     */
    @Test
    public void run_onMaster_deploysEveryEnvironmentAsCdConventionsSay() throws IOException, InterruptedException {
        List<Convention> conventions = cdConventions();
        harness.env().put("BRANCH_NAME", "master");
        harness.runJenkinsfile();
        List<List<String>> calls = library.cli().calls();
        List<List<String>> publishes = calls.stream().filter(c -> c.get(0).equals("publish-ami-param")).toList();
        List<List<String>> stackDeploys = calls.stream().filter(c -> c.get(0).equals("cfn-deploy")).toList();
        List<List<String>> sites = calls.stream().filter(c -> c.get(0).equals("publish-site")).toList();

        assertEquals(conventions.size(), publishes.size());
        assertEquals(2 * conventions.size(), stackDeploys.size());
        assertEquals(conventions.size(), sites.size());
        for (int i = 0; i < conventions.size(); i++) {
            Convention c = conventions.get(i);
            List<String> deploy = stackDeploys.get(2 * i);
            List<String> siteStack = stackDeploys.get(2 * i + 1);
            assertEquals(c.environment(), c.amiParameter(), valueOf(publishes.get(i), "--name"));
            assertEquals(c.environment(), c.stack(), valueOf(deploy, "--stack"));
            assertEquals(c.environment(), c.template(), valueOf(deploy, "--template"));
            assertEquals(c.environment(), c.paramsFile(), valueOf(deploy, "--params-file"));
            assertEquals(c.environment(), c.tag(), valueOf(deploy, "--tag"));
            assertEquals(c.environment(), c.siteStack(), valueOf(siteStack, "--stack"));
            assertEquals(c.environment(), c.siteTemplate(), valueOf(siteStack, "--template"));
            assertEquals(c.environment(), c.siteParamsFile(), valueOf(siteStack, "--params-file"));
            assertEquals(c.environment(), c.tag(), valueOf(siteStack, "--tag"));
            assertEquals(c.environment(), c.siteDir(), valueOf(sites.get(i), "--dir"));
        }
    }

    @Test
    public void run_onMaster_publishesSitePublicToTheSiteStacksBucketAndDistribution() throws IOException {
        harness.env().put("BRANCH_NAME", "master");
        PipelineRun run = harness.runJenkinsfile();
        assertEquals(run.toString(), "SUCCESS", run.result());
        List<List<String>> sites = library.cli().calls().stream().filter(c -> c.get(0).equals("publish-site")).toList();
        assertEquals(List.of(publishSite("dev", List.of()), publishSite("prod", List.of("--role-arn", PROD_ROLE))), sites);
        String recorded = Files.readString(harness.workspace().resolve("reports/results/site-dev.json"));
        assertTrue(recorded, recorded.contains("\"uploaded\":2") && recorded.contains("\"invalidationId\":\"I2J0I21PCUYOIK\""));
        assertTrue(Files.readString(harness.workspace().resolve("reports/results/site-stack-prod.json"))
                .contains(SITE_BUCKETS.get("prod")));
    }

    @Test
    public void run_withSiteTargets_publishesToThemInsteadOfTheStacksOutputs() {
        harness.env().put("BRANCH_NAME", "master");
        harness.env().put("SITE_TARGETS", "dev=emulated-dev/EDEV00000001 prod=emulated-prod/EPROD0000001");
        PipelineRun run = harness.runJenkinsfile();
        assertEquals(run.toString(), "SUCCESS", run.result());
        List<List<String>> sites = library.cli().calls().stream().filter(c -> c.get(0).equals("publish-site")).toList();
        assertEquals(List.of("emulated-dev", "emulated-prod"), sites.stream().map(c -> valueOf(c, "--bucket")).toList());
        assertEquals(List.of("EDEV00000001", "EPROD0000001"),
                sites.stream().map(c -> valueOf(c, "--distribution-id")).toList());
        // the site stacks are still deployed
        assertEquals(2, library.cli().calls().stream().filter(c -> c.contains("cloudformation/site.yaml")).count());
    }

    @Test
    public void run_withSiteTargetsMissingTheEnvironment_failsThatStageSayingWhy() {
        harness.env().put("BRANCH_NAME", "master");
        harness.env().put("SITE_TARGETS", "prod=emulated-prod/EPROD0000001");
        PipelineRun run = harness.runJenkinsfile();
        assertEquals("FAILURE", run.result());
        assertEquals(Status.FAILURE, run.stage("Publish site dev").status());
        assertTrue(run.failure(), run.failure().contains("SITE_TARGETS has no dev=BUCKET/DISTRIBUTION_ID entry"));
        assertFalse(library.cli().calls().stream().anyMatch(c -> c.get(0).equals("publish-site")));
    }

    @Test
    public void run_siteStackWithoutItsOutputs_failsBeforePublishingAnything() {
        harness.env().put("BRANCH_NAME", "master");
        library.cli().respond("cfn-deploy", "bakehouse-site-dev", "{\"status\":\"CREATE_COMPLETE\",\"noChanges\":false,"
                + "\"outputs\":{},\"changeSetId\":\"cs-3\"}");
        PipelineRun run = harness.runJenkinsfile();
        assertEquals("FAILURE", run.result());
        assertEquals(Status.FAILURE, run.stage("Publish site dev").status());
        assertTrue(run.failure(), run.failure().contains("The site stack bakehouse-site-dev has no BucketName and"
                + " DistributionId outputs"));
        assertFalse(library.cli().calls().stream().anyMatch(c -> c.get(0).equals("publish-site")));
        assertEquals(Status.NOT_RUN, run.stage("Smoke dev").status());
    }

    /** One environment's deployment as cd/conventions.sh names it. */
    private record Convention(String environment, String stack, String template, String paramsFile, String tag,
                              String amiParameter, String siteStack, String siteTemplate, String siteParamsFile,
                              String siteDir) {
    }

    private static List<Convention> cdConventions() throws IOException, InterruptedException {
        String script = "source cd/conventions.sh && for e in $BAKEHOUSE_ENVIRONMENTS; do"
                + " printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' \"$e\" \"$(bakehouse_app_stack \"$e\")\""
                + " \"$BAKEHOUSE_APP_TEMPLATE\" \"$(bakehouse_params_file \"$e\")\""
                + " \"$(bakehouse_environment_tag \"$e\")\" \"$(bakehouse_ami_parameter \"$e\")\""
                + " \"$(bakehouse_site_stack \"$e\")\" \"$BAKEHOUSE_SITE_TEMPLATE\" \"$(bakehouse_site_params_file \"$e\")\""
                + " \"$BAKEHOUSE_SITE_DIR\"; done";
        Process bash = new ProcessBuilder("bash", "-c", script).directory(PipelineHarness.repositoryRoot().toFile())
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(out, 0, bash.waitFor());
        List<Convention> conventions = out.lines().map(line -> line.split("\t", -1))
                .map(f -> new Convention(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9])).toList();
        assertFalse(out, conventions.isEmpty());
        return conventions;
    }

    private static String valueOf(List<String> call, String option) {
        int at = call.indexOf(option);
        assertTrue(option + " in " + call, at >= 0 && at + 1 < call.size());
        return call.get(at + 1);
    }

    private static List<String> publish(String environment, List<String> identity) {
        List<String> call = new java.util.ArrayList<>(List.of("publish-ami-param", "--name",
                "/DeploymentConfig/" + environment + "/App/AmiId", "--ami-id", AMI, "--label", "build-42"));
        call.addAll(identity);
        call.addAll(List.of("--output", "json"));
        return call;
    }

    private static List<String> siteStack(String environment, List<String> identity) {
        List<String> call = new java.util.ArrayList<>(List.of("cfn-deploy", "--stack", "bakehouse-site-" + environment,
                "--template", "cloudformation/site.yaml", "--params-file", "cloudformation/params/site-" + environment + ".json",
                "--tag", "Environment=" + environment, "--timeout", "40m",
                "--report", "reports/site-stack-" + environment + ".html"));
        call.addAll(identity);
        call.addAll(List.of("--output", "json"));
        return call;
    }

    private static List<String> publishSite(String environment, List<String> identity) {
        List<String> call = new java.util.ArrayList<>(List.of("publish-site", "--dir", "site/public", "--bucket",
                SITE_BUCKETS.get(environment), "--distribution-id", DISTRIBUTIONS.get(environment)));
        call.addAll(identity);
        call.addAll(List.of("--output", "json"));
        return call;
    }

    private static List<String> deploy(String environment, List<String> identity) {
        List<String> call = new java.util.ArrayList<>(List.of("cfn-deploy", "--stack", "bakehouse-app-" + environment,
                "--template", "cloudformation/app.yaml", "--param", "AmiId=" + AMI, "--params-file",
                "cloudformation/params/" + environment + ".json", "--tag", "Environment=" + environment, "--timeout", "55m",
                "--report", "reports/deploy-" + environment + ".html"));
        call.addAll(identity);
        call.addAll(List.of("--output", "json"));
        return call;
    }
}
