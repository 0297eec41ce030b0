package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.aws.RoleToAssume;
import io.bakehouse.engine.aws.StaticCredentials;
import io.bakehouse.engine.error.InvalidInputException;
import org.junit.Test;

public class AwsOptionsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/deployer";
    private static final String OTHER_ROLE = "arn:aws:iam::123456789012:role/admin-default";

    @Test
    public void withDefaults_stepLeavesRegionAndRoleOut_takesTheAdministratorsDefaults() {
        AwsOptions effective = AwsOptions.NONE.withDefaults(new PluginDefaults("eu-west-1", OTHER_ROLE, "invoker"));
        assertEquals("eu-west-1", effective.region());
        assertEquals(OTHER_ROLE, effective.roleArn());
    }

    @Test
    public void withDefaults_stepNamesRegionAndRole_stepWins() {
        AwsOptions step = new AwsOptions("us-east-2", ROLE, "ext", "session", null, "aws-keys");
        AwsOptions effective = step.withDefaults(new PluginDefaults("eu-west-1", OTHER_ROLE, null));
        assertEquals(step, effective);
    }

    @Test
    public void withDefaults_noDefaults_leavesGapsForTheAgentEnvironment() {
        AwsOptions effective = AwsOptions.NONE.withDefaults(PluginDefaults.NONE);
        assertNull(effective.region());
        assertNull(effective.roleArn());
    }

    @Test
    public void constructor_blankValues_becomeAbsent() {
        AwsOptions options = new AwsOptions(" ", "", "\t", " ", "", " ");
        assertEquals(AwsOptions.NONE, options);
    }

    @Test
    public void toSettings_everyParameter_mapsToTheEngineSettings() {
        StaticCredentials keys = new StaticCredentials("AKIAIOSFODNN7EXAMPLE", "secret-value", null);
        RoleToAssume credentialRole = new RoleToAssume(OTHER_ROLE, "credential-ext");
        AwsSettings settings = new AwsOptions("us-east-1", ROLE, "ext-42", "build-7", "http://127.0.0.1:5000", "aws-keys")
                .toSettings(new AwsCredentials.Identity(keys, credentialRole));
        assertEquals("us-east-1", settings.region());
        assertEquals(ROLE, settings.roleArn());
        assertEquals("ext-42", settings.externalId());
        assertEquals("build-7", settings.roleSessionName());
        assertEquals("http://127.0.0.1:5000", settings.endpointUrl());
        assertSame(keys, settings.credentials());
        assertSame(credentialRole, settings.baseRole());
        assertNull(settings.profile());
    }

    @Test
    public void toSettings_noCredential_leavesKeysAndBaseRoleToTheAgent() {
        AwsSettings settings = new AwsOptions("us-east-1", ROLE, null, null, null, null).toSettings(null);
        assertNull(settings.credentials());
        assertNull(settings.baseRole());
        assertEquals(ROLE, settings.roleArn());
    }

    @Test
    public void toSettings_badRegion_namesTheRegionParameter() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AwsOptions("mars-1", null, null, null, null, null).toSettings(null));
        assertEquals("region", e.field());
    }

    @Test
    public void toSettings_badRoleArn_namesTheRoleArnParameter() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AwsOptions(null, "deployer", null, null, null, null).toSettings(null));
        assertEquals("roleArn", e.field());
    }

    @Test
    public void toSettings_badEndpoint_namesTheEndpointUrlParameter() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AwsOptions(null, null, null, null, "localhost:5000", null).toSettings(null));
        assertEquals("endpointUrl", e.field());
    }

    @Test
    public void serialisation_roundTrip_keepsEveryValue() {
        AwsOptions options = new AwsOptions("us-east-1", ROLE, "ext", "session", "http://127.0.0.1:1", "aws-keys");
        assertEquals(options, Serialization.roundTrip(options));
    }
}
