package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PackerCommandLineTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Template template() throws IOException {
        Path file = temp.newFile("t.pkr.hcl").toPath();
        Files.writeString(file, "variable \"db_password\" {\n  type = string\n  sensitive = true\n}\n"
                + "variable \"bake_key\" {\n  type = string\n}\nvariable \"region\" {\n  type = string\n}\n");
        return Template.read(file);
    }

    @Test
    public void build_secretsNeverOnCommandLine_ownerOnlyVarFileDeletedOnClose() throws IOException {
        PackerBuildRequest request = new PackerBuildRequest("t.pkr.hcl", Map.of("region", "us-east-1",
                "db_password", "marked-sensitive"), Map.of("api_token", "given-as-sensitive"), List.of("a.pkrvars.hcl"),
                List.of("x.*"), null, "abort", true, null, null, false, null);
        Path secretFile;
        try (PackerCommandLine commands = new PackerCommandLine(request, template(), "/usr/bin/packer", "KEY")) {
            List<String> build = commands.build();

            String joined = String.join(" ", build);
            assertFalse(joined, joined.contains("marked-sensitive"));
            assertFalse(joined, joined.contains("given-as-sensitive"));
            assertEquals(List.of("/usr/bin/packer", "build", "-machine-readable", "-color=false", "-on-error=abort",
                    "-force", "-only=x.*", "-var-file=a.pkrvars.hcl"), build.subList(0, 8));
            assertTrue(joined, joined.contains("-var region=us-east-1 -var bake_key=KEY t.pkr.hcl"));
            secretFile = commands.secretVarFile();
            assertTrue(build.contains("-var-file=" + secretFile));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
            String content = Files.readString(secretFile);
            assertTrue(content, content.contains("\"db_password\": \"marked-sensitive\""));
            assertTrue(content, content.contains("\"api_token\": \"given-as-sensitive\""));
            assertEquals(Map.of("db_password", "marked-sensitive", "api_token", "given-as-sensitive"), commands.secretVars());
        }
        assertFalse(Files.exists(secretFile));
    }

    @Test
    public void validate_noSecrets_noVarFileAndNoBakeKeyWhenUndeclared() throws IOException {
        Path file = temp.newFile("plain.pkr.hcl").toPath();
        Files.writeString(file, "variable \"region\" {\n  type = string\n}\n");
        PackerBuildRequest request = new PackerBuildRequest("plain.pkr.hcl", Map.of("region", "eu-west-1"), null,
                null, null, List.of("slow.*"), null, false, null, null, false, null);
        try (PackerCommandLine commands = new PackerCommandLine(request, Template.read(file), "packer", "KEY")) {
            assertEquals(List.of("packer", "validate", "-machine-readable", "-except=slow.*", "-var", "region=eu-west-1",
                    "plain.pkr.hcl"), commands.validate());
            assertEquals(List.of("packer", "init", "plain.pkr.hcl"), commands.init());
            assertFalse(commands.passesBakeKey());
            assertEquals(null, commands.secretVarFile());
        }
    }
}
