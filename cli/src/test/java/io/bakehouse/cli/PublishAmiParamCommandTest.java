package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

public class PublishAmiParamCommandTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    private static final String NAME = "/DeploymentConfig/dev/App/AmiId";

    private AwsClients clients;
    private String ami;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        ami = AwsFixtures.createAmi(clients, "app-1");
    }

    private CliRun publish(String... extra) {
        return CliRun.run(MOTO.environment(), CliRun.concat(
                new String[] {"publish-ami-param", "--name", NAME}, extra));
    }

    private CliRun publishThroughProxy(String... extra) {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.put("AWS_ENDPOINT_URL", proxy.endpoint());
        return CliRun.run(env, CliRun.concat(new String[] {"publish-ami-param", "--name", NAME, "--ami-id", ami}, extra));
    }

    private void assertNothingWritten() {
        assertThrows(ParameterNotFoundException.class, () -> clients.ssm().getParameter(r -> r.name(NAME)));
    }

    @Test
    public void jsonOutput_isOneObjectOnStdout_andSecondCallChangesNothing() throws Exception {
        CliRun first = CliRun.run(Map.of("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY),
                "publish-ami-param", "--endpoint-url", MOTO.endpoint(), "--region", "us-east-1",
                "--name", NAME, "--ami-id", ami, "--output", "json");

        assertEquals(first.toString(), 0, first.exitCode());
        JsonNode result = Json.mapper().readTree(first.out());
        assertEquals(NAME, result.get("name").asText());
        assertEquals(ami, result.get("amiId").asText());
        assertEquals(1, result.get("version").asInt());
        assertTrue(result.get("previousValue").isNull());
        assertTrue(result.get("changed").asBoolean());
        assertTrue(first.err(), first.err().contains("Wrote " + ami));

        CliRun second = publish("--ami-id", ami, "--output", "json");

        assertEquals(second.toString(), 0, second.exitCode());
        JsonNode again = Json.mapper().readTree(second.out());
        assertEquals(false, again.get("changed").asBoolean());
        assertEquals(1, again.get("version").asInt());
        assertTrue(second.err(), second.err().contains("nothing changed"));
    }

    @Test
    public void textOutput_summarisesTheChange() {
        CliRun run = publish("--ami-id", ami, "--label", "build-7", "--tag", "App=demo");

        assertEquals(run.toString(), 0, run.exitCode());
        assertEquals(NAME + " (us-east-1) = " + ami + ", version 1 (new)\n", run.out());
    }

    @Test
    public void amis_publishesEachRegion() throws Exception {
        String west = AwsFixtures.createAmi(clients.forRegion("eu-west-1"), "app-west");

        CliRun run = publish("--amis", "us-east-1=" + ami + ",eu-west-1=" + west, "--output", "json");

        assertEquals(run.toString(), 0, run.exitCode());
        JsonNode regions = Json.mapper().readTree(run.out()).get("regions");
        assertEquals(west, regions.get("eu-west-1").get("amiId").asText());
        assertEquals(ami, regions.get("us-east-1").get("amiId").asText());
    }

    @Test
    public void malformedAmiId_isAUsageError() {
        CliRun run = publish("--ami-id", "ami-XYZ");

        assertEquals(run.toString(), 2, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: 'ami-XYZ' is not an AMI ID"));
        assertNothingWritten();
    }

    @Test
    public void invalidParameterNames_areUsageErrors() {
        String[][] cases = {
                {"/Deployment Config/x", "may contain only letters, digits and _.-/"},
                {"Deployment/x", "must start with /"},
                {"/aws/reserved", "reserved prefix"},
                {"/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p", "16 levels deep; SSM allows at most 15"},
                {"/a//b", "empty path segment"},
                {"/" + "x".repeat(1011), "SSM allows at most 1011"},
        };
        for (String[] c : cases) {
            CliRun run = CliRun.run(MOTO.environment(), "publish-ami-param", "--name", c[0], "--ami-id", ami);
            assertEquals(run.toString(), 2, run.exitCode());
            assertTrue(c[0] + " -> " + run.err(), run.err().contains(c[1]));
        }
    }

    @Test
    public void amiNotFound_failsAndWritesNothing() {
        CliRun run = publish("--ami-id", "ami-0123456789abcdef0");

        assertEquals(run.toString(), 1, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: AMI ami-0123456789abcdef0 does not exist in us-east-1; nothing was written"));
        assertNothingWritten();
    }

    @Test
    public void amiNotAvailable_failsAndWritesNothing() {
        // moto's images are always available, so the proxy answers DescribeImages as EC2 does for a pending bake.
        proxy.always("DescribeImages", Fault.respond(200, "text/xml",
                "<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
                        + "<imagesSet><item><imageId>" + ami + "</imageId><imageState>pending</imageState>"
                        + "<name>app-1</name></item></imagesSet></DescribeImagesResponse>"));

        CliRun run = publishThroughProxy();

        assertEquals(run.toString(), 1, run.exitCode());
        assertTrue(run.err(), run.err().contains("AMI " + ami + " in us-east-1 is pending, not available; nothing was written"));
        assertNothingWritten();
    }

    @Test
    public void missingRegion_isAUsageError() {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.remove("AWS_REGION");

        CliRun run = CliRun.run(env, "publish-ami-param", "--name", NAME, "--ami-id", ami);

        assertEquals(run.toString(), 2, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: No AWS region given"));
        assertTrue(run.err(), run.err().contains("pass --region"));
        assertNothingWritten();
    }

    @Test
    public void missingCredentials_failsClearly() {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");

        CliRun run = CliRun.run(env, "publish-ami-param", "--name", NAME, "--ami-id", ami);

        assertEquals(run.toString(), 1, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: No AWS credentials found"));
        assertNothingWritten();
    }

    @Test
    public void unknownProfile_isAUsageError() {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");

        CliRun run = CliRun.run(env, "publish-ami-param", "--profile", "nope", "--name", NAME, "--ami-id", ami);

        assertEquals(run.toString(), 2, run.exitCode());
        assertTrue(run.err(), run.err().contains("AWS profile 'nope' is not defined"));
    }

    @Test
    public void invalidCredentials_failClearly() {
        proxy.always("DescribeImages", Fault.awsError(401, "AuthFailure", "AWS was not able to validate the provided access credentials"));

        CliRun run = publishThroughProxy();

        assertEquals(run.toString(), 1, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: AWS rejected the credentials while looking up " + ami));
        assertNothingWritten();
    }

    @Test
    public void accessDenied_failsClearlyAndWritesNothing() {
        proxy.always("PutParameter", Fault.awsError(400, "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/ci is not authorized to perform: ssm:PutParameter"));

        CliRun run = publishThroughProxy();

        assertEquals(run.toString(), 1, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: Access denied writing SSM parameter " + NAME
                + " in us-east-1: User: arn:aws:sts::123456789012:assumed-role/ci is not authorized"));
        assertTrue(run.err(), run.err().contains("hint: grant the missing permission"));
        assertNothingWritten();
    }

    @Test
    public void parameterExistsWithNoOverwrite_failsAndKeepsTheValue() {
        String other = AwsFixtures.createAmi(clients, "app-2");
        assertEquals(0, publish("--ami-id", other).exitCode());

        CliRun run = publish("--ami-id", ami, "--no-overwrite");

        assertEquals(run.toString(), 1, run.exitCode());
        assertTrue(run.err(), run.err().contains("already exists (version 1) and overwriting was not allowed"));
        assertEquals(other, clients.ssm().getParameter(r -> r.name(NAME)).parameter().value());
    }

    @Test
    public void transientFaults_areRetriedAndThePublishSucceeds() {
        proxy.failNext("PutParameter", 2, Fault.throttle())
                .failNext("GetParameter", 1, Fault.serverError(503))
                .failNext("DescribeImages", 1, Fault.reset());

        CliRun run = publishThroughProxy("--output", "json");

        assertEquals(run.toString(), 0, run.exitCode());
        assertEquals(3, proxy.requests("PutParameter"));
        assertEquals(2, proxy.requests("GetParameter"));
        assertEquals(ami, clients.ssm().getParameter(r -> r.name(NAME)).parameter().value());
    }

    @Test
    public void persistentThrottling_isReportedClearly() {
        proxy.always("PutParameter", Fault.throttle());

        CliRun run = publishThroughProxy();

        assertEquals(run.toString(), 1, run.exitCode());
        assertTrue(run.err(), run.err().contains("AWS kept throttling requests while writing SSM parameter " + NAME));
        assertTrue(proxy.requests("PutParameter") >= 3);
        assertNothingWritten();
    }

    @Test
    public void unreachableEndpoint_failsClearly() {
        CliRun run = CliRun.run(MOTO.environment(), "publish-ami-param", "--endpoint-url", "http://127.0.0.1:1",
                "--name", NAME, "--ami-id", ami);

        assertEquals(run.toString(), 1, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: Cannot reach the AWS endpoint"));
    }

    @Test
    public void usageErrors_exitTwoWithSynopsis() {
        CliRun missing = CliRun.run(MOTO.environment(), "publish-ami-param", "--ami-id", ami);
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err(), missing.err().startsWith("error: Missing required option: '--name=NAME'"));
        assertTrue(missing.err(), missing.err().contains("Run 'bakehouse publish-ami-param --help' for more."));

        // the engine's rule and words, as the Jenkins faces say them
        CliRun both = publish("--ami-id", ami, "--amis", "us-east-1=" + ami);
        assertEquals(2, both.exitCode());
        assertTrue(both.err(), both.err().startsWith("error: give amiId or amis, not both"));
        assertTrue(both.err(), both.err().contains("the parameter is --ami-id here"));
        CliRun neither = CliRun.run(MOTO.environment(), "publish-ami-param", "--name", "/p");
        assertEquals(2, neither.exitCode());
        assertTrue(neither.err(), neither.err().startsWith("error: amiId (or amis) is required"));

        CliRun badOutput = publish("--ami-id", ami, "--output", "yaml");
        assertEquals(2, badOutput.exitCode());
        assertTrue(badOutput.err(), badOutput.err().contains("--output"));

        CliRun badTag = publish("--ami-id", ami, "--tag", "novalue");
        assertEquals(2, badTag.exitCode());
        assertNothingWritten();
    }
}
