package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.aws.StaticCredentials;
import io.bakehouse.engine.error.InvalidInputException;
import org.junit.Test;

/** The mapping from a username/password credential to AWS keys; the lookup itself needs Jenkins (see the JenkinsTest). */
public class AwsCredentialsTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

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
        assertFalse(new AwsOptions(null, null, null, null, null, "aws-keys").toSettings(keys).toString().contains(SECRET));
    }
}
