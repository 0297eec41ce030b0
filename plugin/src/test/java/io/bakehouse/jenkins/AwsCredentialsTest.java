package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import io.bakehouse.engine.aws.RoleToAssume;
import io.bakehouse.engine.aws.StaticCredentials;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import org.junit.Test;

/**
 * The mapping from a username/password or an AWS credential to AWS keys and a role; the lookup
 * itself needs Jenkins (see AwsCredentialsLive and WithoutAwsCredentialsIT in the real one).
 */
public class AwsCredentialsTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ROLE = "arn:aws:iam::123456789012:role/jenkins-ci";

    @Test
    public void toKeys_accessKeyAndSecret_mapToStaticCredentials() {
        StaticCredentials keys = AwsCredentials.toKeys("aws-keys", KEY_ID, SECRET);
        assertEquals(KEY_ID, keys.accessKeyId());
        assertEquals(SECRET, keys.secretAccessKey());
        assertNull(keys.sessionToken());
    }

    @Test
    public void toKeys_paddedUsername_isTrimmed() {
        assertEquals(KEY_ID, AwsCredentials.toKeys("aws-keys", " " + KEY_ID + " ", SECRET).accessKeyId());
    }

    @Test
    public void toKeys_usernameIsNotAnAccessKeyId_failsNamingTheCredentialNotTheSecret() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AwsCredentials.toKeys("aws-keys", "deploy-user", SECRET));
        assertEquals("credentialsId", e.field());
        assertEquals("credential 'aws-keys' does not hold an AWS access key ID as its username", e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertFalse(e.hint().contains(SECRET));
    }

    @Test
    public void toKeys_emptyPassword_failsAskingForTheSecretKey() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AwsCredentials.toKeys("aws-keys", KEY_ID, " "));
        assertEquals("credential 'aws-keys' has an empty password", e.getMessage());
        assertEquals("set the password to the secret access key", e.hint());
    }

    @Test
    public void toKeys_result_neverShowsTheSecretAsText() {
        StaticCredentials keys = AwsCredentials.toKeys("aws-keys", KEY_ID, SECRET);
        assertFalse(keys.toString().contains(SECRET));
        assertFalse(new AwsOptions(null, null, null, null, null, "aws-keys")
                .toSettings(new AwsCredentials.Identity(keys, null)).toString().contains(SECRET));
    }

    @Test
    public void toIdentity_keysOnly_areUsedAsTheyAreWithoutARole() {
        AwsCredentials.Identity identity = AwsCredentials.toIdentity("ci-aws", KEY_ID, SECRET, " ", null, "");
        assertEquals(new StaticCredentials(KEY_ID, SECRET, null), identity.keys());
        assertNull(identity.role());
    }

    @Test
    public void toIdentity_roleAndExternalId_becomeTheRoleAssumedFirst() {
        AwsCredentials.Identity identity = AwsCredentials.toIdentity("ci-aws", KEY_ID, SECRET, ROLE, "ext-7", null);
        assertEquals(new RoleToAssume(ROLE, "ext-7"), identity.role());
        assertFalse(identity.toString().contains(SECRET));
        assertFalse(identity.toString().contains("ext-7"));
    }

    @Test
    public void toIdentity_mfaSerialNumber_failsSayingAPipelineCannotTypeTheToken() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AwsCredentials.toIdentity("ci-aws",
                KEY_ID, SECRET, ROLE, null, "arn:aws:iam::123456789012:mfa/ci"));
        assertEquals("credentialsId", e.field());
        assertEquals("credential 'ci-aws' is protected by an MFA device: using it needs a token from that device,"
                + " which a pipeline cannot type", e.getMessage());
        assertTrue(e.hint(), e.hint().contains("without an MFA device serial number"));
    }

    @Test
    public void toIdentity_badKeysOrRole_failNamingTheFieldOfTheCredentialNotTheSecret() {
        InvalidInputException key = assertThrows(InvalidInputException.class,
                () -> AwsCredentials.toIdentity("ci-aws", "not a key", SECRET, null, null, null));
        assertEquals("credential 'ci-aws' does not hold an AWS access key ID as its Access Key ID", key.getMessage());
        InvalidInputException secret = assertThrows(InvalidInputException.class,
                () -> AwsCredentials.toIdentity("ci-aws", KEY_ID, "", null, null, null));
        assertEquals("credential 'ci-aws' has an empty Secret Access Key", secret.getMessage());
        InvalidInputException role = assertThrows(InvalidInputException.class,
                () -> AwsCredentials.toIdentity("ci-aws", KEY_ID, SECRET, "deployer", null, null));
        assertEquals("credentialsId", role.field());
        assertEquals("credential 'ci-aws' names IAM role 'deployer', which is not an IAM role ARN", role.getMessage());
        for (InvalidInputException e : List.of(key, secret, role)) {
            assertFalse(e.getMessage().contains(SECRET));
            assertFalse(e.hint().contains(SECRET));
        }
    }

    @Test
    public void types_withoutTheAwsCredentialsPlugin_areUsernamePasswordOnly() {
        // no Jenkins here, so no aws-credentials: its classes are never touched
        assertEquals(List.of(StandardUsernamePasswordCredentials.class), AwsCredentials.types());
    }
}
