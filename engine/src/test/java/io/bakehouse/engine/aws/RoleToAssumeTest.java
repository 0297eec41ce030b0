package io.bakehouse.engine.aws;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import org.junit.Test;

public class RoleToAssumeTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/jenkins-ci";

    @Test
    public void paddedArnAndBlankExternalId_areTrimmedAndAbsent() {
        RoleToAssume role = new RoleToAssume(" " + ROLE + " ", " ");

        assertEquals(ROLE, role.roleArn());
        assertNull(role.externalId());
    }

    @Test
    public void notARoleArn_isRejectedNamingTheRoleArn() {
        for (String bad : new String[] {null, "jenkins-ci", "arn:aws:iam::123456789012:user/jenkins-ci"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> new RoleToAssume(bad, "ext"));
            assertEquals("roleArn", e.field());
            assertEquals("'" + bad + "' is not an IAM role ARN", e.getMessage());
        }
    }

    @Test
    public void text_showsTheRoleButNotTheExternalId() {
        String text = new RoleToAssume(ROLE, "shared-external-id").toString();

        assertTrue(text, text.contains(ROLE));
        assertFalse(text, text.contains("shared-external-id"));
    }
}
