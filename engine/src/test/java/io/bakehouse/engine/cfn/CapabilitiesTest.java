package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import org.junit.Test;

public class CapabilitiesTest {

    private static TemplateCheck needs(String... caps) {
        return new TemplateCheck(List.of(), List.of(caps), "The following resource(s) require capabilities: [AWS::IAM::Role]");
    }

    @Test
    public void require_missingCapability_isNamedWithCloudFormationsReason() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Capabilities.require(List.of(), needs("CAPABILITY_IAM")));

        assertEquals("the template needs CAPABILITY_IAM (The following resource(s) require capabilities:"
                + " [AWS::IAM::Role]); nothing was changed", e.getMessage());
        assertEquals("acknowledge it with --capability CAPABILITY_IAM (capabilities)", e.hint());
    }

    @Test
    public void require_namedIamGiven_coversIam() {
        Capabilities.require(List.of("CAPABILITY_NAMED_IAM"), needs("CAPABILITY_IAM"));
        Capabilities.require(List.of("CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"), needs("CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"));
        assertEquals("capabilities", assertThrows(InvalidInputException.class,
                () -> Capabilities.require(List.of("CAPABILITY_IAM"), needs("CAPABILITY_NAMED_IAM"))).field());
    }
}
