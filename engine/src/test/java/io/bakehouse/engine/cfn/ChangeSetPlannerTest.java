package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Json;
import io.bakehouse.engine.output.Secrets;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The planner's preview ({@link StackDeployer#preview}): the parameters a deployment would send,
 * checked as before its first write, against moto behind a recording proxy, so that every call
 * it makes is seen; and against a fake for a stack busy with someone else's operation.
 */
public class ChangeSetPlannerTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    /** The calls a preview may make: reading the stack and SSM parameters, nothing else. */
    private static final Set<String> READS = Set.of("DescribeStacks", "GetParameters", "GetParameter");

    private static final String TEMPLATE = String.join("\n",
            "Parameters:",
            "  AmiId: {Type: 'AWS::EC2::Image::Id'}",
            "  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}",
            "  Size: {Type: Number, Default: 2}",
            "  Token: {Type: String, NoEcho: true}",
            "  Value: {Type: String}",
            "Resources:",
            "  Param:",
            "    Type: AWS::SSM::Parameter",
            "    Properties: {Type: String, Value: !Ref Value}",
            "");

    private final RecordingReporter reporter = new RecordingReporter();
    private AwsClients clients;
    private Path template;

    @Before
    public void setUp() throws IOException {
        MOTO.reset();
        clients = MOTO.clients();
        template = tmp.getRoot().toPath().resolve("app.yaml");
        Files.writeString(template, TEMPLATE, StandardCharsets.UTF_8);
        clients.ssm().putParameter(r -> r.name("/DeploymentConfig/dev/App/AmiId").type("String")
                .value("ami-0123456789abcdef0"));
        clients.ssm().putParameter(r -> r.name("/DeploymentConfig/dev/Network/Subnets").type("StringList")
                .value("subnet-1,subnet-2"));
    }

    private CfnDeployRequest.Builder request() {
        return CfnDeployRequest.builder("app").template(template.toString()).params(Map.of(
                "AmiId", "ssm:/DeploymentConfig/dev/App/AmiId", "Subnets", "ssm:/DeploymentConfig/dev/Network/Subnets",
                "Token", "tok-2718281828", "Value", "v1"));
    }

    private ParameterPreview preview(CfnDeployRequest request) {
        AwsClients proxied = MOTO.track(AwsClients.create(MotoServer.settingsFor(proxy.endpoint()),
                new AwsEnvironment(Map.of())));
        return StackDeployer.of(proxied, reporter).preview(request);
    }

    private Set<String> callsMade() {
        Set<String> actions = new TreeSet<>();
        proxy.log().forEach(r -> actions.add(r.action()));
        return actions;
    }

    private boolean stackExists() {
        return clients.cloudFormation().listStacks().stackSummaries().stream()
                .anyMatch(s -> s.stackName().equals("app") && !"DELETE_COMPLETE".equals(s.stackStatusAsString()));
    }

    @Test
    public void preview_newStack_resolvesSsmValuesAndOnlyReads() {
        ParameterPreview p = preview(request().tags(Map.of("Environment", "dev")).build());

        assertEquals("app", p.stack());
        assertTrue(p.create());
        assertNull(p.stackStatus());
        assertEquals(Map.of("AmiId", "ami-0123456789abcdef0", "Subnets", "subnet-1,subnet-2", "Token", Secrets.MASK,
                "Value", "v1"), p.parameters());
        assertEquals(List.of("AmiId", "Subnets", "Token", "Value"), List.copyOf(p.parameters().keySet()));
        assertEquals(Map.of("AmiId", "/DeploymentConfig/dev/App/AmiId", "Subnets", "/DeploymentConfig/dev/Network/Subnets"),
                p.fromSsm());
        assertEquals(List.of("Token"), p.noEcho());
        assertEquals(Map.of("Environment", "dev"), p.tags());
        assertTrue(callsMade().toString(), READS.containsAll(callsMade()));
        assertTrue(callsMade().toString(), callsMade().contains("DescribeStacks"));
        assertFalse(stackExists());
    }

    @Test
    public void preview_noEchoValue_isInNoFormOfTheResultOrOutput() {
        clients.ssm().putParameter(r -> r.name("/app/token").type("String").value("tok-from-ssm-1618"));

        ParameterPreview p = preview(request().params(Map.of("AmiId", "ami-0123456789abcdef0", "Subnets", "subnet-1",
                "Token", "ssm:/app/token", "Value", "tok-from-ssm-1618 again")).build());

        String json = Json.write(p);
        assertFalse(json, json.contains("tok-from-ssm"));
        assertFalse(reporter.text(), reporter.text().contains("tok-from-ssm"));
        assertEquals(Secrets.MASK, p.parameters().get("Token"));
        assertEquals("a secret inside another value is masked there too", Secrets.MASK + " again",
                p.parameters().get("Value"));
        assertEquals("/app/token", p.fromSsm().get("Token"));
    }

    @Test
    public void preview_existingStack_saysUpdateAndKeepsPreviousValues() {
        StackDeployer.of(clients, reporter).deploy(request().build(), new CancelToken());

        ParameterPreview p = preview(CfnDeployRequest.builder("app").template(template.toString())
                .params(Map.of("AmiId", "ami-12345678", "Subnets", "subnet-3", "Value", "v2")).build());

        assertFalse(p.create());
        assertEquals("CREATE_COMPLETE", p.stackStatus());
        assertEquals(List.of("Token"), p.keep());
        assertFalse(p.parameters().containsKey("Token"));
        assertTrue(callsMade().toString(), READS.containsAll(callsMade()));
    }

    @Test
    public void preview_secureStringReference_isRefusedByNameAndNothingIsCreated() {
        clients.ssm().putParameter(r -> r.name("/app/secret").type("SecureString").value("s3cr3t-9876"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> preview(request().params(Map.of("AmiId", "ami-12345678", "Subnets", "subnet-1", "Token", "t",
                        "Value", "ssm:/app/secret")).build()));

        assertTrue(e.getMessage(), e.getMessage().contains("SSM parameter /app/secret (for stack parameter Value) is a"
                + " SecureString"));
        assertFalse(e.getMessage(), e.getMessage().contains("s3cr3t-9876"));
        assertFalse(stackExists());
    }

    @Test
    public void preview_ssmValueThatIsNoAmiId_isRefusedNamingTheSsmParameter() {
        clients.ssm().putParameter(r -> r.name("/DeploymentConfig/dev/App/AmiId").type("String").value("latest")
                .overwrite(true));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> preview(request().build()));

        assertTrue(e.getMessage(), e.getMessage().startsWith("SSM parameter /DeploymentConfig/dev/App/AmiId (for stack"
                + " parameter AmiId, type AWS::EC2::Image::Id) holds 'latest', which is not an AMI ID"));
    }

    @Test
    public void preview_unknownParameter_isRefusedAsADeploymentRefusesIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> preview(request().params(Map.of("Colour", "red")).build()));

        assertEquals("template " + template + " has no parameter Colour", e.getMessage());
    }

    @Test
    public void preview_ofAReviewedChangeSet_isRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> preview(CfnDeployRequest.builder("app").executeChangeSet("review-7").build()));

        assertEquals("executeChangeSet", e.field());
        assertTrue(callsMade().toString(), callsMade().isEmpty());
    }

    @Test
    public void preview_busyStack_isTakenAsItIsWithoutWaiting() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_IN_PROGRESS");

        ParameterPreview p = StackDeployerTest.fakeDeployer(fake, reporter)
                .preview(CfnDeployRequest.builder("app").template(template.toString()).params(Map.of(
                        "AmiId", "ami-12345678", "Subnets", "subnet-1", "Token", "t0k3n", "Value", "v")).build());

        assertEquals("UPDATE_IN_PROGRESS", p.stackStatus());
        assertFalse(p.create());
        assertEquals(List.of(), fake.calls);
        assertFalse(reporter.text(), reporter.text().contains("waiting"));
    }

    @Test
    public void preview_stackThatCannotBeUpdated_failsAsADeploymentWould() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_ROLLBACK_FAILED");

        BakehouseException e = assertThrows(BakehouseException.class, () -> StackDeployerTest.fakeDeployer(fake, reporter)
                .preview(CfnDeployRequest.builder("app").template(template.toString()).params(Map.of(
                        "AmiId", "ami-12345678", "Subnets", "subnet-1", "Token", "t0k3n", "Value", "v")).build()));

        assertEquals("Stack app is in UPDATE_ROLLBACK_FAILED and cannot be updated", e.getMessage());
        assertEquals(List.of(), fake.calls);
    }
}
