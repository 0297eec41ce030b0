package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.MotoServer;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * AWS credentials of the aws-credentials plugin, created by configuration as code (see
 * {@link LiveJenkins}), as a step's {@code credentialsId}. The steps reach moto through a
 * recording proxy, so the tests see which access key signed each request: the credential's keys,
 * then the session of the role it names, then the step's own role on top.
 */
public class AwsCredentialsLive {

    private static final String STEP_ROLE = "arn:aws:iam::123456789012:role/bakehouse-live-publisher";

    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    @Rule
    public final FaultProxy proxy = new FaultProxy(jenkins.moto());

    /**
     * A pipeline publishing {@code ami} to {@code name} with {@code credentialsId}, through
     * {@code endpoint}: the same one runs in a Jenkins without aws-credentials (WithoutAwsCredentialsIT).
     */
    static String publishPipeline(String endpoint, String name, String ami, String credentialsId) {
        return """
                node('ecs-fargate') {
                  def r = publishAmiParam name: '%s', amiId: '%s', region: 'us-east-1', endpointUrl: '%s',
                      credentialsId: '%s'
                  echo "published ${r.name} version ${r.version}"
                }
                """.formatted(name, ami, endpoint, credentialsId);
    }

    @Test
    public void publishAmiParam_awsCredential_signsWithItsKeysOnTheAgentAndKeepsTheSecretOutOfTheBuild() throws Exception {
        String name = "/credentials-live/keys/AmiId";
        String ami = AwsFixtures.createAmi(jenkins.moto().clients(), "live-aws-credential");
        jenkins.rest().createPipeline("aws-credential", publishPipeline(proxy.endpoint(), name, ami,
                LiveJenkins.AWS_CREDENTIALS_ID));

        int number = jenkins.rest().build("aws-credential");
        String result = jenkins.rest().awaitResult("aws-credential", number);
        String log = jenkins.rest().console("aws-credential", number);

        assertEquals(log, "SUCCESS", result);
        assertTrue(log, log.contains("Running on " + LiveJenkins.AGENT));
        assertTrue(log, log.contains("published " + name + " version 1"));
        assertEquals(ami, jenkins.moto().clients().ssm().getParameter(q -> q.name(name)).parameter().value());
        assertEquals(List.of(LiveJenkins.AWS_ACCESS_KEY), signers("PutParameter"));
        assertFalse(log, log.contains(LiveJenkins.AWS_SECRET_KEY));
        Secrets.assertNotInTree(jenkins.buildDir("aws-credential", number), LiveJenkins.AWS_SECRET_KEY);
        assertFalse("the controller's log holds the secret", jenkins.controllerLog().contains(LiveJenkins.AWS_SECRET_KEY));
        assertFalse("the agent's log holds the secret",
                Files.readString(jenkins.work().resolve("agent.log")).contains(LiveJenkins.AWS_SECRET_KEY));
    }

    @Test
    public void publishAmiParam_credentialNamingARole_assumesItFirstAndTheStepsRoleOnTop() throws Exception {
        String ami = AwsFixtures.createAmi(jenkins.moto().clients(), "live-aws-role");
        jenkins.rest().createPipeline("aws-role-credential", """
                node('ecs-fargate') {
                  publishAmiParam name: '/credentials-live/role/AmiId', amiId: '%1$s', region: 'us-east-1', endpointUrl: '%2$s',
                      credentialsId: '%3$s', roleSessionName: 'live-credential-role'
                  publishAmiParam name: '/credentials-live/chain/AmiId', amiId: '%1$s', region: 'us-east-1', endpointUrl: '%2$s',
                      credentialsId: '%3$s', roleArn: '%4$s', externalId: 'step-external-id', roleSessionName: 'live-chain'
                }
                """.formatted(ami, proxy.endpoint(), LiveJenkins.AWS_ROLE_CREDENTIALS_ID, STEP_ROLE));

        int number = jenkins.rest().build("aws-role-credential");
        String result = jenkins.rest().awaitResult("aws-role-credential", number);
        String log = jenkins.rest().console("aws-role-credential", number);

        assertEquals(log, "SUCCESS", result);
        List<MotoServer.AssumedRole> assumed = jenkins.moto().assumedRoles().stream()
                .filter(r -> Set.of("live-credential-role", "live-chain").contains(r.sessionName())).toList();
        assertEquals(List.of(
                        List.of(LiveJenkins.AWS_CREDENTIAL_ROLE, LiveJenkins.AWS_CREDENTIAL_EXTERNAL_ID, "live-credential-role"),
                        List.of(LiveJenkins.AWS_CREDENTIAL_ROLE, LiveJenkins.AWS_CREDENTIAL_EXTERNAL_ID, "live-chain"),
                        List.of(STEP_ROLE, "step-external-id", "live-chain")),
                assumed.stream().map(r -> List.of(r.roleArn(), r.externalId(), r.sessionName())).toList());
        // the credential's keys assume its role; that role's session assumes the step's role
        assertEquals(List.of(LiveJenkins.AWS_ACCESS_KEY, LiveJenkins.AWS_ACCESS_KEY, assumed.get(1).accessKeyId()),
                signers("AssumeRole"));
        assertEquals(List.of(assumed.get(0).accessKeyId(), assumed.get(2).accessKeyId()), signers("PutParameter"));
        for (String secret : List.of(LiveJenkins.AWS_SECRET_KEY, LiveJenkins.AWS_CREDENTIAL_EXTERNAL_ID)) {
            assertFalse(log, log.contains(secret));
            Secrets.assertNotInTree(jenkins.buildDir("aws-role-credential", number), secret);
        }
    }

    @Test
    public void publishAmiParam_credentialWithAnMfaDevice_failsSayingAPipelineCannotTypeTheToken() throws Exception {
        String name = "/credentials-live/mfa/AmiId";
        jenkins.rest().createPipeline("aws-mfa-credential", publishPipeline(proxy.endpoint(), name,
                "ami-0123456789abcdef0", LiveJenkins.AWS_MFA_CREDENTIALS_ID));

        String log = jenkins.rest().run("aws-mfa-credential", "FAILURE");

        assertTrue(log, log.lines().anyMatch(("ERROR: publishAmiParam: credentialsId: credential '"
                + LiveJenkins.AWS_MFA_CREDENTIALS_ID + "' is protected by an MFA device: using it needs a token from"
                + " that device, which a pipeline cannot type (use an AWS credential without an MFA device serial"
                + " number, whose role's trust policy does not ask for MFA)")::equals));
        assertEquals("nothing reached AWS", List.of(), proxy.log());
        assertThrows(ParameterNotFoundException.class,
                () -> jenkins.moto().clients().ssm().getParameter(q -> q.name(name)));
    }

    @Test
    public void publishAmiParam_credentialOfAnotherKind_failsNamingTheKindsThatWork() throws Exception {
        jenkins.rest().createPipeline("aws-other-credential", publishPipeline(proxy.endpoint(), "/credentials-live/other/AmiId",
                "ami-0123456789abcdef0", LiveJenkins.BUILD_URL_CREDENTIALS_ID));

        String log = jenkins.rest().run("aws-other-credential", "FAILURE");

        assertTrue(log, log.lines().anyMatch(("ERROR: publishAmiParam: credentialsId '" + LiveJenkins.BUILD_URL_CREDENTIALS_ID
                + "' is a Secret text credential: it must name an AWS credential or a username/password one (add AWS"
                + " Credentials with the access key ID, the secret key and optionally an IAM role, or a username/password"
                + " credential holding the access key ID as username and the secret key as password, or leave"
                + " credentialsId out to use the agent's role)")::equals));
        assertFalse(log, log.contains(LiveJenkins.BUILD_URL_SECRET));
        assertEquals("nothing reached AWS", List.of(), proxy.log());
    }

    /** The access key IDs that signed the proxied requests of {@code action}, in order. */
    private List<String> signers(String action) {
        return proxy.log().stream().filter(r -> r.action().equals(action)).map(FaultProxy.Request::accessKeyId).toList();
    }
}
