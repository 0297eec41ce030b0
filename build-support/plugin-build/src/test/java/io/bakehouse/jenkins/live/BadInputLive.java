package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.jenkins.build.Distribution;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.RunnerFixtures;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Each step given bad input on the agent: the build fails with the step's one line (no Java
 * stack trace of ours) and nothing is left half-done in moto.
 */
public class BadInputLive {

    private static final LiveJenkins JENKINS = LiveJenkinsIT.JENKINS;
    private static final String TEMPLATE = String.join("\n",
            "Parameters:",
            "  Value:",
            "    Type: String",
            "Resources:",
            "  Param:",
            "    Type: AWS::SSM::Parameter",
            "    Properties:",
            "      Name: /bad-input/value",
            "      Type: String",
            "      Value: !Ref Value",
            "");

    private static final String DESCRIBE_HINT = " (run with --describe-containers to see what each script accepts)";
    private static String runnerConfig;
    /** The runner cluster's tasks before this class ran (other classes share the cluster). */
    private static Set<String> tasksBefore;

    @BeforeClass
    public static void runnerResources() {
        runnerConfig = LiveRunner.configText(JENKINS.moto(), JENKINS.moto().clients());
        tasksBefore = new LiveRunner(JENKINS.moto().clients()).tasks();
    }

    /** Runs {@code body} on the agent as job {@code job}; expects FAILURE and returns the log. */
    private static String fails(String job, String body, String... files) throws Exception {
        JENKINS.rest().createPipeline(job, "node('ecs-fargate') {\n" + body + "\n}\n");
        for (int i = 0; i < files.length; i += 2) {
            Workspaces.write(JENKINS, job, files[i], files[i + 1]);
        }
        String log = JENKINS.rest().run(job, "FAILURE");
        assertFalse("a stack trace of ours in:\n" + log, log.contains("\tat io.bakehouse"));
        assertFalse(log, log.contains(LiveJenkins.SECRET_KEY));
        return log;
    }

    /** The build's error is exactly {@code line}, on one line of its own. */
    private static void assertErrorLine(String log, String line) {
        assertTrue("no line '" + line + "' in:\n" + log, log.lines().anyMatch(line::equals));
    }

    private static String aws() {
        return Workspaces.aws(JENKINS, "us-east-1");
    }

    // publishAmiParam

    @Test
    public void publishAmiParam_unknownAmi_failsAndLeavesThePreviousValue() throws Exception {
        String name = "/bad-input/unknown-ami";
        String previous = AwsFixtures.createAmi(JENKINS.moto().clients(), "bad-input-previous");
        JENKINS.moto().clients().ssm().putParameter(q -> q.name(name).value(previous).type("String")
                .dataType("aws:ec2:image"));

        String log = fails("bad-publish-unknown", "publishAmiParam name: '" + name
                + "', amiId: 'ami-0123456789abcdef0', " + aws());

        assertErrorLine(log, "ERROR: publishAmiParam: AMI ami-0123456789abcdef0 does not exist in us-east-1; nothing was"
                + " written (check the AMI ID and region (an AMI copied to another region has another ID))");
        Parameter p = JENKINS.moto().clients().ssm().getParameter(q -> q.name(name)).parameter();
        assertEquals(previous, p.value());
        assertEquals(Long.valueOf(1), p.version());
    }

    @Test
    public void publishAmiParam_malformedAmi_failsAndWritesNoParameter() throws Exception {
        String name = "/bad-input/malformed-ami";

        String log = fails("bad-publish-malformed", "publishAmiParam name: '" + name + "', amiId: 'not-an-ami', "
                + aws());

        assertErrorLine(log, "ERROR: publishAmiParam: amiId: 'not-an-ami' is not an AMI ID"
                + " (AMI IDs look like ami-0123456789abcdef0)");
        assertThrows(ParameterNotFoundException.class,
                () -> JENKINS.moto().clients().ssm().getParameter(q -> q.name(name)));
    }

    @Test
    public void publishAmiParam_withoutItsRequiredName_failsNamingIt() throws Exception {
        String log = fails("bad-publish-no-name", "publishAmiParam amiId: 'ami-0123456789abcdef0', " + aws());

        assertErrorLine(log, "ERROR: publishAmiParam: name is required");
    }

    // cfnDeploy

    private static List<StackSummary> stacksNamed(String stack) {
        return JENKINS.moto().clients().cloudFormation().listStacks().stackSummaries().stream()
                .filter(s -> s.stackName().equals(stack)).toList();
    }

    @Test
    public void cfnDeploy_unknownParameter_failsAndCreatesNoStackOrChangeSet() throws Exception {
        String log = fails("bad-cfn-unknown-param", "cfnDeploy stack: 'bad-unknown-param', template: 'app.yaml', "
                + "params: [Value: 'v1', Colour: 'blue'], " + aws(), "app.yaml", TEMPLATE);

        assertErrorLine(log, "ERROR: cfnDeploy: params: template " + JENKINS.workspace("bad-cfn-unknown-param")
                .resolve("app.yaml") + " has no parameter Colour (the template declares: Value)");
        assertEquals(List.of(), stacksNamed("bad-unknown-param"));
    }

    @Test
    public void cfnDeploy_missingParameterValue_failsAndCreatesNoStackOrChangeSet() throws Exception {
        String log = fails("bad-cfn-missing-value", "cfnDeploy stack: 'bad-missing-value', template: 'app.yaml', "
                + aws(), "app.yaml", TEMPLATE);

        assertErrorLine(log, "ERROR: cfnDeploy: params: template " + JENKINS.workspace("bad-cfn-missing-value")
                .resolve("app.yaml") + " needs a value for Value (no default); nothing was created"
                + " (pass --param Value=VALUE (params) or add it to the parameters file)");
        assertEquals(List.of(), stacksNamed("bad-missing-value"));
    }

    // ecsDeployRunner

    /** The tasks started in the runner's cluster since this class began. */
    private static Set<String> runnerTasks() {
        Set<String> started = new TreeSet<>(new LiveRunner(JENKINS.moto().clients()).tasks());
        started.removeAll(tasksBefore);
        return started;
    }

    private static String runner(String container, String script, String args) {
        return "ecsDeployRunner container: '" + container + "', script: '" + script + "', " + args
                + "config: 'runner-config.yaml', " + aws();
    }

    @Test
    public void ecsDeployRunner_unknownContainer_failsAndStartsNoTask() throws Exception {
        String log = fails("bad-runner-container", runner("docker", "build", ""), "runner-config.yaml", runnerConfig);

        assertErrorLine(log, "ERROR: ecsDeployRunner: deploy runner refused docker build: container 'docker' is not in"
                + " the runner configuration (known: packer, terraform-planner)" + DESCRIBE_HINT);
        assertEquals(Set.of(), runnerTasks());
    }

    @Test
    public void ecsDeployRunner_unknownScript_failsAndStartsNoTask() throws Exception {
        String log = fails("bad-runner-script", runner("terraform-planner", "apply", ""), "runner-config.yaml",
                runnerConfig);

        assertErrorLine(log, "ERROR: ecsDeployRunner: deploy runner refused terraform-planner apply: container"
                + " 'terraform-planner' has no script 'apply' (known: plan, plan-dashes, noargs, annotate)" + DESCRIBE_HINT);
        assertEquals(Set.of(), runnerTasks());
    }

    @Test
    public void ecsDeployRunner_disallowedArgument_failsAndStartsNoTask() throws Exception {
        String log = fails("bad-runner-arg", runner("packer", "build-packer-artifact",
                "args: ['--repo', 'https://github.com/someone-else/infra.git', '--ref', 'main'], "),
                "runner-config.yaml", runnerConfig);

        assertErrorLine(log, "ERROR: ecsDeployRunner: deploy runner refused packer build-packer-artifact: repository"
                + " https://github.com/someone-else/infra.git is not one script 'build-packer-artifact' may check out"
                + " [https://github.com/acme/infra.git]" + DESCRIBE_HINT);
        assertEquals(Set.of(), runnerTasks());
    }

    @Test
    public void ecsDeployRunner_numberParameterGivenText_failsInJenkinsBeforeTheStep() throws Exception {
        String log = fails("bad-runner-type", runner("terraform-planner", "plan", "taskCpu: 'lots', "),
                "runner-config.yaml", runnerConfig);

        assertTrue(log, log.contains("setTaskCpu() expects class java.lang.Integer but was unable to coerce the"
                + " received value \"lots\""));
        assertEquals(Set.of(), runnerTasks());
    }

    // ecsServiceDeploy

    private static final String ECS_SERVICE = "bad-input-app";
    private static String ecsTaskDefinition;

    /** The service the bad requests name (made once, on app:1). */
    private static synchronized String ecsService() {
        if (ecsTaskDefinition == null) {
            ecsTaskDefinition = LiveServices.create(JENKINS.moto().clients(), ECS_SERVICE, 1);
        }
        return ECS_SERVICE;
    }

    /** Runs ecsServiceDeploy with {@code args}; it must fail, and the service and the family be as they were. */
    private static String ecsFails(String job, String args) throws Exception {
        ecsService();
        var aws = JENKINS.moto().clients();
        List<String> revisions = LiveServices.revisions(aws);
        String log = fails(job, "ecsServiceDeploy " + args + ", report: 'reports/ecs.html', " + aws());
        assertEquals(ecsTaskDefinition, LiveServices.service(aws, ECS_SERVICE).taskDefinition());
        assertEquals(revisions, LiveServices.revisions(aws));
        assertFalse("a request refused before any change writes no report",
                java.nio.file.Files.exists(JENKINS.workspace(job).resolve("reports/ecs.html")));
        return log;
    }

    @Test
    public void ecsServiceDeploy_unknownCluster_failsAndChangesNothing() throws Exception {
        String log = ecsFails("bad-ecs-cluster", "cluster: 'staging', service: '" + ecsService() + "', image: '"
                + LiveServices.image("v2") + "'");

        assertErrorLine(log, "ERROR: ecsServiceDeploy: cluster staging does not exist (check the cluster's name, the"
                + " account and the region (aws ecs list-clusters))");
    }

    @Test
    public void ecsServiceDeploy_unknownService_failsAndChangesNothing() throws Exception {
        String log = ecsFails("bad-ecs-service", "cluster: '" + LiveServices.CLUSTER + "', service: 'worker', image: '"
                + LiveServices.image("v2") + "'");

        assertErrorLine(log, "ERROR: ecsServiceDeploy: cluster " + LiveServices.CLUSTER + " has no active service worker"
                + " (check the service's name (aws ecs list-services --cluster " + LiveServices.CLUSTER + "))");
    }

    @Test
    public void ecsServiceDeploy_containerTheTaskDefinitionLacks_failsNamingItsContainersAndChangesNothing()
            throws Exception {
        String log = ecsFails("bad-ecs-container", "cluster: '" + LiveServices.CLUSTER + "', service: '" + ecsService()
                + "', images: [worker: '" + LiveServices.image("v2") + "']");

        assertErrorLine(log, "ERROR: ecsServiceDeploy: images: task definition app:1 has no container 'worker'"
                + " (its containers: web, log-router)");
    }

    @Test
    public void ecsServiceDeploy_invalidImageReference_failsBeforeAnyCallAndChangesNothing() throws Exception {
        String bad = LiveServices.image("v2").replace("/app:", "/App:");
        String log = ecsFails("bad-ecs-reference", "cluster: '" + LiveServices.CLUSTER + "', service: '" + ecsService()
                + "', image: '" + bad + "'");

        assertErrorLine(log, "ERROR: ecsServiceDeploy: image '" + bad + "' is not a valid image reference: repository"
                + " names are lowercase ('App') (write REPOSITORY[:TAG][@sha256:DIGEST], e.g."
                + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:9f1c2ab or nginx:1.27)");
    }

    @Test
    public void ecsServiceDeploy_ecrImageThatDoesNotExist_failsAndChangesNothing() throws Exception {
        String log = ecsFails("bad-ecs-image", "cluster: '" + LiveServices.CLUSTER + "', service: '" + ecsService()
                + "', image: '" + LiveServices.image("v9") + "'");

        assertErrorLine(log, "ERROR: ecsServiceDeploy: image " + LiveServices.image("v9") + " does not exist: ECR"
                + " repository app has no image tagged v9 (push the image first, or check the tag"
                + " (aws ecr describe-images --repository-name app))");
    }

    // packerBuild

    @Test
    public void packerBuild_missingTemplate_failsAndBakesNothing() throws Exception {
        Set<String> before = PackerBuildLive.selfImages(JENKINS);

        String log = fails("bad-packer-template", "packerBuild template: 'packer/nope.pkr.hcl', " + aws());

        // the new job's workspace is made for the step, so the missing template is what the step names
        assertErrorLine(log, "ERROR: packerBuild: Template " + JENKINS.workspace("bad-packer-template")
                .resolve("packer/nope.pkr.hcl") + " does not exist (pass the path of a .pkr.hcl, .pkr.json or .json"
                + " template, or of a directory of .pkr.hcl files (relative paths start at workingDir))");
        assertEquals(before, PackerBuildLive.selfImages(JENKINS));
    }

    @Test
    public void packerBuild_variableThatFailsTheTemplatesValidation_failsAndBakesNothing() throws Exception {
        String job = "bad-packer-var";
        Set<String> before = PackerBuildLive.selfImages(JENKINS);
        JENKINS.rest().createPipeline(job, "node('ecs-fargate') {\n"
                + "packerBuild template: 'packer/bakehouse-app.pkr.hcl', only: ['local.*'], vars: [app_version: '1.0.0',"
                + " git_sha: 'abc', local_ec2_endpoint: '" + JENKINS.moto().endpoint() + "'], " + aws() + "\n}\n");
        Workspaces.copyTree(JENKINS, job, Distribution.root().resolve("packer"), "packer");

        String log = JENKINS.rest().run(job, "FAILURE");

        assertFalse(log, log.contains("\tat io.bakehouse"));
        assertTrue(log, log.lines().anyMatch(
                "[packerBuild] The git_sha variable must hold a commit id of at least 7 characters."::equals));
        // "varfile": Packer gets every variable from Bakehouse's owner-only var file, none on its command line
        assertErrorLine(log, "ERROR: packerBuild: Packer rejected the template bakehouse-app.pkr.hcl: Error: Invalid"
                + " value for varfile variable (fix the template or its variables (Packer's messages are above))");
        assertEquals(before, PackerBuildLive.selfImages(JENKINS));
    }
}
