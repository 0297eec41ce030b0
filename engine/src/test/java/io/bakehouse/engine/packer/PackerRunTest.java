package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The wording of failures; the commands themselves run against moto in {@link PackerBuilderTest}. */
public class PackerRunTest {

    @Test
    public void oneLine_multiLinePackerError_firstLineWithoutArrow() {
        assertEquals("local.amazon-ebs.app: No AMI was found matching filters: {",
                PackerRun.oneLine("\n==> local.amazon-ebs.app: No AMI was found matching filters: {\n  Filters: ["));
        assertEquals(300, PackerRun.oneLine("x".repeat(400)).length());
    }

    @Test
    public void hintFor_undefinedOrUnsetVariable_saysHowToPassIt() {
        assertTrue(PackerRun.hintFor("Error: Undefined -var variable").contains("--var NAME=VALUE"));
        assertTrue(PackerRun.hintFor("Error: Unset variable \"ami_name\"").contains("--var NAME=VALUE"));
        assertTrue(PackerRun.hintFor("Error: something else").startsWith("fix the template"));
    }
}
