package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
