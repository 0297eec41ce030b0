package io.bakehouse.engine.aws;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.Test;

public class AwsSettingsTest {

    @Test
    public void blankValues_becomeAbsent() {
        AwsSettings s = new AwsSettings(" ", "", null, null, "  ", null, null, "", false, 0);

        assertNull(s.region());
        assertNull(s.profile());
        assertNull(s.roleArn());
        assertNull(s.endpointUrl());
    }

    @Test
    public void invalidValues_areRejectedNamingTheField() {
        assertEquals("region", assertThrows(InvalidInputException.class,
                () -> AwsSettings.defaults().withRegion("Virginia")).field());
        assertEquals("roleArn", assertThrows(InvalidInputException.class,
                () -> AwsSettings.defaults().withRole("deployer", null, null)).field());
        assertEquals("roleSessionName", assertThrows(InvalidInputException.class,
                () -> AwsSettings.defaults().withRole("arn:aws:iam::123456789012:role/x", null, "has space")).field());
        assertEquals("endpointUrl", assertThrows(InvalidInputException.class,
                () -> AwsSettings.defaults().withEndpointUrl("ftp://127.0.0.1")).field());
        assertEquals("maxAttempts", assertThrows(InvalidInputException.class,
                () -> AwsSettings.defaults().withRetries(false, 99)).field());
    }

    @Test
    public void staticCredentials_neverShowTheSecretWhenPrinted() {
        StaticCredentials c = new StaticCredentials("AKIAEXAMPLE", "very-secret-key", "very-secret-token");
        AwsSettings s = AwsSettings.defaults().withCredentials(c);

        assertFalse(c.toString().contains("very-secret"));
        assertFalse(s.toString().contains("very-secret"));
        assertTrue(c.toString().contains("AKIAEXAMPLE"));
    }

    @Test
    public void settings_surviveSerialisation() throws Exception {
        AwsSettings s = AwsSettings.defaults().withRegion("eu-west-1")
                .withCredentials(new StaticCredentials("AKIA", "secret", null))
                .withBaseRole(new RoleToAssume("arn:aws:iam::123456789012:role/jenkins-ci", "credential-ext"))
                .withRole("arn:aws:iam::123456789012:role/deployer", "ext", "build-42")
                .withEndpointUrl("http://127.0.0.1:5000");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(s, in.readObject());
        }
    }
}
