package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.FakeCloudFormation.step;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;

public class StackDeployerTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    static final String TEMPLATE = String.join("\n",
            "Parameters:",
            "  Value:",
            "    Type: String",
            "  Env:",
            "    Type: String",
            "    Default: dev",
            "Resources:",
            "  Param:",
            "    Type: AWS::SSM::Parameter",
            "    Properties:",
            "      Name: !Sub \"/app/${Env}/value\"",
            "      Type: String",
            "      Value: !Ref Value",
            "  Queue:",
            "    Type: AWS::SQS::Queue",
            "Outputs:",
            "  QueueUrl:",
            "    Value: !Ref Queue",
            "");

    /** Polls every millisecond, so scripted waits take no time. */
    static final PollSchedule FAST = new PollSchedule(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4));

    private final RecordingReporter reporter = new RecordingReporter();
    private AwsClients clients;
    private Path template;

    @Before
    public void setUp() throws IOException {
        MOTO.reset();
        clients = MOTO.clients();
        template = write("app.yaml", TEMPLATE);
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private CfnDeployRequest.Builder request() {
        return CfnDeployRequest.builder("app").template(template.toString());
    }

    private CfnDeployResult deploy(CfnDeployRequest request) {
        return StackDeployer.of(clients, reporter).deploy(request, new CancelToken());
    }

    private CfnDeployResult deployThroughProxy(CfnDeployRequest request) {
        AwsClients proxied = MOTO.track(AwsClients.create(MotoServer.settingsFor(proxy.endpoint()), new AwsEnvironment(Map.of())));
        return StackDeployer.of(proxied, reporter).deploy(request, new CancelToken());
    }

    private String ssm(String name) {
        return clients.ssm().getParameter(r -> r.name(name)).parameter().value();
    }

    private boolean stackExists() {
        try {
            return !clients.cloudFormation().describeStacks(r -> r.stackName("app")).stacks().isEmpty();
        } catch (CloudFormationException e) {
            return false;
        }
    }

    private String output() {
        return reporter.text();
    }

    // ---- against moto

    @Test
    public void deploy_newStack_createsThroughChangeSetAndStreamsEvents() {
        CfnDeployResult result = deploy(request().params(Map.of("Value", "v1")).build());

        assertEquals("CREATE_COMPLETE", result.status());
        assertTrue(result.executed());
        assertFalse(result.noChanges());
        assertTrue(result.stackId().contains(":stack/app/"));
        assertTrue(result.changeSetId().contains(":changeSet/" + result.changeSetName() + "/"));
        assertEquals("v1", ssm("/app/dev/value"));
        assertTrue(result.events().stream().anyMatch(e -> "CREATE_COMPLETE".equals(e.status())));
        assertTrue(output(), output().contains("Add     Param       AWS::SSM::Parameter"));
        assertTrue(output(), output().contains("CREATE_COMPLETE"));
    }

    @Test
    public void deploy_existingStack_updatesWithNewParameterValue() {
        deploy(request().params(Map.of("Value", "v1")).build());

        CfnDeployResult result = deploy(request().params(Map.of("Value", "v2")).build());

        assertEquals("UPDATE_COMPLETE", result.status());
        assertEquals("v2", ssm("/app/dev/value"));
        assertTrue(result.events().stream().allMatch(e -> !"CREATE_COMPLETE".equals(e.status())));
    }

    @Test
    public void deploy_nothingChanged_succeedsWithNoChangesAndDeletesEmptyChangeSet() {
        deploy(request().params(Map.of("Value", "v1")).build());

        CfnDeployResult result = deploy(request().params(Map.of("Value", "v1")).changeSetName("again").build());

        assertTrue(result.noChanges());
        assertFalse(result.executed());
        assertEquals("CREATE_COMPLETE", result.status());
        assertThrows(CloudFormationException.class, () -> clients.cloudFormation()
                .describeChangeSet(r -> r.stackName("app").changeSetName("again")));
    }

    @Test
    public void deploy_nothingChangedAndFailOnEmpty_fails() {
        deploy(request().params(Map.of("Value", "v1")).build());

        BakehouseException e = assertThrows(BakehouseException.class, () -> deploy(request()
                .params(Map.of("Value", "v1")).failOnEmptyChangeset(true).build()));

        assertEquals(BakehouseException.Kind.FAILURE, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("already up to date"));
    }

    @Test
    public void deploy_parametersFromAwsCliListFile_commandLineWins() throws IOException {
        Path file = write("params.json", "[{\"ParameterKey\": \"Value\", \"ParameterValue\": \"from-file\"},"
                + " {\"ParameterKey\": \"Env\", \"ParameterValue\": \"qa\"}]");

        deploy(request().paramsFile(file.toString()).params(Map.of("Env", "prod")).build());

        assertEquals("from-file", ssm("/app/prod/value"));
    }

    @Test
    public void deploy_parametersFromYamlMapFile_areUsed() throws IOException {
        Path file = write("params.yaml", "Value: from-yaml\nEnv: staging\n");

        deploy(request().paramsFile(file.toString()).build());

        assertEquals("from-yaml", ssm("/app/staging/value"));
    }

    @Test
    public void deploy_parametersFromJsonMapFile_areUsed() throws IOException {
        Path file = write("params.json", "{\"Value\": \"from-json\", \"Env\": \"uat\"}");

        deploy(request().paramsFile(file.toString()).build());

        assertEquals("from-json", ssm("/app/uat/value"));
    }

    @Test
    public void deploy_keepParam_keepsPreviousValueWhileAnotherChanges() {
        deploy(request().params(Map.of("Value", "v1", "Env", "one")).build());

        CfnDeployResult result = deploy(request().params(Map.of("Env", "two")).keepParams(List.of("Value")).build());

        assertEquals("UPDATE_COMPLETE", result.status());
        Map<String, String> now = new java.util.HashMap<>();
        clients.cloudFormation().describeStacks(r -> r.stackName("app")).stacks().get(0).parameters()
                .forEach(p -> now.put(p.parameterKey(), p.parameterValue()));
        assertEquals(Map.of("Value", "v1", "Env", "two"), now);
    }

    @Test
    public void deploy_unknownParameter_isRefusedByNameAndNothingIsCreated() {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("Value", "v");
        params.put("Colour", "red");
        params.put("Size", "xl");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> deploy(request()
                .params(params).build()));

        assertEquals("params", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("Colour, Size"));
        assertTrue(e.hint(), e.hint().contains("Value, Env"));
        assertFalse(stackExists());
    }

    @Test
    public void deploy_missingParameterWithoutDefault_isReportedBeforeAnythingIsCreated() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> deploy(request().build()));

        assertEquals("params", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("needs a value for Value"));
        assertFalse(stackExists());
    }

    @Test
    public void deploy_templateOverInlineLimit_isUploadedToS3() throws IOException {
        clients.s3().createBucket(r -> r.bucket("templates"));
        String padding = ("# " + "x".repeat(98) + "\n").repeat(520);
        template = write("big.yaml", padding + TEMPLATE);

        CfnDeployResult result = deploy(request().params(Map.of("Value", "big")).s3Bucket("templates")
                .s3Prefix("cfn/").build());

        assertEquals("CREATE_COMPLETE", result.status());
        List<String> keys = clients.s3().listObjectsV2(r -> r.bucket("templates")).contents().stream()
                .map(o -> o.key()).toList();
        assertEquals(1, keys.size());
        assertTrue(keys.get(0), keys.get(0).startsWith("cfn/app-") && keys.get(0).endsWith(".yaml"));
        assertTrue(output(), output().contains("uploading it to s3://templates/cfn/app-"));
    }

    @Test
    public void deploy_templateOverInlineLimitWithoutBucket_isAUsageErrorAndNothingIsCreated() throws IOException {
        template = write("big.yaml", ("# " + "x".repeat(98) + "\n").repeat(520) + TEMPLATE);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> deploy(request().params(Map.of("Value", "v")).build()));

        assertEquals("s3Bucket", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("51200"));
        assertFalse(stackExists());
    }

    @Test
    public void deploy_templateFromS3Url_isDeployed() {
        clients.s3().createBucket(r -> r.bucket("templates"));
        // moto's GetTemplateSummary needs the format version; CloudFormation does not.
        clients.s3().putObject(r -> r.bucket("templates").key("queue.yaml"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("AWSTemplateFormatVersion: '2010-09-09'\n"
                        + "Parameters:\n  Name: {Type: String}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
                        + "    Properties: {QueueName: !Ref Name}\n"));

        CfnDeployResult result = deploy(CfnDeployRequest.builder("app").template("s3://templates/queue.yaml")
                .params(Map.of("Name", "from-s3")).build());

        assertEquals("CREATE_COMPLETE", result.status());
        assertEquals("from-s3", clients.cloudFormation().describeStacks(r -> r.stackName("app")).stacks().get(0)
                .parameters().get(0).parameterValue());
    }

    @Test
    public void deploy_templateFromS3UrlWithoutAValue_isRefusedFromItsSummaryBeforeAnythingIsCreated() {
        clients.s3().createBucket(r -> r.bucket("templates"));
        clients.s3().putObject(r -> r.bucket("templates").key("queue.yaml"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("AWSTemplateFormatVersion: '2010-09-09'\n"
                        + "Parameters:\n  Name: {Type: String}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> deploy(CfnDeployRequest.builder("app").template("s3://templates/queue.yaml").build()));

        assertTrue(e.getMessage(), e.getMessage().contains("needs a value for Name (no default)"));
        assertFalse(stackExists());
    }

    @Test
    public void deploy_parameterNoResourceUses_isDeployedAsCloudFormationDoes() throws IOException {
        template = write("unused.yaml", TEMPLATE.replace("Parameters:\n", "Parameters:\n  Replicas:\n"
                + "    Type: Number\n    Default: 2\n"));

        CfnDeployResult result = deploy(request().params(Map.of("Value", "v1", "Replicas", "3")).build());

        assertEquals("CREATE_COMPLETE", result.status());
        assertEquals("v1", ssm("/app/dev/value"));
    }

    @Test
    public void deploy_changeSetRefused_explainsCloudFormationsReasonInOneLineAndCreatesNothing() {
        proxy.always("CreateChangeSet", Fault.awsError(400, "ValidationError", "Template format error: Unresolved"
                + " resource dependencies [Ghost] in the Resources block of the template"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> deployThroughProxy(request().params(Map.of("Value", "v")).build()));

        assertEquals("template", e.field());
        assertEquals("CloudFormation refused the change set for stack app from " + template + ": Template format error:"
                + " Unresolved resource dependencies [Ghost] in the Resources block of the template; nothing was changed",
                e.getMessage());
        assertFalse(stackExists());
    }

    @Test
    public void deploy_noExecuteThenExecuteChangeSet_reviewsFirstAndRunsLater() {
        CfnDeployResult review = deploy(request().params(Map.of("Value", "v1")).changeSetName("review-1")
                .noExecute(true).build());

        assertFalse(review.executed());
        assertEquals("REVIEW_IN_PROGRESS", review.status());
        assertEquals(2, review.changes().size());
        assertThrows(Exception.class, () -> ssm("/app/dev/value"));

        CfnDeployResult run = deploy(CfnDeployRequest.builder("app").executeChangeSet("review-1").build());

        assertTrue(run.executed());
        assertEquals("CREATE_COMPLETE", run.status());
        assertEquals("v1", ssm("/app/dev/value"));
    }

    @Test
    public void deploy_tagsAndStackPolicy_areApplied() throws IOException {
        Path tags = write("tags.json", "[{\"Key\": \"team\", \"Value\": \"bakers\"}]");
        Path policy = write("policy.json", "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"Update:*\","
                + " \"Principal\": \"*\", \"Resource\": \"*\"}]}");

        deploy(request().params(Map.of("Value", "v")).tagsFile(tags.toString()).tags(Map.of("env", "dev"))
                .stackPolicy(policy.toString()).build());

        Stack stack = clients.cloudFormation().describeStacks(r -> r.stackName("app")).stacks().get(0);
        Map<String, String> tagMap = new java.util.HashMap<>();
        stack.tags().forEach(t -> tagMap.put(t.key(), t.value()));
        assertEquals(Map.of("team", "bakers", "env", "dev"), tagMap);
        assertTrue(clients.cloudFormation().getStackPolicy(r -> r.stackName("app")).stackPolicyBody().contains("Update:*"));
    }

    @Test
    public void deploy_resourceTheEmulatorRefuses_reportsItsReasonAndCleansUpOwnChangeSetAndStack() throws IOException {
        // moto writes no CREATE_FAILED events: a resource it refuses makes ExecuteChangeSet itself
        // fail with the resource's error, which is our own failure to execute.
        template = write("broken.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
                + "    Properties:\n      QueueName: \"bad name!\"\n");

        BakehouseException e = assertThrows(BakehouseException.class, () -> deploy(CfnDeployRequest.builder("app")
                .template(template.toString()).changeSetName("broken").build()));

        assertTrue(e.getMessage(), e.getMessage().contains("executing change set broken"));
        assertTrue(e.getMessage(), e.getMessage().contains("Can only include alphanumeric characters"));
        assertFalse("the REVIEW_IN_PROGRESS stack we created is gone", stackExists());
        assertTrue(output(), output().contains("Deleted change set broken"));
        assertTrue(output(), output().contains("Deleted stack app"));
    }

    // ---- the deployment report

    @Test
    public void deploy_withReport_writesChangesEventsOutputsAndMasksTheNoEchoParameter() throws IOException {
        template = write("secret.yaml", TEMPLATE.replace("Parameters:\n", "Parameters:\n  Token:\n    Type: String\n"
                + "    NoEcho: true\n").replace("Resources:\n", "Resources:\n  TokenParam:\n    Type: AWS::SSM::Parameter\n"
                + "    Properties: {Name: /app/token, Type: String, Value: !Ref Token}\n"));
        Path page = tmp.getRoot().toPath().resolve("reports/deploy.html");

        CfnDeployResult result = deploy(request().params(Map.of("Value", "v1", "Token", "tok-4711-secret"))
                .report(page.toString()).build());

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html, html.contains(result.changeSetName()));
        assertTrue(html, html.contains("CREATE_COMPLETE"));
        assertTrue(html, html.contains("AWS::SQS::Queue"));
        assertTrue(html, html.contains("v1"));
        assertFalse("the NoEcho value leaked into the report", html.contains("tok-4711-secret"));
        assertTrue(html, html.contains("<rect "));
        assertTrue(output(), output().contains("Wrote the deployment report to " + page));
    }

    @Test
    public void deploy_noExecuteWithReport_writesTheChangeSetWithoutEvents() throws IOException {
        Path page = tmp.getRoot().toPath().resolve("review.html");

        CfnDeployResult result = deploy(request().params(Map.of("Value", "v1")).noExecute(true)
                .changeSetName("review").report(page.toString()).build());

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertFalse(result.executed());
        assertTrue(html, html.contains("review"));
        assertTrue(html, html.contains("REVIEW_IN_PROGRESS"));
        assertTrue(html, html.contains("AWS::SSM::Parameter"));
        assertFalse(html, html.contains("<rect "));
    }

    @Test
    public void deploy_invalidInputWithReport_writesNoReport() {
        Path page = tmp.getRoot().toPath().resolve("never.html");

        assertThrows(InvalidInputException.class, () -> deploy(request().report(page.toString()).build()));

        assertFalse(Files.exists(page));
    }

    @Test
    public void deploy_resourceTheEmulatorRefusesWithReport_writesTheFailedDeployment() throws IOException {
        template = write("broken.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
                + "    Properties:\n      QueueName: \"bad name!\"\n");
        Path page = tmp.getRoot().toPath().resolve("broken.html");

        assertThrows(BakehouseException.class, () -> deploy(CfnDeployRequest.builder("app")
                .template(template.toString()).changeSetName("broken").report(page.toString()).build()));

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html, html.contains("broken"));
        assertTrue(html, html.contains("AWS::SQS::Queue"));
        assertTrue(html, html.contains("FAILED"));
    }

    @Test
    public void deploy_executeRefused_deletesChangeSetAndKeepsExistingStack() {
        deploy(request().params(Map.of("Value", "v1")).build());
        proxy.always("ExecuteChangeSet", Fault.awsError(400, "ValidationError", "simulated refusal"));

        BakehouseException e = assertThrows(BakehouseException.class, () -> deployThroughProxy(request()
                .params(Map.of("Value", "v2")).changeSetName("refused").build()));

        assertTrue(e.getMessage(), e.getMessage().contains("simulated refusal"));
        assertThrows(CloudFormationException.class, () -> clients.cloudFormation()
                .describeChangeSet(r -> r.stackName("app").changeSetName("refused")));
        assertTrue(stackExists());
        assertEquals("v1", ssm("/app/dev/value"));
    }

    @Test
    public void deploy_insufficientCapabilities_namesTheCapabilityAndLeavesNothing() {
        proxy.always("CreateChangeSet", Fault.awsError(400, "InsufficientCapabilitiesException",
                "Requires capabilities : [CAPABILITY_NAMED_IAM]"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> deployThroughProxy(request().params(Map.of("Value", "v")).build()));

        assertEquals("capabilities", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("CAPABILITY_NAMED_IAM"));
        assertTrue(e.hint(), e.hint().contains("--capability CAPABILITY_NAMED_IAM"));
        assertFalse(stackExists());
    }

    @Test
    public void deploy_throttledPolls_areRetriedAndTheDeploySucceeds() {
        proxy.failNext("DescribeChangeSet", 4, Fault.throttle()); // more than the SDK's own retries
        reporter.onProgress(line -> {
            if (line.startsWith("Executing change set")) {
                // more throttled polls in a row than the SDK retries: our polling backs off and goes on
                proxy.failNext("DescribeStackEvents", 4, Fault.throttle());
                proxy.failNext("DescribeStacks", 4, Fault.throttle());
            }
        });

        CfnDeployResult result = deployThroughProxy(request().params(Map.of("Value", "v1")).build());

        assertEquals("CREATE_COMPLETE", result.status());
        assertTrue(proxy.requests("DescribeStackEvents") > 5);
        assertEquals(12, proxy.faultsInjected());
    }

    @Test
    public void deploy_ssmValuesInParamsFile_areReadFromParameterStoreBeforeTheChangeSet() throws IOException {
        clients.ssm().putParameter(r -> r.name("/DeploymentConfig/dev/App/Value").type("String").value("from-ssm"));
        Path params = write("dev.json", "[{\"ParameterKey\": \"Value\","
                + " \"ParameterValue\": \"ssm:/DeploymentConfig/dev/App/Value\"}]");

        CfnDeployResult result = deploy(request().paramsFile(params.toString()).build());

        assertEquals("CREATE_COMPLETE", result.status());
        assertEquals("from-ssm", ssm("/app/dev/value"));
        assertTrue(output(), output().contains("Parameter Value = from-ssm (from SSM /DeploymentConfig/dev/App/Value)"));
    }

    @Test
    public void deploy_ssmValueForNoEchoParameter_isMaskedWhereItIsShown() throws IOException {
        clients.ssm().putParameter(r -> r.name("/app/token").type("String").value("tok-3141592653"));
        template = write("noecho.yaml", String.join("\n",
                "Parameters:",
                "  Token:",
                "    Type: String",
                "    NoEcho: true",
                "Resources:",
                "  Copy:",
                "    Type: AWS::SSM::Parameter",
                "    Properties:",
                "      Type: String",
                "      Value: !Ref Token",
                ""));

        deploy(request().params(Map.of("Token", "ssm:/app/token")).build());

        assertTrue(output(), output().contains("Parameter Token = **** (from SSM /app/token)"));
        assertFalse(output(), output().contains("tok-3141592653"));
    }

    @Test
    public void deploy_missingSsmParameter_failsAsUsageErrorAndCreatesNothing() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> deploy(request().params(Map.of("Value", "ssm:/DeploymentConfig/dev/App/Missing")).build()));

        assertTrue(e.getMessage(), e.getMessage().contains("SSM parameter /DeploymentConfig/dev/App/Missing"
                + " (for stack parameter Value) does not exist"));
        assertFalse(stackExists());
    }

    @Test
    public void deploy_persistentThrottling_isReportedAsThrottling() {
        proxy.always("CreateChangeSet", Fault.throttle());

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> deployThroughProxy(request().params(Map.of("Value", "v1")).build()));

        assertTrue(e.getMessage(), e.getMessage().contains("throttling"));
        assertFalse(stackExists());
    }

    // ---- states the emulator cannot produce: a fake CloudFormation behind the same interface

    private StackDeployer fakeDeployer(FakeCloudFormation fake) {
        return fakeDeployer(fake, reporter);
    }

    /** A deployer over {@code fake}: fast polls, a 5 s settle timeout, no S3 or SSM expected. */
    static StackDeployer fakeDeployer(FakeCloudFormation fake, Reporter reporter) {
        return new StackDeployer(fake, reporter, () -> {
            throw new AssertionError("no upload expected");
        }, () -> {
            throw new AssertionError("no SSM read expected");
        }, "us-east-1", FAST, Duration.ofSeconds(5));
    }

    private CfnDeployRequest fakeRequest() {
        return request().params(Map.of("Value", "v")).build();
    }

    @Test
    public void deploy_fakeCloudFormation_failedUpdateExplainsRootCauseAndFinalStatus() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");
        fake.script("execute",
                step("UPDATE_IN_PROGRESS", fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated")),
                step("UPDATE_ROLLBACK_IN_PROGRESS",
                        fake.event("Queue", "AWS::SQS::Queue", "UPDATE_FAILED", "Queue name already exists"),
                        fake.event("Param", "AWS::SSM::Parameter", "UPDATE_FAILED", "Resource update cancelled"),
                        fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS",
                                "The following resource(s) failed to update: [Queue]")),
                step("UPDATE_ROLLBACK_COMPLETE",
                        fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", null)));

        StackFailedException e = assertThrows(StackFailedException.class,
                () -> fakeDeployer(fake).deploy(fakeRequest(), new CancelToken()));

        assertEquals("UPDATE_ROLLBACK_COMPLETE", e.status());
        assertEquals(1, e.rootCause().size());
        assertTrue(e.getMessage(), e.getMessage().contains("ended in UPDATE_ROLLBACK_COMPLETE. Root cause: Queue"
                + " (AWS::SQS::Queue) UPDATE_FAILED: Queue name already exists"));
        assertTrue(e.hint(), e.hint().contains("previous version"));
        assertTrue(output(), output().contains("UPDATE_FAILED"));
    }

    @Test
    public void deploy_fakeCloudFormation_failedUpdateWithReport_writesTheFailedTimeline() throws IOException {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");
        fake.script("execute",
                step("UPDATE_IN_PROGRESS", fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated")),
                step("UPDATE_ROLLBACK_COMPLETE",
                        fake.event("Queue", "AWS::SQS::Queue", "UPDATE_FAILED", "Queue name already exists"),
                        fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", null)));
        Path page = tmp.getRoot().toPath().resolve("failed.html");

        assertThrows(StackFailedException.class, () -> fakeDeployer(fake).deploy(request().params(Map.of("Value", "v"))
                .report(page.toString()).build(), new CancelToken()));

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html, html.contains("UPDATE_ROLLBACK_COMPLETE"));
        assertTrue(html, html.contains("Queue name already exists"));
        assertTrue(html, html.contains("UPDATE_FAILED"));
    }

    @Test
    public void deploy_fakeCloudFormation_rollbackCompleteStackIsDeletedAndRecreated() {
        FakeCloudFormation fake = new FakeCloudFormation("ROLLBACK_COMPLETE");
        fake.script("delete", step("DELETE_IN_PROGRESS"), step("DELETE_COMPLETE"));
        fake.script("execute", step("CREATE_COMPLETE", fake.event("app", "AWS::CloudFormation::Stack", "CREATE_COMPLETE", null)));

        CfnDeployResult result = fakeDeployer(fake).deploy(fakeRequest(), new CancelToken());

        assertEquals("CREATE_COMPLETE", result.status());
        assertEquals(List.of("deleteStack", "createChangeSet CREATE", "executeChangeSet "
                + fake.changeSets.get(0).name()), fake.calls);
        assertTrue(output(), output().contains("can only be deleted: deleting it and creating it again"));
    }

    @Test
    public void deploy_fakeCloudFormation_rollbackCompleteWithReplacementOff_failsWithoutTouchingIt() {
        FakeCloudFormation fake = new FakeCloudFormation("ROLLBACK_COMPLETE");

        BakehouseException e = assertThrows(BakehouseException.class, () -> fakeDeployer(fake)
                .deploy(request().params(Map.of("Value", "v")).replaceFailedStack(false).build(), new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().contains("ROLLBACK_COMPLETE"));
        assertTrue(fake.calls.isEmpty());
    }

    @Test
    public void deploy_fakeCloudFormation_reviewInProgressStackCountsAsNew() {
        FakeCloudFormation fake = new FakeCloudFormation("REVIEW_IN_PROGRESS");
        fake.script("execute", step("CREATE_COMPLETE"));

        fakeDeployer(fake).deploy(fakeRequest(), new CancelToken());

        assertTrue(fake.calls.toString(), fake.calls.contains("createChangeSet CREATE"));
    }

    @Test
    public void deploy_fakeCloudFormation_someoneElsesUpdateIsWaitedForFirst() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_IN_PROGRESS");
        fake.now(step("UPDATE_IN_PROGRESS"), step("UPDATE_IN_PROGRESS"),
                step("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"), step("UPDATE_COMPLETE"));
        fake.script("execute", step("UPDATE_COMPLETE"));

        CfnDeployResult result = fakeDeployer(fake).deploy(fakeRequest(), new CancelToken());

        assertEquals("UPDATE_COMPLETE", result.status());
        assertTrue(output(), output().contains("is busy (UPDATE_IN_PROGRESS"));
        assertTrue(output(), output().indexOf("is busy (UPDATE_IN_PROGRESS") < output().indexOf("Creating change set"));
        assertTrue(fake.calls.toString(), fake.calls.contains("createChangeSet UPDATE"));
    }

    @Test
    public void deploy_fakeCloudFormation_someoneElsesOperationOutlastingTheTimeout_failsWithoutStartingOurs() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_IN_PROGRESS");

        BakehouseException e = assertThrows(BakehouseException.class, () -> fakeDeployer(fake).deploy(
                request().params(Map.of("Value", "v")).timeout(Duration.ofMillis(300)).build(), new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().contains("Timed out"));
        assertFalse(fake.calls.toString(), fake.calls.stream().anyMatch(c -> c.startsWith("createChangeSet")));
    }

    @Test
    public void deploy_fakeCloudFormation_abortDuringUpdateCancelsItAndWaitsForRollback() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");
        FakeCloudFormation.Step[] running = new FakeCloudFormation.Step[50];
        for (int i = 0; i < running.length; i++) {
            running[i] = step("UPDATE_IN_PROGRESS");
        }
        fake.script("execute", running);
        fake.script("cancel", step("UPDATE_ROLLBACK_IN_PROGRESS",
                        fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS", "User cancelled")),
                step("UPDATE_ROLLBACK_COMPLETE"));
        CancelToken cancel = new CancelToken();
        fake.onDescribe = n -> {
            if (fake.calls.stream().anyMatch(c -> c.startsWith("executeChangeSet")) && n > 4) {
                cancel.cancel("test abort");
            }
        };

        CancelledException e = assertThrows(CancelledException.class,
                () -> fakeDeployer(fake).deploy(fakeRequest(), cancel));

        assertTrue(fake.calls.toString(), fake.calls.contains("cancelUpdate"));
        assertTrue(e.getMessage(), e.getMessage().contains("the update was cancelled; the stack is now UPDATE_ROLLBACK_COMPLETE"));
        assertTrue(output(), output().contains("warn: Interrupted (test abort): cancelling the update of app"));
    }

    @Test
    public void deploy_fakeCloudFormation_capabilityALocalTemplateNeeds_isNamedBeforeAnyCall() throws IOException {
        FakeCloudFormation fake = new FakeCloudFormation(null);
        fake.onDescribe = n -> {
            throw new AssertionError("no call expected");
        };
        template = write("iam.yaml", TEMPLATE.replace("Resources:\n", "Resources:\n  DeployRole:\n"
                + "    Type: AWS::IAM::Role\n"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fakeDeployer(fake).deploy(fakeRequest(), new CancelToken()));

        assertEquals("capabilities", e.field());
        assertEquals("the template needs CAPABILITY_IAM (IAM resources: DeployRole); nothing was changed", e.getMessage());
        assertEquals(List.of(), fake.calls);
    }

    @Test
    public void deploy_fakeCloudFormation_capabilityAnS3TemplateNeeds_isNamedFromItsSummary() {
        FakeCloudFormation fake = new FakeCloudFormation(null);
        fake.summary = new TemplateSummary(List.of(new TemplateParameter("Value", "String", false, false, List.of())),
                Map.of("CAPABILITY_NAMED_IAM", "The following resource(s) require capabilities: [AWS::IAM::Role]"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fakeDeployer(fake).deploy(
                CfnDeployRequest.builder("app").template("s3://templates/app.yaml").params(Map.of("Value", "v"))
                        .capabilities(List.of("CAPABILITY_IAM")).build(), new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().contains("needs CAPABILITY_NAMED_IAM (The following resource(s)"));
        assertEquals(List.of("summarise"), fake.calls);
    }

    @Test
    public void deploy_fakeCloudFormation_s3Template_takesItsParametersFromItsSummary() {
        FakeCloudFormation fake = new FakeCloudFormation(null);
        fake.summary = new TemplateSummary(List.of(new TemplateParameter("Env", "String", false, false,
                List.of("dev", "prod"))), Map.of());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fakeDeployer(fake).deploy(
                CfnDeployRequest.builder("app").template("s3://templates/app.yaml").build(), new CancelToken()));

        assertEquals("template s3://templates/app.yaml needs a value for Env (no default); nothing was created",
                e.getMessage());
        assertEquals("pass --param Env=VALUE (params) or add it to the parameters file; Env takes one of: dev, prod",
                e.hint());
        assertEquals(List.of("summarise"), fake.calls);
    }

    @Test
    public void deploy_fakeCloudFormation_terminationProtectionIsTurnedOnAfterSuccess() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");
        fake.script("execute", step("UPDATE_COMPLETE"));

        fakeDeployer(fake).deploy(request().params(Map.of("Value", "v")).terminationProtection(true).build(),
                new CancelToken());

        assertEquals("enableTerminationProtection", fake.calls.get(fake.calls.size() - 1));
    }

    @Test
    public void deploy_fakeCloudFormation_outputsAreReturned() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");
        fake.script("execute", step("UPDATE_COMPLETE"));

        CfnDeployResult result = fakeDeployer(fake).deploy(fakeRequest(), new CancelToken());

        assertEquals(Map.of("Url", "http://app"), result.outputs());
        assertTrue(fake.calls.contains("executeChangeSet " + result.changeSetName()));
    }
}
