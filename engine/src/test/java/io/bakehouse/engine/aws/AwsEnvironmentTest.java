package io.bakehouse.engine.aws;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

public class AwsEnvironmentTest {

    @Rule
    public final TemporaryFolder home = new TemporaryFolder();

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.getRoot().getPath());
        return env;
    }

    private void writeProfiles(String config, String credentials) throws IOException {
        Path aws = home.getRoot().toPath().resolve(".aws");
        Files.createDirectories(aws);
        Files.writeString(aws.resolve("config"), config);
        Files.writeString(aws.resolve("credentials"), credentials);
    }

    @Test
    public void region_explicitWinsOverEnvironment() {
        Map<String, String> env = env();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "k");
        env.put("AWS_SECRET_ACCESS_KEY", "s");

        var resolved = new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-west-2"));

        assertEquals("us-west-2", resolved.region());
    }

    @Test
    public void region_fallsBackToAwsRegionThenDefaultRegionThenProfile() throws IOException {
        Map<String, String> env = env();
        env.put("AWS_DEFAULT_REGION", "ap-southeast-2");
        assertEquals("ap-southeast-2", new AwsEnvironment(env).resolve(AwsSettings.defaults()).region());

        env.put("AWS_REGION", "eu-central-1");
        assertEquals("eu-central-1", new AwsEnvironment(env).resolve(AwsSettings.defaults()).region());

        writeProfiles("[profile ops]\nregion = ca-central-1\n",
                "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = opssecret\n");
        Map<String, String> profileOnly = env();
        assertEquals("ca-central-1", new AwsEnvironment(profileOnly)
                .resolve(AwsSettings.defaults().withProfile("ops")).region());
    }

    @Test
    public void region_missingEverywhere_isAUsageErrorNamingWhatToDo() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AwsEnvironment(env()).resolve(AwsSettings.defaults()));

        assertEquals("region", e.field());
        assertEquals("No AWS region given", e.getMessage());
        assertTrue(e.hint().contains("AWS_REGION"));
    }

    @Test
    public void credentials_fromEnvironmentKeysIncludingSessionToken() {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", "AKIAENV");
        env.put("AWS_SECRET_ACCESS_KEY", "envsecret");
        env.put("AWS_SESSION_TOKEN", "envtoken");

        AwsCredentials c = new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1"))
                .baseCredentials().resolveCredentials();

        assertEquals("AKIAENV", c.accessKeyId());
        assertEquals("envtoken", ((AwsSessionCredentials) c).sessionToken());
    }

    @Test
    public void credentials_explicitKeysWinOverEnvironment() {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", "AKIAENV");
        env.put("AWS_SECRET_ACCESS_KEY", "envsecret");

        AwsCredentials c = new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1")
                .withCredentials(new StaticCredentials("AKIAJENKINS", "jenkinssecret", null)))
                .baseCredentials().resolveCredentials();

        assertEquals("AKIAJENKINS", c.accessKeyId());
    }

    @Test
    public void credentials_halfAKeyPair_failsClearly() {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", "AKIAENV");

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1")));

        assertTrue(e.getMessage().contains("Only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    public void credentials_fromNamedProfile() throws IOException {
        writeProfiles("[profile ops]\nregion = eu-west-1\n",
                "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = opssecret\n");

        AwsCredentials c = new AwsEnvironment(env()).resolve(AwsSettings.defaults().withProfile("ops"))
                .baseCredentials().resolveCredentials();

        assertEquals("AKIAOPS", c.accessKeyId());
    }

    @Test
    public void profile_fromAwsProfileVariable_isUsed() throws IOException {
        writeProfiles("[profile ops]\nregion = eu-west-1\n",
                "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = opssecret\n");
        Map<String, String> env = env();
        env.put("AWS_PROFILE", "ops");

        var resolved = new AwsEnvironment(env).resolve(AwsSettings.defaults());

        assertEquals("eu-west-1", resolved.region());
        assertEquals("AKIAOPS", resolved.baseCredentials().resolveCredentials().accessKeyId());
    }

    @Test
    public void profile_unknown_isAUsageErrorNamingTheFiles() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AwsEnvironment(env()).resolve(AwsSettings.defaults().withProfile("nope").withRegion("us-east-1")));

        assertEquals("profile", e.field());
        assertTrue(e.getMessage(), e.getMessage().startsWith("AWS profile 'nope' is not defined in "));
        assertTrue(e.getMessage(), e.getMessage().contains(".aws/config"));
    }

    @Test
    public void endpoint_fromAwsEndpointUrl_andValidated() {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", "k");
        env.put("AWS_SECRET_ACCESS_KEY", "s");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        assertEquals("http://127.0.0.1:4566",
                new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1")).endpoint().toString());

        env.put("AWS_ENDPOINT_URL", "not a url");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1")));
        assertEquals("endpointUrl", e.field());
    }

    @Test
    public void endpoint_absent_meansAwsOwnEndpoints() {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", "k");
        env.put("AWS_SECRET_ACCESS_KEY", "s");

        assertNull(new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1")).endpoint());
    }

    @Test
    public void roleSessionName_defaultsToBakehouseAndTime() {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", "k");
        env.put("AWS_SECRET_ACCESS_KEY", "s");

        var resolved = new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1")
                .withRole("arn:aws:iam::123456789012:role/deployer", null, null));

        assertTrue(resolved.roleSessionName(), resolved.roleSessionName().matches("bakehouse-\\d+"));
    }

    @Test
    public void externalId_givenWinsThenTheEnvironmentsOnlyWhenARoleIsAssumed() {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", "k");
        env.put("AWS_SECRET_ACCESS_KEY", "s");
        env.put(AwsEnvironment.EXTERNAL_ID_VARIABLE, "from-a-credential");
        AwsSettings base = AwsSettings.defaults().withRegion("us-east-1");
        String role = "arn:aws:iam::123456789012:role/prod-deployer";

        assertEquals("from-a-credential",
                new AwsEnvironment(env).resolve(base.withRole(role, null, null)).externalId());
        assertEquals("given", new AwsEnvironment(env).resolve(base.withRole(role, "given", null)).externalId());
        // no role, nothing to hand it to
        assertNull(new AwsEnvironment(env).resolve(base).externalId());

        env.remove(AwsEnvironment.EXTERNAL_ID_VARIABLE);
        assertNull(new AwsEnvironment(env).resolve(base.withRole(role, null, null)).externalId());
    }

    @Test
    public void baseRole_isKeptAsGiven_theEnvironmentsExternalIdGoesToRoleArnOnly() {
        Map<String, String> env = env();
        env.put(AwsEnvironment.EXTERNAL_ID_VARIABLE, "for-the-step-role");
        RoleToAssume credentialRole = new RoleToAssume("arn:aws:iam::123456789012:role/jenkins-ci", null);
        AwsSettings settings = AwsSettings.defaults().withRegion("us-east-1")
                .withCredentials(new StaticCredentials("AKIAEXAMPLE", "secret", null)).withBaseRole(credentialRole);

        AwsEnvironment.Resolved alone = new AwsEnvironment(env).resolve(settings);
        AwsEnvironment.Resolved chained = new AwsEnvironment(env).resolve(
                settings.withRole("arn:aws:iam::123456789012:role/prod-deployer", null, null));

        assertEquals(credentialRole, alone.baseRole());
        assertNull(alone.roleArn());
        assertEquals(credentialRole, chained.baseRole());
        assertEquals("for-the-step-role", chained.externalId());
    }

    @Test
    public void retries_followAwsRetryModeAndMaxAttempts() {
        Map<String, String> env = env();
        env.put("AWS_ACCESS_KEY_ID", "k");
        env.put("AWS_SECRET_ACCESS_KEY", "s");
        env.put("AWS_RETRY_MODE", "adaptive");
        env.put("AWS_MAX_ATTEMPTS", "7");

        var resolved = new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1"));
        assertTrue(resolved.adaptiveRetries());
        assertEquals(7, resolved.maxAttempts());

        var explicit = new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1").withRetries(false, 3));
        assertEquals(3, explicit.maxAttempts());

        env.put("AWS_MAX_ATTEMPTS", "lots");
        assertEquals("maxAttempts", assertThrows(InvalidInputException.class,
                () -> new AwsEnvironment(env).resolve(AwsSettings.defaults().withRegion("us-east-1"))).field());
    }
}
