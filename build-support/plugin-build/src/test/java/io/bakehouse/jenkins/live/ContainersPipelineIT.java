package io.bakehouse.jenkins.live;

import static io.bakehouse.jenkins.live.PipelineRuns.assertInOrder;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.jenkins.build.Distribution;
import io.bakehouse.testkit.RunnerFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.runners.MethodSorters;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The container pipeline as its users run it: the project's {@code Jenkinsfile.containers}, in the
 * real Jenkins of the distribution configured from {@code jenkins-docker/controller/casc.yaml},
 * with the {@code bakehouse} library loaded from the same repository, on the inbound agent labelled
 * {@code ecs-fargate}, against moto: the two container stacks made from
 * {@code cloudformation/app-ecs.yaml} and its parameter files, and the deploy runner's standard
 * configuration ({@code jenkins-docker/deploy-runner/standard-config.yaml}) filled in as its stack
 * would, for the in-process gatekeeper.
 *
 * <p>What moto cannot do is stood in for, visibly: the runner's Fargate task is played by running
 * the runner image's own {@code build-docker-image} script here (it checks the commit out of the
 * project's repository), whose Kaniko is {@code scripts/demo/kaniko-stand-in.py}: it records an
 * image manifest in moto's ECR under the commit's tag and plays ECR's scan on push. moto runs no
 * service tasks: started with {@code MOTO_ECS_SERVICE_RUNNING} at the largest desired count (prod's), it
 * reports that many tasks running for every service, and their deployments COMPLETED.
 *
 * <p>The tests run in order, each on what the previous left: the first push rolls dev and, once
 * approved, prod; the second rolls dev and is refused prod at the approval.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ContainersPipelineIT {

    private static final Path ROOT = Distribution.root();
    private static final Path WORK = Path.of("target/live-containers").toAbsolutePath();
    private static final Path CASC = ROOT.resolve("jenkins-docker/controller/casc.yaml");
    private static final PipelineFixtures.JobSpec JOB = PipelineFixtures.JobSpec.of(CASC);
    private static final String JENKINSFILE = "Jenkinsfile.containers";
    private static final String JOB_NAME = "containers";
    private static final String PATH = JOB.folder() + "/job/" + JOB_NAME;

    private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
    private static final String GITHUB_TOKEN = "github-token-" + UUID.randomUUID();
    private static final String EXTERNAL_ID = "prod-external-id-" + UUID.randomUUID();
    private static final String AGENT_SECRET_KEY = "agent-task-role-" + UUID.randomUUID();
    private static final String PROD_ROLE_ARN = "arn:aws:iam::123456789012:role/bakehouse-agents-prod-deploy";
    private static final List<String> SECRETS = List.of(ADMIN_PASSWORD, GITHUB_TOKEN, EXTERNAL_ID, AGENT_SECRET_KEY);
    private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    /** prod's parameter file runs three tasks, dev's one: moto reports three running for every service. */
    private static final Map<String, String> SERVICES_RUNNING = Map.of("MOTO_ECS_SERVICE_RUNNING", "3");
    private static final String[] RESULTS = {"image", "deploy-dev", "deploy-prod"};

    private static final ProjectRepo REPO = new ProjectRepo(ROOT, WORK.resolve("git"));
    private static final LiveJenkins JENKINS = new LiveJenkins(new LiveJenkins.Setup(WORK.resolve("jenkins"),
            j -> PipelineFixtures.casc(CASC, j), ContainersPipelineIT::controllerEnv, ContainersPipelineIT::agentEnv,
            "admin", ADMIN_PASSWORD, Set.of()), SERVICES_RUNNING);

    @ClassRule
    public static final RuleChain CHAIN = RuleChain.outerRule(REPO).around(JENKINS);

    private static AwsClients aws;
    private static PipelineFixtures.SmokeRunner runner;
    /** The container stacks' outputs, by environment. */
    private static final Map<String, Map<String, String>> STACKS = new LinkedHashMap<>();
    private static String firstCommit;
    private static Map<String, JsonNode> firstResults;

    private static Map<String, String> controllerEnv(LiveJenkins j) {
        return PipelineRuns.controllerEnv(j, ADMIN_PASSWORD, REPO.url(), GITHUB_TOKEN);
    }

    private static Map<String, String> agentEnv(LiveJenkins j) {
        return PipelineRuns.agentEnv(j, AGENT_SECRET_KEY, ROOT, PROD_ROLE_ARN, WORK.resolve("runner.yaml"));
    }

    @BeforeClass
    public static void setUpPipeline() throws Exception {
        aws = JENKINS.moto().clients();
        PipelineFixtures.createNetwork(aws, "dev", "10.40");
        PipelineFixtures.createNetwork(aws, "prod", "10.50");
        String template = emulatorTemplate();
        for (String environment : List.of("dev", "prod")) {
            STACKS.put(environment, createContainerStack(template, environment));
        }
        Files.writeString(WORK.resolve("runner.yaml"), standardRunnerConfig(), StandardCharsets.UTF_8);
        // The runner's task, played here: the image's own script, with Kaniko stood in for.
        Map<String, String> player = new HashMap<>(JENKINS.moto().environment());
        player.put("AWS_ENDPOINT_URL", JENKINS.moto().endpoint());
        player.put("KANIKO_EXECUTOR", ROOT.resolve("scripts/demo/kaniko-stand-in.py").toString());
        runner = new PipelineFixtures.SmokeRunner(aws, ROOT, player);

        PipelineRuns.createFolderAndJob(JENKINS.rest(), JOB, EXTERNAL_ID, JOB_NAME,
                JOB.configXml(REPO.url(), "bakehouse-github", JENKINSFILE, false));
    }

    @AfterClass
    public static void stopRunner() throws InterruptedException {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    public void a1_push_buildsTheImageOnceAndRollsDevThenAfterApprovalProd() throws Exception {
        String commit = REPO.commitAndPush("The project as it is");
        int number = JENKINS.rest().build(PATH);
        String log = answerApproval(number, commit, "proceedEmpty", "SUCCESS");

        assertInOrder(log, "[Pipeline] { (Test app)", "[Pipeline] { (Build image)", "[Pipeline] { (Deploy dev)",
                "[Pipeline] { (Approve prod)", "[Pipeline] { (Deploy prod)");
        assertTrue(log, log.contains("Running on " + LiveJenkins.AGENT));
        assertTrue(log, log.contains("Loading library bakehouse@master"));
        // the build, stood in for where moto cannot go, and saying so in the build log
        assertInOrder(log, "[build-docker-image] commit " + commit + " is on master",
                "[local stand-in for Kaniko] moto's ECR keeps image records, not layers",
                "[local stand-in for Kaniko] pushed bakehouse-app-dev:" + commit,
                "[local stand-in for ECR's scan on push] bakehouse-app-dev:" + commit + ": scan complete, findings none",
                "[local stand-in for Kaniko] pushed bakehouse-app-prod:" + commit,
                "Service " + STACKS.get("dev").get("ServiceName"), "COMPLETED",
                "Deploy image " + commit + " to prod?",
                "Service " + STACKS.get("prod").get("ServiceName"));
        assertEquals(List.of("/opt/deploy-runner/scripts/build-docker-image --commit-branch main --commit-branch master"
                + " --repo " + REPO.url() + " --ref " + commit + " --context-path app --destination " + image("dev", commit)
                + " --destination " + image("prod", commit) + " --build-arg VERSION=" + commit), runner.played());
        assertEquals(List.of(), runner.failures());

        // one image, the same in both repositories, run by both services
        ImageDetail dev = pushed("dev", commit);
        ImageDetail prod = pushed("prod", commit);
        assertEquals(dev.imageDigest(), prod.imageDigest());
        for (String environment : List.of("dev", "prod")) {
            assertEquals(environment, image(environment, commit), runningImage(environment));
        }
        Map<String, JsonNode> results = results(number);
        assertEquals(0, results.get("image").get("exitCode").asInt());
        for (String environment : List.of("dev", "prod")) {
            JsonNode rolled = results.get("deploy-" + environment);
            assertEquals(rolled.toString(), "COMPLETED", rolled.get("rolloutState").asText());
            assertFalse(rolled.get("noChanges").asBoolean());
            assertEquals(STACKS.get(environment).get("TaskDefinitionArn"), rolled.get("previousTaskDefinitionArn").asText());
            assertEquals(service(environment).taskDefinition(), rolled.get("taskDefinitionArn").asText());
            assertEquals(image(environment, commit), rolled.get("images").get("app").asText());
        }
        // prod through the prod role only, with the external ID of the folder's credential
        assertEquals(List.of(List.of(PROD_ROLE_ARN, EXTERNAL_ID)), assumedRoles());

        String description = JENKINS.rest().json("job/" + PATH + "/" + number + "/api/json?tree=description")
                .get("description").asText();
        assertEquals("image " + commit + "\ndev: COMPLETED (" + revision(results.get("deploy-dev")) + ")\nprod: COMPLETED ("
                + revision(results.get("deploy-prod")) + ")", description);
        assertNoSecret(number, log);
        firstCommit = commit;
        firstResults = results;
    }

    @Test
    public void a2_nextPushWhoseApprovalIsRefused_rollsDevOnlyAndProdKeepsTheFirstImage() throws Exception {
        assertNotNull("the first push ran", firstCommit);
        REPO.write("app/release_note.go", "package main\n\n// releaseNote changes the app's sources: a new image.\n"
                + "const releaseNote = \"second push\"\n");
        String commit = REPO.commitAndPush("Change the app");
        int number = JENKINS.rest().build(PATH);
        String log = answerApproval(number, commit, "abort", "ABORTED");

        assertInOrder(log, "Deploy image " + commit + " to prod?",
                "Stage \"Deploy prod\" skipped due to earlier failure(s)", "Rejected by ");
        assertFalse(pushed("dev", commit).imageDigest().equals(pushed("dev", firstCommit).imageDigest()));
        assertEquals(image("dev", commit), runningImage("dev"));
        assertEquals(image("prod", firstCommit), runningImage("prod"));
        Map<String, JsonNode> results = results(number);
        assertEquals(Set.of("image", "deploy-dev"), results.keySet());
        assertEquals(firstResults.get("deploy-dev").get("taskDefinitionArn").asText(),
                results.get("deploy-dev").get("previousTaskDefinitionArn").asText());
        // the prod role was not assumed again
        assertEquals(List.of(List.of(PROD_ROLE_ARN, EXTERNAL_ID)), assumedRoles());
        assertEquals(List.of(), runner.failures());
        assertNoSecret(number, log);
    }

    /** The build's console once it asked for the prod approval and was answered with {@code answer}. */
    private static String answerApproval(int number, String commit, String answer, String expected)
            throws IOException, InterruptedException {
        JenkinsRest rest = JENKINS.rest();
        rest.awaitLog(PATH, number, l -> l.contains("Deploy image " + commit + " to prod?") || l.startsWith("Finished: "),
                "the prod approval");
        if (!rest.console(PATH, number).contains("Finished: ")) {
            rest.post("job/" + PATH + "/" + number + "/input/Prod/" + answer, "application/x-www-form-urlencoded", "")
                    .expect(200, 302);
        }
        String result = rest.awaitResult(PATH, number);
        String log = rest.console(PATH, number);
        assertEquals(log, expected, result);
        return log;
    }

    /**
     * cloudformation/app-ecs.yaml as moto can create it: cfn_template.for_moto drops the alarms and
     * the security group egress its CloudFormation lacks (cloudformation/README.md, "Tests").
     */
    private static String emulatorTemplate() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; sys.path.insert(0, 'cloudformation/tests'); "
                + "import cfn_template; print(cfn_template.for_moto(cfn_template.load('app-ecs.yaml'))[0])")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("cfn_template ran in time", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(out, 0, p.exitValue());
        return out;
    }

    /**
     * The container stack of {@code environment}, bakehouse-app-ecs-ENV, created as the operator's
     * guide says: its parameter file, whose ssm: values are the network parameters, and for the first
     * create a public image (the repository is still empty). Returns its outputs.
     */
    private static Map<String, String> createContainerStack(String template, String environment) throws IOException {
        JsonNode file = PipelineFixtures.json(Files.readString(ROOT.resolve("cloudformation/params/app-ecs-" + environment
                + ".json"), StandardCharsets.UTF_8));
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode p : file) {
            String value = p.get("ParameterValue").asText();
            values.put(p.get("ParameterKey").asText(), value.startsWith("ssm:")
                    ? aws.ssm().getParameter(r -> r.name(value.substring(4))).parameter().value() : value);
        }
        values.put("ImageUri", "public.ecr.aws/docker/library/busybox:1.36");
        String stack = "bakehouse-app-ecs-" + environment;
        aws.cloudFormation().createStack(r -> r.stackName(stack).templateBody(template).capabilitiesWithStrings("CAPABILITY_IAM")
                .parameters(values.entrySet().stream().map(e -> Parameter.builder().parameterKey(e.getKey())
                        .parameterValue(e.getValue()).build()).toList()));
        var created = aws.cloudFormation().describeStacks(r -> r.stackName(stack)).stacks().get(0);
        assertEquals(created.stackStatusReason(), "CREATE_COMPLETE", created.stackStatusAsString());
        Map<String, String> outputs = new LinkedHashMap<>();
        created.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
        assertEquals(REGISTRY + "/bakehouse-app-" + environment, outputs.get("RepositoryUri"));
        return outputs;
    }

    /**
     * The deploy runner's standard configuration filled in as cloudformation/deploy-runner.yaml does,
     * with the runner's cluster, network, log group, archive bucket and image builder's task
     * definition made in moto, and this project's repository as the app repository.
     */
    private static String standardRunnerConfig() throws IOException {
        PipelineFixtures.RunnerNetwork network = PipelineFixtures.createRunnerResources(aws);
        RunnerFixtures.registerTaskDefinition(aws, "deploy-runner-docker-image-builder", "runner");
        aws.s3().createBucket(r -> r.bucket("deploy-runner-archive"));
        String builtImages = aws.ecr().createRepository(r -> r.repositoryName("bakehouse-built-images")).repository()
                .repositoryUri();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("${Cluster}", RunnerFixtures.CLUSTER);
        values.put("${SubnetList}", network.subnet());
        values.put("${TaskSecurityGroup}", network.securityGroup());
        values.put("${LogGroup}", RunnerFixtures.LOG_GROUP);
        values.put("${ArchiveBucket}", "deploy-runner-archive");
        values.put("${PackerTaskDefinition}", "deploy-runner-packer");
        values.put("${TerraformPlannerTaskDefinition}", "deploy-runner-terraform-planner");
        values.put("${TerraformApplierTaskDefinition}", "deploy-runner-terraform-applier");
        values.put("${DockerImageBuilderTaskDefinition}", "deploy-runner-docker-image-builder");
        values.put("${GitTokenSecretArn}", "arn:aws:secretsmanager:us-east-1:123456789012:secret:bakehouse-git-token-AbCdEf");
        values.put("${InfraRepoUrl}", "git://127.0.0.1:9/infra.git");
        values.put("${AppRepoUrl}", REPO.url());
        values.put("${ImageRepositoryUri}", builtImages);
        values.put("${AppImageRepositoryUriPrefix}", REGISTRY + "/bakehouse-app");
        String config = Files.readString(ROOT.resolve("jenkins-docker/deploy-runner/standard-config.yaml"),
                StandardCharsets.UTF_8);
        for (Map.Entry<String, String> v : values.entrySet()) {
            config = config.replace(v.getKey(), v.getValue());
        }
        assertFalse("every placeholder is filled in:\n" + config, config.contains("${"));
        return config;
    }

    private static String image(String environment, String commit) {
        return REGISTRY + "/bakehouse-app-" + environment + ":" + commit;
    }

    private static Service service(String environment) {
        Map<String, String> out = STACKS.get(environment);
        return aws.ecs().describeServices(r -> r.cluster(out.get("ClusterName")).services(out.get("ServiceName")))
                .services().get(0);
    }

    /** The image of the app container in the task definition the environment's service runs, as moto holds it. */
    private static String runningImage(String environment) {
        String arn = service(environment).taskDefinition();
        return aws.ecs().describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition().containerDefinitions()
                .get(0).image();
    }

    private static ImageDetail pushed(String environment, String tag) {
        return aws.ecr().describeImages(r -> r.repositoryName("bakehouse-app-" + environment)
                .imageIds(ImageIdentifier.builder().imageTag(tag).build())).imageDetails().get(0);
    }

    private static List<List<String>> assumedRoles() throws IOException {
        return JENKINS.moto().assumedRoles().stream().map(r -> Arrays.asList(r.roleArn(), r.externalId())).toList();
    }

    private static String revision(JsonNode rolled) {
        String arn = rolled.get("taskDefinitionArn").asText();
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** The step results the Jenkinsfile archived (reports/results/NAME.json), by name. */
    private static Map<String, JsonNode> results(int number) throws IOException, InterruptedException {
        return PipelineRuns.results(JENKINS.rest(), PATH, number, RESULTS);
    }


    private static void assertNoSecret(int number, String log) throws IOException {
        PipelineRuns.assertNoSecret(JENKINS, PATH, number, log, SECRETS);
    }
}
