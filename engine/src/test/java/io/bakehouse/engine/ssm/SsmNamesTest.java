package io.bakehouse.engine.ssm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import org.junit.Test;

public class SsmNamesTest {

    @Test
    public void validNames_pass() {
        SsmNames.validateParameterName("/DeploymentConfig/dev/App/AmiId");
        SsmNames.validateParameterName("AmiId");
        SsmNames.validateParameterName("/a-b_c.d/e");
        SsmNames.validateParameterName("/" + "a/".repeat(14) + "z");
    }

    @Test
    public void invalidNames_failWithTheRuleBroken() {
        assertMessage("/a b", "may contain only letters, digits and _.-/");
        assertMessage("/a$b", "may contain only letters, digits and _.-/");
        assertMessage("a/b", "must start with /");
        assertMessage("/ssm/x", "reserved prefix");
        assertMessage("AWSthing", "reserved prefix");
        assertMessage("/a/", "empty path segment");
        assertMessage("/" + "a/".repeat(15) + "z", "16 levels deep");
        assertMessage("", "name is required");
    }

    @Test
    public void labels_followSsmRules() {
        SsmNames.validateLabel("build-42");
        SsmNames.validateLabel("sha_abc.1");
        assertThrows(InvalidInputException.class, () -> SsmNames.validateLabel("42"));
        assertThrows(InvalidInputException.class, () -> SsmNames.validateLabel("awsLabel"));
        assertThrows(InvalidInputException.class, () -> SsmNames.validateLabel("has space"));
        assertThrows(InvalidInputException.class, () -> SsmNames.validateLabel("x".repeat(101)));
    }

    @Test
    public void amiIds_haveEightOrSeventeenHexDigits() {
        assertTrue(AmiIds.isAmiId("ami-12345678"));
        assertTrue(AmiIds.isAmiId("ami-0123456789abcdef0"));
        assertFalse(AmiIds.isAmiId("ami-123"));
        assertFalse(AmiIds.isAmiId("ami-0123456789ABCDEF0"));
        assertFalse(AmiIds.isAmiId("snap-12345678"));
        assertFalse(AmiIds.isAmiId(" ami-12345678"));
    }

    private static void assertMessage(String name, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SsmNames.validateParameterName(name));
        assertEquals("name", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }
}
