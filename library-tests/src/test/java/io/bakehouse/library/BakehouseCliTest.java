package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.bakehouse.harness.LibraryUnderTest;
import io.bakehouse.harness.PipelineFailure;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/** How a var runs the CLI: credentials, environment, what it runs and what it returns or reports. */
public class BakehouseCliTest {

    private static final String KEY_ID = "AKIAEXAMPLEKEYID";
    private static final String SECRET_KEY = "wJalrXUtnFEMI-secret-key-example";

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void run_credentialsId_bindsTheKeyPairAsAwsVariablesForTheCliOnly() {
        library.harness().addUsernamePassword("aws-deploy", KEY_ID, SECRET_KEY);
        assertKeysBoundForTheCliOnly("aws-deploy", Map.of("$class", "UsernamePasswordMultiBinding", "credentialsId",
                "aws-deploy", "usernameVariable", "AWS_ACCESS_KEY_ID", "passwordVariable", "AWS_SECRET_ACCESS_KEY"));
        assertFalse("credentialsId is not a CLI option", library.cli().onlyCall().contains("--credentials-id"));
    }

    @Test
    public void run_awsCredential_bindsItWithAwsAsTheSameVariablesForTheCliOnly() {
        library.harness().addAws("ci-aws", KEY_ID, SECRET_KEY, null);
        assertKeysBoundForTheCliOnly("ci-aws", Map.of("$class", "AmazonWebServicesCredentialsBinding", "credentialsId",
                "ci-aws", "accessKeyVariable", "AWS_ACCESS_KEY_ID", "secretKeyVariable", "AWS_SECRET_ACCESS_KEY"));
    }

    /** publishAmiParam with {@code credentialsId} binds its keys with {@code binding}, for the CLI and nothing else. */
    private void assertKeysBoundForTheCliOnly(String credentialsId, Map<String, String> binding) {
        library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1", "credentialsId", credentialsId));
        Map<String, String> env = library.cli().environment(1);
        assertEquals(KEY_ID, env.get("AWS_ACCESS_KEY_ID"));
        assertEquals(SECRET_KEY, env.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals(List.of(binding), library.harness().calls("withCredentials").get(0).arg("bindings"));
        assertFalse(library.harness().log().contains(SECRET_KEY));
        assertFalse(String.valueOf(library.harness().calls("sh").get(0).arg("script")).contains(SECRET_KEY));
        assertFalse(library.harness().env().contains("AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    public void run_awsCredentialWithAnMfaDevice_failsSayingWhyWithoutRunningTheCli() {
        library.harness().addAws("ci-aws-mfa", KEY_ID, SECRET_KEY, "arn:aws:iam::123456789012:mfa/ci");
        assertEquals("publishAmiParam: credentialsId: credential 'ci-aws-mfa' is protected by an MFA device: using it"
                        + " needs a token from that device, which a pipeline cannot type (use an AWS credential without"
                        + " an MFA device serial number, whose role's trust policy does not ask for MFA)",
                library.failure("publishAmiParam", args("name", "/a", "amiId", "ami-1", "credentialsId", "ci-aws-mfa")));
        assertTrue(library.harness().calls("withCredentials").isEmpty());
    }

    @Test
    public void run_credentialOfAnotherKind_isLeftToTheUsernamePasswordBindingToRefuse() {
        library.harness().addString("a-token", SECRET_KEY);
        try {
            library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1", "credentialsId", "a-token"));
            fail("expected a failure");
        } catch (PipelineFailure expected) {
            assertEquals("UsernamePasswordMultiBinding", ((Map<?, ?>) ((List<?>) library.harness().calls("withCredentials")
                    .get(0).arg("bindings")).get(0)).get("$class"));
        }
        assertTrue(library.cli().calls().isEmpty());
    }

    @Test
    public void run_unknownCredentialsId_failsWithoutRunningTheCli() {
        try {
            library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1", "credentialsId", "nope"));
            fail("expected a failure");
        } catch (PipelineFailure expected) {
            assertEquals("Could not find credentials entry with ID 'nope'", expected.getMessage());
        }
        assertTrue(library.cli().calls().isEmpty());
    }

    @Test
    public void run_withoutCredentialsId_leavesTheAgentsOwnCredentials() {
        library.harness().env().put("AWS_PROFILE", "agent-profile");
        library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1"));
        assertEquals("agent-profile", library.cli().environment(1).get("AWS_PROFILE"));
        assertTrue(library.harness().calls("withCredentials").isEmpty());
    }

    @Test
    public void run_cliProgress_goesToTheBuildLog() {
        library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1"));
        assertTrue(library.harness().log().contains("fake bakehouse: publish-ami-param"));
    }

    @Test
    public void run_invalidArguments_failsWithOneErrorStepAndRunsNothing() {
        library.failure("cfnDeploy", args("stack", "s", "template", "t", "timout", "5m"));
        assertEquals(1, library.harness().calls("error").size());
        assertTrue(library.harness().calls("libraryResource").isEmpty());
    }

    @Test
    public void run_noArguments_reportsTheRequiredOnes() {
        assertTrue(library.failure("packerBuild", args()).contains("missing required parameter 'template'"));
    }
}
