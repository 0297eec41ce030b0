package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import org.junit.Test;

public class PackerBinaryTest {

    @Test
    public void locate_onPath_findsInstalledPackerAndItsVersion() {
        PackerBinary packer = PackerBinary.locate(null, System.getenv("PATH"));

        assertTrue(packer.path().endsWith("packer"));
        assertTrue(packer.version().major() >= 1);
    }

    @Test
    public void locate_explicitMissing_usageErrorWithInstallInstruction() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PackerBinary.locate("/nonexistent/packer", null));

        assertEquals("packer", e.field());
        assertTrue(e.hint(), e.hint().contains("apt-get install packer"));
    }

    @Test
    public void locate_notOnPath_usageErrorWithInstallInstruction() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PackerBinary.locate(null, "/nonexistent"));

        assertTrue(e.getMessage(), e.getMessage().contains("no packer on PATH"));
    }

    @Test
    public void version_parseAndInitSupport() {
        assertFalse(PackerBinary.Version.parse("Packer v1.6.6").hasInit());
        assertTrue(PackerBinary.Version.parse("Packer v1.7.0\n").hasInit());
        assertTrue(PackerBinary.Version.parse("Packer v1.11.2 (abc)").hasInit());
        assertEquals("1.10.0", PackerBinary.Version.parse("1.10.0").toString());
        assertEquals(null, PackerBinary.Version.parse("not packer"));
    }
}
