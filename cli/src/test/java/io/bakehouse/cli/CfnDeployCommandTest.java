package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.MotoServer;
import java.io.IOException;
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

public class CfnDeployCommandTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    private static final String TEMPLATE = String.join("\n",
            "Parameters:",
            "  Value: {Type: String}",
            "Resources:",
            "  Param:",
            "    Type: AWS::SSM::Parameter",
            "    Properties: {Name: /app/value, Type: String, Value: !Ref Value}",
            "");

    private AwsClients clients;
    private String template;

    @Before
    public void setUp() throws IOException {
        MOTO.reset();
        clients = MOTO.clients();
        Path p = tmp.newFile("app.yaml").toPath();
        Files.writeString(p, TEMPLATE);
        template = p.toString();
    }

    private CliRun deploy(String... extra) {
        return CliRun.run(MOTO.environment(), CliRun.concat(new String[] {"cfn-deploy", "--stack", "app"}, extra));
    }

    @Test
    public void create_thenSameAgain_jsonResultsFollowTheStepContract() throws Exception {
        CliRun first = deploy("--template", template, "--param", "Value=one", "--output", "json");

        assertEquals(first.toString(), 0, first.exitCode());
        JsonNode result = Json.mapper().readTree(first.out());
        assertEquals("CREATE_COMPLETE", result.get("status").asText());
        assertTrue(result.get("stackId").asText().contains(":stack/app/"));
        assertTrue(result.get("outputs").isObject());
        assertTrue(result.get("changeSetId").asText().startsWith("arn:aws:cloudformation:"));
        assertFalse(result.get("noChanges").asBoolean());
        JsonNode event = result.get("events").get(0);
        for (String key : new String[] {"timestamp", "logicalId", "resourceType", "status", "reason"}) {
            assertTrue(key, event.has(key));
        }
        assertTrue(first.err(), first.err().contains("Change set bakehouse-"));

        CliRun second = deploy("--template", template, "--param", "Value=one", "--output", "json");

        assertEquals(second.toString(), 0, second.exitCode());
        assertTrue(Json.mapper().readTree(second.out()).get("noChanges").asBoolean());
    }

    @Test
    public void report_writesTheHtmlDeploymentReportAndSaysWhere() throws Exception {
        Path page = tmp.getRoot().toPath().resolve("reports/deploy-dev.html");

        CliRun run = deploy("--template", template, "--param", "Value=one", "--report", page.toString());

        assertEquals(run.toString(), 0, run.exitCode());
        assertTrue(run.err(), run.err().contains("Wrote the deployment report to " + page));
        String html = Files.readString(page);
        assertTrue(html, html.startsWith("<!DOCTYPE html>"));
        assertTrue(html, html.contains("<h1 id=\"title\">app</h1>"));
        assertTrue(html, html.contains("AWS::SSM::Parameter"));
        assertTrue(html, html.contains("CREATE_COMPLETE"));
        assertTrue(html, html.contains("<td>one</td>") || html.contains(">one<"));
    }

    @Test
    public void report_aDirectory_isAUsageErrorAndNothingIsCreated() {
        CliRun run = deploy("--template", template, "--param", "Value=one", "--report", tmp.getRoot().toString());

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err(), run.err().contains("is a directory"));
        assertTrue(clients.cloudFormation().listStacks().stackSummaries().isEmpty());
    }

    @Test
    public void failOnEmptyChangeset_nothingToChange_exitsOne() {
        deploy("--template", template, "--param", "Value=one");

        CliRun again = deploy("--template", template, "--param", "Value=one", "--fail-on-empty-changeset");

        assertEquals(again.toString(), 1, again.exitCode());
    }

    @Test
    public void unknownParameter_exitsTwoNamingIt() {
        CliRun run = deploy("--template", template, "--param", "Value=one", "--param", "Nope=1");

        assertEquals(run.toString(), 2, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: template " + template + " has no parameter Nope"));
        assertTrue(run.err(), run.err().contains("hint: the template declares: Value"));
    }

    @Test
    public void badTimeout_exitsTwo() {
        CliRun run = deploy("--template", template, "--param", "Value=one", "--timeout", "soon");

        assertEquals(run.toString(), 2, run.exitCode());
        assertTrue(run.err(), run.err().contains("timeout 'soon' is not a duration"));
    }

    @Test
    public void noExecuteThenExecuteChangeSet_printsSummaryThenDeploys() {
        CliRun review = deploy("--template", template, "--param", "Value=two", "--no-execute",
                "--change-set-name", "review-7");

        assertEquals(review.toString(), 0, review.exitCode());
        assertTrue(review.out(), review.out().contains("change set review-7 created, not executed (1 change)"));
        assertTrue(review.err(), review.err().contains("--execute-change-set review-7"));

        CliRun run = deploy("--execute-change-set", "review-7");

        assertEquals(run.toString(), 0, run.exitCode());
        assertTrue(run.out(), run.out().startsWith("app: CREATE_COMPLETE"));
        assertEquals("two", clients.ssm().getParameter(r -> r.name("/app/value")).parameter().value());
    }

    @Test
    public void noReplaceFailedStackAndHelp_areAccepted() {
        CliRun help = CliRun.run(MOTO.environment(), "cfn-deploy", "--help");

        assertEquals(0, help.exitCode());
        assertTrue(help.out(), help.out().contains("--[no-]replace-failed-stack"));
        assertTrue(help.out(), help.out().contains("--cfn-role-arn"));
    }

    // ---- --print-parameters: through a recording proxy, to see that it only reads

    private static final String APP_TEMPLATE = String.join("\n",
            "Parameters:",
            "  Environment: {Type: String, AllowedValues: [dev, prod]}",
            "  AmiId: {Type: 'AWS::EC2::Image::Id'}",
            "  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}",
            "  Password: {Type: String, NoEcho: true}",
            "  Size: {Type: Number, Default: 2}",
            "Resources:",
            "  Param:",
            "    Type: AWS::SSM::Parameter",
            "    Properties: {Type: String, Value: !Ref Environment}",
            "");

    /** The CLI with every AWS call through the proxy. */
    private CliRun printParameters(String... extra) throws IOException {
        Path app = tmp.getRoot().toPath().resolve("app-stack.yaml");
        Files.writeString(app, APP_TEMPLATE);
        Path params = tmp.getRoot().toPath().resolve("dev.json");
        Files.writeString(params, "[{\"ParameterKey\": \"Environment\", \"ParameterValue\": \"dev\"},"
                + " {\"ParameterKey\": \"Subnets\", \"ParameterValue\": \"ssm:/DeploymentConfig/dev/Network/Subnets\"},"
                + " {\"ParameterKey\": \"Password\", \"ParameterValue\": \"pa55-w0rd-1414\"}]");
        Map<String, String> env = new java.util.LinkedHashMap<>(MOTO.environment());
        env.put("AWS_ENDPOINT_URL", proxy.endpoint());
        return CliRun.run(env, CliRun.concat(new String[] {"cfn-deploy", "--stack", "app-dev", "--template",
                app.toString(), "--params-file", params.toString(), "--print-parameters"}, extra));
    }

    private void publishNetworkAndAmi(String amiId) {
        clients.ssm().putParameter(r -> r.name("/DeploymentConfig/dev/Network/Subnets").type("StringList")
                .value("subnet-0a1b2c3d,subnet-4e5f6a7b"));
        clients.ssm().putParameter(r -> r.name("/DeploymentConfig/dev/App/AmiId").type("String").value(amiId));
    }

    /** The API actions that reached AWS; every one of them a read. */
    private Set<String> onlyReads() {
        Set<String> actions = new TreeSet<>();
        proxy.log().forEach(r -> actions.add(r.action()));
        assertTrue(actions.toString(), Set.of("DescribeStacks", "GetParameters", "GetParameter").containsAll(actions));
        assertTrue(clients.cloudFormation().listStacks().stackSummaries().isEmpty());
        return actions;
    }

    @Test
    public void printParameters_json_resolvesSsmValuesMasksNoEchoAndChangesNothing() throws Exception {
        publishNetworkAndAmi("ami-0123456789abcdef0");

        CliRun run = printParameters("--param", "AmiId=ssm:/DeploymentConfig/dev/App/AmiId", "--tag", "Environment=dev",
                "--output", "json");

        assertEquals(run.toString(), 0, run.exitCode());
        JsonNode result = Json.mapper().readTree(run.out());
        assertEquals("app-dev", result.get("stack").asText());
        assertTrue(result.get("create").asBoolean());
        assertTrue(result.get("stackStatus").isNull());
        assertEquals(Json.mapper().readTree("{\"Environment\": \"dev\", \"AmiId\": \"ami-0123456789abcdef0\","
                + " \"Subnets\": \"subnet-0a1b2c3d,subnet-4e5f6a7b\", \"Password\": \"****\"}"), result.get("parameters"));
        assertEquals(Json.mapper().readTree("{\"Subnets\": \"/DeploymentConfig/dev/Network/Subnets\","
                + " \"AmiId\": \"/DeploymentConfig/dev/App/AmiId\"}"), result.get("fromSsm"));
        assertEquals(Json.mapper().readTree("[\"Password\"]"), result.get("noEcho"));
        assertEquals(Json.mapper().readTree("{\"Environment\": \"dev\"}"), result.get("tags"));
        assertFalse(run.out() + run.err(), (run.out() + run.err()).contains("pa55-w0rd-1414"));
        assertTrue(onlyReads().contains("DescribeStacks"));
    }

    @Test
    public void printParameters_text_saysWhereEachValueCameFrom() throws Exception {
        publishNetworkAndAmi("ami-0123456789abcdef0");

        CliRun run = printParameters("--param", "AmiId=ssm:/DeploymentConfig/dev/App/AmiId");

        assertEquals(run.toString(), 0, run.exitCode());
        assertEquals(List.of("app-dev: would create the stack with these parameters",
                "  Environment = dev",
                "  AmiId = ami-0123456789abcdef0 (from SSM /DeploymentConfig/dev/App/AmiId)",
                "  Subnets = subnet-0a1b2c3d,subnet-4e5f6a7b (from SSM /DeploymentConfig/dev/Network/Subnets)",
                "  Password = **** (NoEcho)"), run.out().lines().toList());
        assertFalse(run.err(), run.err().contains("pa55-w0rd-1414"));
        onlyReads();
    }

    @Test
    public void printParameters_secureString_isRefusedWithExitTwoAndNotShown() throws Exception {
        publishNetworkAndAmi("ami-0123456789abcdef0");
        clients.ssm().putParameter(r -> r.name("/DeploymentConfig/dev/App/Secret").type("SecureString")
                .value("s3cure-v4lue-1732"));

        CliRun run = printParameters("--param", "AmiId=ssm:/DeploymentConfig/dev/App/AmiId",
                "--param", "Password=ssm:/DeploymentConfig/dev/App/Secret", "--output", "json");

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err(), run.err().contains("error: SSM parameter /DeploymentConfig/dev/App/Secret (for stack"
                + " parameter Password) is a SecureString"));
        assertFalse(run.err(), run.err().contains("s3cure-v4lue-1732"));
        onlyReads();
    }

    @Test
    public void printParameters_missingSsmParameter_isRefusedWithExitTwoNamingIt() throws Exception {
        publishNetworkAndAmi("ami-0123456789abcdef0");

        CliRun run = printParameters("--param", "AmiId=ssm:/DeploymentConfig/prod/App/AmiId");

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: SSM parameter /DeploymentConfig/prod/App/AmiId (for stack"
                + " parameter AmiId) does not exist in us-east-1"));
        onlyReads();
    }

    @Test
    public void printParameters_unknownParameter_isRefusedWithExitTwoNamingIt() throws Exception {
        publishNetworkAndAmi("ami-0123456789abcdef0");

        CliRun run = printParameters("--param", "AmiId=ami-0123456789abcdef0", "--param", "Colour=red");

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err(), run.err().contains("has no parameter Colour"));
        assertTrue(run.err(), run.err().contains("hint: the template declares: Environment, AmiId, Subnets, Password,"
                + " Size"));
        onlyReads();
    }

    @Test
    public void printParameters_publishedValueThatIsNoAmiId_isRefusedNamingTheSsmParameter() throws Exception {
        publishNetworkAndAmi("latest");

        CliRun run = printParameters("--param", "AmiId=ssm:/DeploymentConfig/dev/App/AmiId");

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: SSM parameter /DeploymentConfig/dev/App/AmiId (for stack"
                + " parameter AmiId, type AWS::EC2::Image::Id) holds 'latest', which is not an AMI ID"));
        onlyReads();
    }

    @Test
    public void printParameters_existingStack_saysUpdateAndWhatKeepsItsValue() throws Exception {
        publishNetworkAndAmi("ami-0123456789abcdef0");
        CliRun created = printParameters("--param", "AmiId=ssm:/DeploymentConfig/dev/App/AmiId");
        assertEquals(created.toString(), 0, created.exitCode());
        CliRun deployed = CliRun.run(MOTO.environment(), "cfn-deploy", "--stack", "app-dev", "--template",
                tmp.getRoot().toPath().resolve("app-stack.yaml").toString(), "--params-file",
                tmp.getRoot().toPath().resolve("dev.json").toString(), "--param", "AmiId=ami-0123456789abcdef0");
        assertEquals(deployed.toString(), 0, deployed.exitCode());

        CliRun run = printParameters("--param", "AmiId=ami-12345678", "--keep-param", "Size", "--output", "json");

        assertEquals(run.toString(), 0, run.exitCode());
        JsonNode result = Json.mapper().readTree(run.out());
        assertFalse(result.get("create").asBoolean());
        assertEquals("CREATE_COMPLETE", result.get("stackStatus").asText());
        assertEquals(Json.mapper().readTree("[\"Size\"]"), result.get("keep"));
        assertEquals("ami-12345678", result.get("parameters").get("AmiId").asText());
    }

    @Test
    public void printParameters_withExecuteChangeSet_isAUsageError() {
        CliRun run = deploy("--execute-change-set", "review-7", "--print-parameters");

        assertEquals(run.toString(), ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err(), run.err().contains("a change set made earlier already holds its parameters"));
    }
}
