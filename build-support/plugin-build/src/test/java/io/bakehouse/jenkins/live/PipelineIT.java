package io.bakehouse.jenkins.live;

import static io.bakehouse.jenkins.live.PipelineRuns.assertInOrder;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.jenkins.build.Distribution;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.SiteFixtures;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.runners.MethodSorters;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;

/**
 * The pipeline as its users run it: the project's own {@code Jenkinsfile}, started by a push to
 * master, in the real Jenkins of the distribution configured from
 * {@code jenkins-docker/controller/casc.yaml}, with the {@code bakehouse} global library loaded
 * from the same repository, on an inbound agent labelled {@code ecs-fargate} that stands in for
 * the ECS cloud (the amazon-ecs plugin is not in the distribution), against moto.
 *
 * <p>The agent's environment is what the ECS agent template gives it, pointed at the emulator:
 * moto's endpoint and test keys stand in for the task role, and the Jenkinsfile's emulator
 * settings choose the template's local bake (Packer 1.6's single-file form) and the in-process
 * gatekeeper with the runner configuration {@code make demo} uses. The site stacks are deployed
 * into moto as they are; moto's CloudFormation makes their buckets but no CloudFront distribution
 * and reports no outputs after a change set, so the test makes each environment's distribution
 * in front of its stack's bucket through moto's CloudFront API and hands both to the Jenkinsfile's
 * {@code SITE_TARGETS}. The Jenkinsfile itself is the project's, unchanged.
 *
 * <p>The tests run in order, each on what the previous left: the first push, a push that changes
 * nothing in the app, a push to another branch, then the same pipeline through the plugin, and
 * last a push that changes the front end, built by a master-only job of the folder.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class PipelineIT {

    private static final Path ROOT = Distribution.root();
    private static final Path WORK = Path.of("target/live-pipeline").toAbsolutePath();
    private static final Path CASC = ROOT.resolve("jenkins-docker/controller/casc.yaml");
    private static final PipelineFixtures.JobSpec JOB = PipelineFixtures.JobSpec.of(CASC);
    private static final String PLUGIN_JOB = "pipeline-plugin-face";
    private static final String PLUGIN_JENKINSFILE = "Jenkinsfile.plugin-face";
    private static final String FRONT_END_JOB = "pipeline-front-end";

    private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
    private static final String GITHUB_TOKEN = "github-token-" + UUID.randomUUID();
    private static final String EXTERNAL_ID = "prod-external-id-" + UUID.randomUUID();
    /** The agent's own AWS identity (its task role's keys on ECS): moto takes any. */
    private static final String AGENT_SECRET_KEY = "agent-task-role-" + UUID.randomUUID();
    private static final String PROD_ROLE_ARN = "arn:aws:iam::123456789012:role/bakehouse-agents-prod-deploy";
    /** An AWS credential (aws-credentials) for the library face: another identity than the agent's. */
    private static final String AWS_CREDENTIALS_ID = "library-aws-keys";
    private static final String AWS_ACCESS_KEY = "AKIALIBRARYFACEAWS01";
    private static final String AWS_SECRET_KEY = "library-aws-secret-" + UUID.randomUUID();
    private static final List<String> SECRETS = List.of(ADMIN_PASSWORD, GITHUB_TOKEN, EXTERNAL_ID, AGENT_SECRET_KEY,
            AWS_SECRET_KEY);
    private static final String[] RESULTS = {"bake", "publish-dev", "deploy-dev", "site-stack-dev", "site-dev", "smoke-dev",
        "publish-prod", "deploy-prod", "site-stack-prod", "site-prod"};
    /** The bucket each site stack names (site.yaml: {@code <stack>-<account>-<region>}; moto's account). */
    private static final Map<String, String> SITE_BUCKETS = Map.of(
            "dev", "bakehouse-site-dev-123456789012-us-east-1", "prod", "bakehouse-site-prod-123456789012-us-east-1");
    private static final Path SITE = ROOT.resolve("site/public");

    private static final ProjectRepo REPO = new ProjectRepo(ROOT, WORK.resolve("git"));
    private static final LiveJenkins JENKINS = new LiveJenkins(new LiveJenkins.Setup(WORK.resolve("jenkins"),
            j -> PipelineFixtures.withAwsCredential(PipelineFixtures.casc(CASC, j), AWS_CREDENTIALS_ID, AWS_ACCESS_KEY,
                    AWS_SECRET_KEY), PipelineIT::controllerEnv, PipelineIT::agentEnv, "admin", ADMIN_PASSWORD, Set.of()));

    @ClassRule
    public static final RuleChain CHAIN = RuleChain.outerRule(REPO).around(JENKINS);

    private static AwsClients aws;
    private static PipelineFixtures.SmokeRunner runner;
    private static String notifyToken;
    /** The library face's results of the no-change push, which the plugin face's run repeats. */
    private static Map<String, JsonNode> noChangeResults;
    private static String firstAmi;
    /** Each environment's CloudFront distribution, made in moto for its site stack's bucket. */
    private static Map<String, String> siteDistributions;

    private static Map<String, String> controllerEnv(LiveJenkins j) {
        return PipelineRuns.controllerEnv(j, ADMIN_PASSWORD, REPO.url(), GITHUB_TOKEN);
    }

    private static Map<String, String> agentEnv(LiveJenkins j) {
        Map<String, String> env = PipelineRuns.agentEnv(j, AGENT_SECRET_KEY, ROOT, PROD_ROLE_ARN,
                WORK.resolve("runner.yaml"));
        // the Jenkinsfile's emulator settings
        env.put("BAKE_TEMPLATE", "packer/bakehouse-app.pkr.hcl");
        env.put("BAKE_ONLY", "local.*");
        env.put("BAKE_VAR_FILE", WORK.resolve("emulator.pkrvars.hcl").toString());
        env.put("SITE_TARGETS", siteTargets(j));
        return env;
    }

    /** {@code dev=BUCKET/ID prod=BUCKET/ID}: each stack's bucket behind a distribution made in moto (once). */
    private static synchronized String siteTargets(LiveJenkins j) {
        if (siteDistributions == null) {
            Map<String, String> made = new HashMap<>();
            SITE_BUCKETS.forEach((env, bucket) -> made.put(env, SiteFixtures.createDistribution(j.moto().clients(),
                    Map.of(bucket + ".s3.us-east-1.amazonaws.com", ""))));
            siteDistributions = Map.copyOf(made);
        }
        return "dev=" + SITE_BUCKETS.get("dev") + "/" + siteDistributions.get("dev")
                + " prod=" + SITE_BUCKETS.get("prod") + "/" + siteDistributions.get("prod");
    }

    @BeforeClass
    public static void setUpPipeline() throws Exception {
        aws = JENKINS.moto().clients();
        PipelineFixtures.createNetwork(aws, "dev", "10.40");
        PipelineFixtures.createNetwork(aws, "prod", "10.50");
        Files.writeString(WORK.resolve("emulator.pkrvars.hcl"),
                "local_ec2_endpoint = \"" + JENKINS.moto().endpoint() + "\"\n", StandardCharsets.UTF_8);
        Files.writeString(WORK.resolve("runner.yaml"), PipelineFixtures.createRunner(aws, ROOT), StandardCharsets.UTF_8);
        runner = new PipelineFixtures.SmokeRunner(aws, ROOT);

        JenkinsRest rest = JENKINS.rest();
        PipelineRuns.createFolderAndJob(rest, JOB, EXTERNAL_ID, JOB.job(),
                JOB.configXml(REPO.url(), "bakehouse-github", JOB.scriptPath(), true));
        JsonNode token = PipelineFixtures.json(rest.post("descriptorByName/hudson.plugins.git.ApiTokenPropertyConfiguration"
                + "/generate?apiTokenName=webhook", "application/x-www-form-urlencoded", "").expect(200).body());
        notifyToken = token.get("data").get("value").asText();

        // The plugin face's Jenkinsfile: the project's, without the line that loads the library.
        String jenkinsfile = Files.readString(ROOT.resolve("Jenkinsfile"), StandardCharsets.UTF_8);
        String libraryLine = "@Library('bakehouse') _\n";
        assertTrue("the Jenkinsfile loads the library", jenkinsfile.contains(libraryLine));
        REPO.write(PLUGIN_JENKINSFILE, jenkinsfile.replace(libraryLine, ""));
    }

    @AfterClass
    public static void stopRunner() throws InterruptedException {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    public void a1_pushToMaster_runsTheJenkinsfileThroughTheLibraryToProd() throws Exception {
        REPO.commitAndPush("The project as it is");
        int number = notifyAndAwaitBuild(1);
        String log = approveAndFinish(JOB.path(), number, "SUCCESS");

        // the stages, in order, each step through the library (the CLI on the agent)
        assertInOrder(log, "[Pipeline] { (Build app)", "[Pipeline] { (Bake AMI)", "[Pipeline] { (Publish AMI)",
                "[Pipeline] { (Deploy dev)", "[Pipeline] { (Publish site dev)", "[Pipeline] { (Smoke dev)",
                "[Pipeline] { (Approve prod)", "[Pipeline] { (Deploy prod)", "[Pipeline] { (Publish site prod)");
        assertTrue(log, log.contains("Running on " + LiveJenkins.AGENT));
        assertTrue(log, log.contains("Loading library bakehouse@master"));
        assertFalse("no step of the plugin ran", log.contains("[packerBuild]"));
        assertTrue(log, log.contains("==> Bake key"));
        assertTrue(log, log.contains("smoke check passed"));

        Map<String, JsonNode> results = results(JOB.path(), number);
        String ami = results.get("bake").get("amiId").asText();
        firstAmi = ami;
        assertTrue(ami, ami.matches("ami-[0-9a-f]+"));
        assertFalse(results.get("bake").get("reused").asBoolean());
        assertEquals(0, results.get("smoke-dev").get("exitCode").asInt());
        for (String env : List.of("dev", "prod")) {
            assertEquals(ami, aws.ssm().getParameter(r -> r.name("/DeploymentConfig/" + env + "/App/AmiId")).parameter().value());
            assertEquals("CREATE_COMPLETE", results.get("deploy-" + env).get("status").asText());
            assertEquals(ami, stackParameter("bakehouse-app-" + env, "AmiId"));
        }
        // the front end: each site stack deployed, site/public published into its bucket, every file new
        Map<String, String> files = siteFiles();
        for (String env : List.of("dev", "prod")) {
            assertEquals("CREATE_COMPLETE", results.get("site-stack-" + env).get("status").asText());
            assertEquals(SITE_BUCKETS.get(env), aws.cloudFormation().describeStackResource(r -> r.stackName("bakehouse-site-" + env)
                    .logicalResourceId("Bucket")).stackResourceDetail().physicalResourceId());
            JsonNode site = results.get("site-" + env);
            assertEquals(site.toString(), files.size(), site.get("uploaded").asInt());
            assertEquals(0, site.get("unchanged").asInt());
            assertEquals(0, site.get("deleted").asInt());
            assertEquals(SITE_BUCKETS.get(env), site.get("bucket").asText());
            // new files only: nothing a viewer could have cached, so nothing to invalidate
            assertTrue(site.toString(), site.get("invalidationId").isNull());
            assertEquals(files, SiteFixtures.objects(aws, SITE_BUCKETS.get(env)));
            assertEquals("text/html", aws.s3().headObject(r -> r.bucket(SITE_BUCKETS.get(env)).key("index.html"))
                    .contentType().replaceAll(";.*", ""));
        }
        assertTrue(log, log.contains("Publishing to " + SITE_BUCKETS.get("dev") + " behind " + siteDistributions.get("dev")
                + " (SITE_TARGETS)"));
        // prod through the prod role only, with the external ID of the folder's credential: the AMI
        // parameter, the app stack, the site stack and the site
        assertEquals(List.of(List.of(PROD_ROLE_ARN, EXTERNAL_ID), List.of(PROD_ROLE_ARN, EXTERNAL_ID),
                        List.of(PROD_ROLE_ARN, EXTERNAL_ID), List.of(PROD_ROLE_ARN, EXTERNAL_ID)),
                JENKINS.moto().assumedRoles().stream().map(r -> Arrays.asList(r.roleArn(), r.externalId())).toList());
        assertEquals(List.of("/opt/deploy-runner/scripts/smoke-check --environment dev --ami-id " + ami), runner.played());
        assertEquals(List.of(), runner.failures());

        JsonNode build = JENKINS.rest().json("job/" + JOB.path() + "/" + number + "/api/json?tree=description,artifacts[relativePath]");
        String description = build.get("description").asText();
        assertTrue(description, description.startsWith("AMI " + ami + "\ndev: CREATE_COMPLETE"));
        assertTrue(description, description.contains("\nprod: CREATE_COMPLETE"));
        Set<String> artifacts = new TreeSet<>();
        build.get("artifacts").forEach(a -> artifacts.add(a.get("relativePath").asText()));
        assertTrue(artifacts.toString(), artifacts.containsAll(List.of("packer-manifest.json",
                "reports/deploy-dev.html", "reports/deploy-prod.html", "reports/site-stack-dev.html",
                "reports/site-stack-prod.html", "reports/results/bake.json", "reports/results/site-dev.json")));
        assertTrue(description, description.contains("\ndev site: " + files.size() + " uploaded, 0 unchanged, 0 deleted"));
        assertNoSecret(JOB.path(), number, log);
    }

    @Test
    public void a2_pushThatChangesNothingInTheApp_reusesTheBakeAndDeploysNoChanges() throws Exception {
        assertNotNull("the first push ran", firstAmi);
        long devVersion = parameterVersion("dev");
        REPO.write("docs/pipeline-note.md", "A change outside the app: the pipeline reuses its AMI.\n");
        REPO.commitAndPush("Docs only");
        int number = notifyAndAwaitBuild(2);
        approveAndFinish(JOB.path(), number, "SUCCESS");

        Map<String, JsonNode> results = results(JOB.path(), number);
        assertTrue(results.get("bake").toString(), results.get("bake").get("reused").asBoolean());
        assertEquals(firstAmi, results.get("bake").get("amiId").asText());
        for (String env : List.of("dev", "prod")) {
            assertTrue(results.get("deploy-" + env).toString(), results.get("deploy-" + env).get("noChanges").asBoolean());
            assertTrue(results.get("site-stack-" + env).toString(), results.get("site-stack-" + env).get("noChanges").asBoolean());
            JsonNode site = results.get("site-" + env);
            assertEquals(site.toString(), 0, site.get("uploaded").asInt());
            assertEquals(siteFiles().size(), site.get("unchanged").asInt());
            assertTrue(site.toString(), site.get("invalidationId").isNull());
        }
        // the same AMI: the parameter keeps its version, and only gains this build's label
        assertEquals(devVersion, parameterVersion("dev"));
        assertFalse(results.get("publish-dev").toString(), results.get("publish-dev").get("changed").asBoolean());
        assertEquals(results.get("bake").get("amiId").asText(), results.get("publish-dev").get("previousValue").asText());
        String description = JENKINS.rest().json("job/" + JOB.path() + "/" + number + "/api/json?tree=description")
                .get("description").asText();
        assertTrue(description, description.contains("(reused)") && description.contains("dev: no changes")
                && description.contains("prod: no changes"));
        noChangeResults = results;
    }

    @Test
    public void a3_pushToAnotherBranch_buildsAndBakesButNeitherPublishesNorDeploys() throws Exception {
        long dev = parameterVersion("dev");
        long prod = parameterVersion("prod");
        int devEvents = aws.cloudFormation().describeStackEvents(r -> r.stackName("bakehouse-app-dev")).stackEvents().size();
        REPO.checkout("feature/banner", true);
        REPO.write("docs/pipeline-note.md", "A change on a branch.\n");
        REPO.commitAndPush("Branch work");
        REPO.checkout("master", false);
        int number = notifyAndAwaitBuild(3);
        String log = JENKINS.rest().awaitResult(JOB.path(), number).equals("SUCCESS") ? JENKINS.rest().console(JOB.path(), number)
                : failWithLog(number);

        assertTrue(log, log.contains("origin/feature/banner"));
        assertTrue(log, log.contains("[Pipeline] { (Bake AMI)"));
        for (String stage : List.of("Publish AMI", "Deploy dev", "Publish site dev", "Smoke dev", "Approve prod",
                "Deploy prod", "Publish site prod")) {
            assertTrue(stage, log.contains("Stage \"" + stage + "\" skipped due to when conditional"));
        }
        assertEquals(Set.of("bake"), results(JOB.path(), number).keySet());
        assertEquals(dev, parameterVersion("dev"));
        assertEquals(prod, parameterVersion("prod"));
        assertEquals(devEvents, aws.cloudFormation().describeStackEvents(r -> r.stackName("bakehouse-app-dev")).stackEvents().size());
    }

    @Test
    public void a4_thePluginFace_runsTheSamePipelineWithTheSameResults() throws Exception {
        assertNotNull("the no-change push ran first", noChangeResults);
        JENKINS.rest().post("job/" + JOB.folder() + "/createItem?name=" + PLUGIN_JOB, "application/xml",
                JOB.configXml(REPO.url(), "bakehouse-github", PLUGIN_JENKINSFILE, false, "*/master")).expect(200);
        String path = JOB.folder() + "/job/" + PLUGIN_JOB;
        int number = JENKINS.rest().build(path);
        String log = approveAndFinish(path, number, "SUCCESS");
        assertFalse(log, log.contains("Loading library"));
        assertTrue(log, log.contains("[packerBuild]"));

        Map<String, JsonNode> plugin = results(path, number);
        assertEquals(noChangeResults.keySet(), plugin.keySet());
        List<String> differences = new ArrayList<>();
        for (String step : RESULTS) {
            compare(step, noChangeResults.get(step), plugin.get(step), differences);
        }
        assertEquals("where the plugin's result differs from the library's", List.of(), differences);
        assertNoSecret(path, number, log);
    }

    @Test
    public void a5_theProdExternalId_isUsableByTheFoldersJobsOnly() throws Exception {
        JENKINS.rest().createPipeline("outside-the-folder", """
                node('ecs-fargate') {
                  withCredentials([string(credentialsId: '%s', variable: 'ID')]) {
                    echo 'bound'
                  }
                }
                """.formatted(JOB.credentialId()));
        String log = JENKINS.rest().run("outside-the-folder", "FAILURE");
        assertTrue(log, log.contains("Could not find credentials entry with ID '" + JOB.credentialId() + "'"));
        assertFalse(log, log.contains("bound"));
    }

    @Test
    public void a6_theLibraryFace_bindsAnAwsCredentialAndTheCliSignsWithItsKeys() throws Exception {
        String name = "/library-face/aws-credential/AmiId";
        String ami = AwsFixtures.createAmi(aws, "library-aws-credential");
        FaultProxy proxy = new FaultProxy(JENKINS.moto());
        proxy.start();
        String log;
        int number;
        try {
            JENKINS.rest().createPipeline("library-aws-credential", "@Library('bakehouse') _\n"
                    + AwsCredentialsLive.publishPipeline(proxy.endpoint(), name, ami, AWS_CREDENTIALS_ID));
            number = JENKINS.rest().build("library-aws-credential");
            String result = JENKINS.rest().awaitResult("library-aws-credential", number);
            log = JENKINS.rest().console("library-aws-credential", number);
            assertEquals(log, "SUCCESS", result);
        } finally {
            proxy.stop();
        }

        assertTrue(log, log.contains("Loading library bakehouse@master"));
        assertFalse("no step of the plugin ran", log.contains("[publishAmiParam]"));
        assertTrue(log, log.contains("published " + name + " version 1"));
        assertEquals(ami, aws.ssm().getParameter(r -> r.name(name)).parameter().value());
        // the credential's keys, not the agent's own
        assertEquals(List.of(AWS_ACCESS_KEY), proxy.log().stream().filter(r -> r.action().equals("PutParameter"))
                .map(FaultProxy.Request::accessKeyId).toList());
        assertFalse(log, log.contains(AWS_SECRET_KEY));
        Secrets.assertNotInTree(JENKINS.buildDir("library-aws-credential", number), AWS_SECRET_KEY);
    }

    @Test
    public void a7_aPushThatChangesTheFrontEnd_uploadsWhatChangedAndInvalidatesItsPaths() throws Exception {
        assertNotNull("the first push ran", firstAmi);
        String page = Files.readString(SITE.resolve("index.html"), StandardCharsets.UTF_8);
        String footer = "<footer>Built by Bakehouse.</footer>";
        assertTrue("site/public/index.html has the footer this test changes", page.contains(footer));
        String changed = page.replace(footer, "<footer>Built by Bakehouse, with a new footer.</footer>");
        REPO.write("site/public/index.html", changed);
        REPO.commitAndPush("A new footer on the home page");
        // The project's Jenkinsfile through the library again, in a job of the folder that builds master
        // only: the push job builds every branch ('**') and, after a3, would build feature/banner again.
        JENKINS.rest().post("job/" + JOB.folder() + "/createItem?name=" + FRONT_END_JOB, "application/xml",
                JOB.configXml(REPO.url(), "bakehouse-github", JOB.scriptPath(), false, "*/master")).expect(200);
        String path = JOB.folder() + "/job/" + FRONT_END_JOB;
        int number = JENKINS.rest().build(path);
        String log = approveAndFinish(path, number, "SUCCESS");
        assertTrue(log, log.contains("Loading library bakehouse@master"));
        assertFalse("no step of the plugin ran", log.contains("[publishSite]"));

        Map<String, JsonNode> results = results(path, number);
        assertTrue(results.get("bake").toString(), results.get("bake").get("reused").asBoolean());
        for (String env : List.of("dev", "prod")) {
            JsonNode site = results.get("site-" + env);
            assertEquals(site.toString(), 1, site.get("uploaded").asInt());
            assertEquals(siteFiles().size() - 1, site.get("unchanged").asInt());
            assertEquals(List.of("/", "/index.html"), texts(site.get("paths")).stream().sorted().toList());
            String invalidation = site.get("invalidationId").asText();
            var created = aws.cloudFront().getInvalidation(r -> r.distributionId(siteDistributions.get(env)).id(invalidation))
                    .invalidation();
            // moto says COMPLETED where CloudFront says Completed; publishSite waited for either
            assertTrue(created.status(), created.status().equalsIgnoreCase("Completed"));
            assertEquals(List.of("/", "/index.html"), created.invalidationBatch().paths().items().stream().sorted().toList());
            assertEquals(changed, SiteFixtures.objects(aws, SITE_BUCKETS.get(env)).get("index.html"));
        }
        String description = JENKINS.rest().json("job/" + path + "/" + number + "/api/json?tree=description")
                .get("description").asText();
        assertTrue(description, description.contains("dev site: 1 uploaded, " + (siteFiles().size() - 1)
                + " unchanged, 0 deleted, invalidation " + results.get("site-dev").get("invalidationId").asText()));
        assertNoSecret(path, number, log);
    }

    /** site/public's files as publishSite keys them (relative path to content). */
    private static Map<String, String> siteFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(SITE)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(SITE.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /**
     * Values that name the run rather than the result: the parameter's new version and labels,
     * the deploy runner's task, and paths in the job's own workspace. Everything else must match.
     */
    private static final Set<String> PER_RUN = Set.of("version", "labels", "taskArn", "logStream", "manifest", "report",
            "changeSetId", "changeSetName");

    private static void compare(String where, JsonNode library, JsonNode plugin, List<String> differences) {
        if (library == null || plugin == null) {
            differences.add(where + ": library " + library + ", plugin " + plugin);
            return;
        }
        if (library.isObject() && plugin.isObject()) {
            Set<String> keys = new TreeSet<>();
            library.fieldNames().forEachRemaining(keys::add);
            Set<String> pluginKeys = new TreeSet<>();
            plugin.fieldNames().forEachRemaining(pluginKeys::add);
            if (!keys.equals(pluginKeys)) {
                differences.add(where + ": keys " + keys + " (library) and " + pluginKeys + " (plugin)");
                return;
            }
            for (String key : keys) {
                String leaf = key;
                if (PER_RUN.contains(leaf)) {
                    if (library.get(key).getNodeType() != plugin.get(key).getNodeType()) {
                        differences.add(where + "." + key + ": " + library.get(key) + " and " + plugin.get(key));
                    }
                } else {
                    compare(where + "." + key, library.get(key), plugin.get(key), differences);
                }
            }
        } else if (library.isArray() && plugin.isArray() && library.size() == plugin.size()) {
            Iterator<JsonNode> a = library.elements();
            Iterator<JsonNode> b = plugin.elements();
            for (int i = 0; a.hasNext(); i++) {
                compare(where + "[" + i + "]", a.next(), b.next(), differences);
            }
        } else if (!library.equals(plugin)) {
            differences.add(where + ": " + library + " (library) and " + plugin + " (plugin)");
        }
    }

    /** Tells Jenkins of the push, as the repository's webhook does; returns the build it started. */
    private static int notifyAndAwaitBuild(int expected) throws IOException, InterruptedException {
        JenkinsRest rest = JENKINS.rest();
        rest.get("git/notifyCommit?url=" + URLEncoder.encode(REPO.url(), StandardCharsets.UTF_8) + "&token=" + notifyToken)
                .expect(200);
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode last = rest.json("job/" + JOB.path() + "/api/json?tree=lastBuild[number]").get("lastBuild");
            if (last != null && !last.isNull() && last.get("number").asInt() == expected) {
                return expected;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the push started no build " + expected + " of " + JOB.path() + "; the controller log:\n"
                + LiveJenkins.tail(JENKINS.controllerLog()));
    }

    /** Approves the prod input over REST when the build asks, and waits for the build's end. */
    private static String approveAndFinish(String path, int number, String expected) throws IOException, InterruptedException {
        JenkinsRest rest = JENKINS.rest();
        rest.awaitLog(path, number, l -> l.contains("Deploy ami-") && l.contains("to prod?")
                || l.startsWith("Finished: "), "the prod approval");
        if (!rest.console(path, number).contains("Finished: ")) {
            rest.post("job/" + path + "/" + number + "/input/Prod/proceedEmpty", "application/x-www-form-urlencoded", "")
                    .expect(200, 302);
        }
        String result = rest.awaitResult(path, number);
        String log = rest.console(path, number);
        assertEquals(log, expected, result);
        return log;
    }

    private static String failWithLog(int number) throws IOException, InterruptedException {
        throw new AssertionError(JENKINS.rest().console(JOB.path(), number));
    }

    /** The step results the Jenkinsfile archived (reports/results/NAME.json), by name. */
    private static Map<String, JsonNode> results(String path, int number) throws IOException, InterruptedException {
        return PipelineRuns.results(JENKINS.rest(), path, number, RESULTS);
    }

    private static long parameterVersion(String env) {
        List<ParameterHistory> history = aws.ssm().getParameterHistory(r -> r.name("/DeploymentConfig/" + env + "/App/AmiId"))
                .parameters();
        return history.get(history.size() - 1).version();
    }

    private static String stackParameter(String stack, String key) {
        return aws.cloudFormation().describeStacks(r -> r.stackName(stack)).stacks().get(0).parameters().stream()
                .filter(p -> p.parameterKey().equals(key)).findFirst().orElseThrow().parameterValue();
    }


    private static void assertNoSecret(String path, int number, String log) throws IOException {
        PipelineRuns.assertNoSecret(JENKINS, path, number, log, SECRETS);
    }
}
