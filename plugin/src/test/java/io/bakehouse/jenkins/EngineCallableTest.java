package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.aws.RoleToAssume;
import io.bakehouse.engine.aws.StaticCredentials;
import io.bakehouse.engine.packer.PackerBuildRequest;
import io.bakehouse.engine.ssm.PublishAmiParamRequest;
import io.bakehouse.jenkins.packer.PackerBuildTask;
import io.bakehouse.jenkins.ssm.PublishAmiParamTask;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.MotoServer;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The agent side of every step, without Jenkins: the callable is serialised as remoting
 * sends it, then invoked against a moto server as the agent would.
 */
public class EngineCallableTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder workspace = new TemporaryFolder();

    private static final String NAME = "/DeploymentConfig/dev/App/AmiId";
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "plugin-test-secret-key-never-logged";

    private final RecordingListener listener = new RecordingListener();
    private String amiId;

    @Before
    public void resetMoto() throws Exception {
        MOTO.reset();
        amiId = AwsFixtures.createAmi(MOTO.clients(), "app");
    }

    private static AwsSettings credentialSettings() {
        return new AwsOptions(MotoServer.REGION, null, null, null, MOTO.endpoint(), "aws-keys")
                .toSettings(new AwsCredentials.Identity(new StaticCredentials(KEY_ID, SECRET, null), null));
    }

    private EngineCallable callable(AwsSettings settings, Map<String, String> env, PublishAmiParamRequest request) {
        return new EngineCallable("publishAmiParam", settings, env, new PublishAmiParamTask(request), listener);
    }

    private AgentOutcome invoke(EngineCallable callable) throws Exception {
        return callable.invoke(workspace.getRoot(), null);
    }

    @Test
    public void serialisation_roundTrip_carriesSettingsEnvironmentAndTask() {
        PublishAmiParamRequest request = PublishAmiParamRequest.of(NAME, "ami-0123456789abcdef0");
        EngineCallable sent = callable(credentialSettings(), Map.of("BUILD_NUMBER", "7"), request);
        EngineCallable received = Serialization.roundTrip(sent);
        assertNotSame(sent, received);
        assertEquals("publishAmiParam", received.functionName());
        assertEquals(sent.settings(), received.settings());
        assertEquals(sent.task(), received.task());
        assertEquals(request, ((PublishAmiParamTask) received.task()).request());
    }

    @Test
    public void invoke_afterSerialisation_publishesAndReturnsTheContractResult() throws Exception {
        EngineCallable received = Serialization.roundTrip(
                callable(credentialSettings(), Map.of(), PublishAmiParamRequest.of(NAME, amiId)));
        AgentOutcome outcome = invoke(received);
        assertTrue(outcome.failure(), outcome.succeeded());
        Map<String, Object> result = outcome.result();
        assertEquals(List.of("name", "region", "amiId", "version", "previousValue", "previousVersion",
                "changed", "labels", "regions"), List.copyOf(result.keySet()));
        assertEquals(NAME, result.get("name"));
        assertEquals(amiId, result.get("amiId"));
        assertEquals(1L, result.get("version"));
        assertEquals(Boolean.TRUE, result.get("changed"));
        assertEquals(amiId, MOTO.clients().ssm().getParameter(r -> r.name(NAME)).parameter().value());
    }

    @Test
    public void invoke_progress_goesToTheBuildLogWithoutTheSecret() throws Exception {
        invoke(callable(credentialSettings(), Map.of(), PublishAmiParamRequest.of(NAME, amiId)));
        String log = listener.text();
        assertTrue(log, log.contains("[publishAmiParam] Checking that " + amiId + " exists in us-east-1"));
        assertFalse(log.contains(SECRET));
    }

    @Test
    public void invoke_noRegionInTheStep_takesAwsRegionFromTheBuildEnvironment() throws Exception {
        AwsSettings noRegion = new AwsOptions(null, null, null, null, MOTO.endpoint(), null)
                .toSettings(new AwsCredentials.Identity(new StaticCredentials(KEY_ID, SECRET, null), null));
        AgentOutcome outcome = invoke(callable(noRegion, Map.of("AWS_REGION", MotoServer.REGION),
                PublishAmiParamRequest.of(NAME, amiId)));
        assertTrue(outcome.failure(), outcome.succeeded());
        assertEquals(MotoServer.REGION, outcome.result().get("region"));
    }

    @Test
    public void invoke_keysBoundInTheBuildEnvironment_areUsedAndMasked() throws Exception {
        AwsSettings agentIdentity = new AwsOptions(MotoServer.REGION, null, null, null, MOTO.endpoint(), null)
                .toSettings(null);
        EngineCallable callable = callable(agentIdentity,
                Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET),
                PublishAmiParamRequest.of(NAME, amiId));
        AgentOutcome outcome = invoke(callable);
        assertTrue(outcome.failure(), outcome.succeeded());
        assertEquals("****", callable.secrets().mask(SECRET));
    }

    @Test
    public void invoke_credentialNamingARole_assumesItThenTheStepsRoleAndMasksItsExternalId() throws Exception {
        String credentialRole = "arn:aws:iam::123456789012:role/jenkins-credential";
        String stepRole = "arn:aws:iam::123456789012:role/publisher";
        String externalId = "credential-external-id-" + java.util.UUID.randomUUID();
        AwsSettings settings = new AwsOptions(MotoServer.REGION, stepRole, "step-external-id", "build-9",
                MOTO.endpoint(), "aws-role").toSettings(new AwsCredentials.Identity(
                        new StaticCredentials(KEY_ID, SECRET, null), new RoleToAssume(credentialRole, externalId)));
        EngineCallable received = Serialization.roundTrip(
                callable(settings, Map.of(), PublishAmiParamRequest.of(NAME, amiId)));

        AgentOutcome outcome = invoke(received);

        assertTrue(outcome.failure(), outcome.succeeded());
        assertEquals(List.of(List.of(credentialRole, externalId, "build-9"), List.of(stepRole, "step-external-id", "build-9")),
                MOTO.assumedRoles().stream().map(r -> List.of(r.roleArn(), r.externalId(), r.sessionName())).toList());
        assertEquals("****", received.secrets().mask(externalId));
    }

    @Test
    public void invoke_engineFailure_returnsOneMaskedLineInsteadOfThrowing() throws Exception {
        AgentOutcome outcome = invoke(callable(credentialSettings(), Map.of(),
                PublishAmiParamRequest.of(NAME, "ami-0000000000000000f")));
        assertFalse(outcome.succeeded());
        assertTrue(outcome.failure(), outcome.failure().startsWith("publishAmiParam: "));
        assertTrue(outcome.failure(), outcome.failure().contains("ami-0000000000000000f"));
        assertFalse(outcome.failure().contains(SECRET));
        assertFalse(outcome.failure().contains("\n"));
    }

    @Test
    public void secrets_holdTheCredentialAndBoundKeys() {
        EngineCallable callable = callable(credentialSettings(),
                Map.of("AWS_SESSION_TOKEN", "bound-session-token"), PublishAmiParamRequest.of(NAME, "ami-0123456789abcdef0"));
        assertEquals("key **** token ****", callable.secrets().mask("key " + SECRET + " token bound-session-token"));
    }

    @Test
    public void invoke_workspace_isTheAgentDirectoryTheTaskSees() throws Exception {
        File[] seen = new File[1];
        AgentTask<io.bakehouse.engine.ssm.PublishAmiParamResult> probe = (clients, reporter, ws) -> {
            seen[0] = ws;
            return new io.bakehouse.engine.ssm.PublishAmiParamResult(NAME, List.of(
                    new io.bakehouse.engine.ssm.PublishAmiParamResult.RegionResult(clients.region(), amiId, 1, null,
                            null, true, List.of())));
        };
        new EngineCallable("probe", credentialSettings(), Map.of(), probe, listener).invoke(workspace.getRoot(), null);
        assertEquals(workspace.getRoot(), seen[0]);
    }

    @Test
    public void packerTask_sensitiveValuesCrossOnlyInsideTheCall_andAreMaskedInWhatItWrites() throws Exception {
        String secret = "db-pa55-from-a-credential";
        PackerBuildRequest request = new PackerBuildRequest("missing-" + secret + ".pkr.hcl", null,
                Map.of("db_password", secret), null, null, null, null, false, null, null, false, null);
        EngineCallable sent = new EngineCallable("packerBuild", credentialSettings(), Map.of(),
                new PackerBuildTask(request), listener);

        EngineCallable received = Serialization.roundTrip(sent);
        AgentOutcome outcome = invoke(received);

        assertEquals(request, ((PackerBuildTask) received.task()).request());
        assertFalse(outcome.succeeded());
        assertTrue(outcome.failure(), outcome.failure().contains("Template "));
        assertFalse(outcome.failure(), outcome.failure().contains(secret));
        assertTrue(outcome.failure(), outcome.failure().contains("missing-****.pkr.hcl"));
        assertFalse(listener.text(), listener.text().contains(secret));
    }
}
