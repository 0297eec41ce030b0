package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import org.junit.Test;

public class MachineReadableLineTest {

    @Test
    public void parse_uiLine_undoesEscapedCommasAndNewlines() {
        MachineReadableLine line = MachineReadableLine.parse(
                "1795409113,,ui,say,==> local.amazon-ebs.app: No volumes to clean up%!(PACKER_COMMA) skipping\\nnext");

        assertEquals(1795409113L, line.timestamp());
        assertEquals("", line.target());
        assertEquals("ui", line.type());
        assertEquals(List.of("say", "==> local.amazon-ebs.app: No volumes to clean up, skipping\nnext"), line.data());
    }

    @Test
    public void parse_artifactLine_keepsTargetAndFields() {
        MachineReadableLine line = MachineReadableLine.parse("1795409113,local.amazon-ebs.app,artifact,0,id,"
                + "eu-west-1:ami-c23dc2c64b6ebdd9a%!(PACKER_COMMA)us-east-1:ami-062acddd5e9e41a7a");

        assertEquals("local.amazon-ebs.app", line.target());
        assertEquals("artifact", line.type());
        assertEquals("0", line.field(0));
        assertEquals("id", line.field(1));
        assertEquals("eu-west-1:ami-c23dc2c64b6ebdd9a,us-east-1:ami-062acddd5e9e41a7a", line.field(2));
        assertEquals("", line.field(7));
    }

    @Test
    public void parse_plainText_isNotMachineReadable() {
        assertNull(MachineReadableLine.parse("Error: Could not find any config file in nonexist.pkr.hcl"));
        assertNull(MachineReadableLine.parse("12a,,ui,say,x"));
        assertNull(MachineReadableLine.parse(""));
    }
}
