package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
                + "variable \"bake_key\" {\n  type = string\n}\nvariable \"region\" {\n  type = string\n}\n"
                + "variable \"api_token\" {}\n");
        return Template.read(file);
    }

    @Test
    public void build_noValueOnCommandLine_everyVarInOneOwnerOnlyFileDeletedOnClose() throws IOException {
        PackerBuildRequest request = new PackerBuildRequest("t.pkr.hcl", Map.of("region", "us-east-1",
                "db_password", "marked-sensitive"), Map.of("api_token", "given-as-sensitive"), List.of("a.pkrvars.hcl"),
                List.of("x.*"), null, "abort", true, null, null, false, null);
        Path varFile;
        try (PackerCommandLine commands = new PackerCommandLine(request, template(), "/usr/bin/packer", "KEY")) {
            List<String> build = commands.build();

            String joined = String.join(" ", build);
            assertFalse(joined, joined.contains("marked-sensitive"));
            assertFalse(joined, joined.contains("given-as-sensitive"));
            assertFalse(joined, joined.contains("us-east-1"));
            assertFalse(joined, joined.contains("KEY"));
            varFile = commands.varFile();
            assertEquals(List.of("/usr/bin/packer", "build", "-machine-readable", "-color=false", "-on-error=abort",
                    "-force", "-only=x.*", "-var-file=a.pkrvars.hcl", "-var-file=" + varFile, "t.pkr.hcl"), build);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(varFile)));
            assertTrue(varFile.getFileName().toString().endsWith(".pkrvars.json"));
            assertEquals(Map.of("region", "us-east-1", "bake_key", "KEY", "db_password", "marked-sensitive",
                    "api_token", "given-as-sensitive"), Json.mapper().readValue(varFile.toFile(), Map.class));
            assertEquals(Map.of("db_password", "marked-sensitive", "api_token", "given-as-sensitive"), commands.secretVars());
        }
        assertFalse(Files.exists(varFile));
    }

    @Test
    public void build_plainVarsToo_goThroughTheVarFile_noBakeKeyWhenUndeclared() throws IOException {
        Path file = temp.newFile("plain.pkr.hcl").toPath();
        Files.writeString(file, "variable \"region\" {\n  type = string\n}\n");
        PackerBuildRequest request = new PackerBuildRequest("plain.pkr.hcl", Map.of("region", "eu-west-1"), null,
                null, null, List.of("slow.*"), null, false, null, null, false, null);
        try (PackerCommandLine commands = new PackerCommandLine(request, Template.read(file), "packer", "KEY")) {
            List<String> build = commands.build();
            assertEquals(List.of("packer", "build", "-machine-readable", "-color=false", "-on-error=cleanup",
                    "-except=slow.*", "-var-file=" + commands.varFile(), "plain.pkr.hcl"), build);
            assertEquals(Map.of("region", "eu-west-1"), Json.mapper().readValue(commands.varFile().toFile(), Map.class));
            assertEquals(List.of("packer", "init", "plain.pkr.hcl"), commands.init());
            assertFalse(commands.passesBakeKey());
        }
    }

    @Test
    public void noVars_noVarFile() throws IOException {
        Path file = temp.newFile("none.pkr.hcl").toPath();
        Files.writeString(file, "source \"null\" \"x\" {}\n");
        try (PackerCommandLine commands = new PackerCommandLine(PackerBuildRequest.of("none.pkr.hcl"),
                Template.read(file), "packer", "KEY")) {
            assertEquals(List.of("packer", "build", "-machine-readable", "-color=false", "-on-error=cleanup",
                    "none.pkr.hcl"), commands.build());
            assertNull(commands.varFile());
        }
    }

    @Test
    public void typedVariables_valuesAsPackerReadsThemFromVar() throws IOException {
        Path file = temp.newFile("typed.pkr.hcl").toPath();
        Files.writeString(file, """
                variable "regions" { type = list(string) }
                variable "tags" {
                  type = map(string)
                }
                variable "inferred" { default = ["x"] }
                variable "count" { type = number }
                variable "flag" { type = bool }
                variable "untyped" {}
                variable "text" { type = string }
                """);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("regions", "[\"us-west-2\", \"eu-west-1\",]");
        vars.put("tags", "{\n  Team = \"web\"\n  \"Cost Centre\": \"a$${b}\"\n}");
        vars.put("inferred", "[1, true, null]");
        vars.put("count", "3");
        vars.put("flag", "true");
        vars.put("untyped", "[not parsed]");
        vars.put("text", "${var.not_evaluated}");
        PackerBuildRequest request = new PackerBuildRequest("typed.pkr.hcl", vars, null, null, null, null, null,
                false, null, null, false, null);
        try (PackerCommandLine commands = new PackerCommandLine(request, Template.read(file), "packer", "KEY")) {
            commands.build();
            Map<?, ?> values = Json.mapper().readValue(commands.varFile().toFile(), Map.class);
            assertEquals(List.of("us-west-2", "eu-west-1"), values.get("regions"));
            assertEquals(Map.of("Team", "web", "Cost Centre", "a${b}"), values.get("tags"));
            assertEquals(Arrays.asList(1, true, null), values.get("inferred"));
            assertEquals("3", values.get("count"));
            assertEquals("true", values.get("flag"));
            assertEquals("[not parsed]", values.get("untyped"));
            assertEquals("${var.not_evaluated}", values.get("text"));
        }
    }

    @Test
    public void typedVariable_notALiteral_usageErrorThatDoesNotShowTheValue() throws IOException {
        Path file = temp.newFile("bad.pkr.hcl").toPath();
        Files.writeString(file, "variable \"keys\" {\n  type      = list(string)\n  sensitive = true\n}\n");
        for (String value : List.of("[\"secret-one\"] \nother = \"secret-two\"", "[var.secret_three]",
                "[\"${secret_four}\"]", "[\"secret-five")) {
            PackerBuildRequest request = new PackerBuildRequest("bad.pkr.hcl", null, Map.of("keys", value), null,
                    null, null, null, false, null, null, false, null);
            InvalidInputException e = assertThrows(value, InvalidInputException.class,
                    () -> new PackerCommandLine(request, Template.read(file), "packer", "KEY").close());
            assertEquals("sensitiveVars", e.field());
            assertTrue(e.getMessage(), e.getMessage().startsWith("variable 'keys' is declared as list(string), but its"
                    + " value is not an HCL literal"));
            assertFalse(e.getMessage(), e.getMessage().contains("secret"));
        }
    }

    @Test
    public void secretMap_eachOfItsValuesIsMaskedToo() throws IOException {
        Path file = temp.newFile("map.pkr.hcl").toPath();
        Files.writeString(file, "variable \"tags\" {\n  type = map(string)\n}\n");
        PackerBuildRequest request = new PackerBuildRequest("map.pkr.hcl", null,
                Map.of("tags", "{ Token = \"t0ken-in-a-map\", Port = 8443 }"), null, null, null, null, false, null,
                null, false, null);
        try (PackerCommandLine commands = new PackerCommandLine(request, Template.read(file), "packer", "KEY")) {
            assertEquals(List.of("{ Token = \"t0ken-in-a-map\", Port = 8443 }", "t0ken-in-a-map", "8443"),
                    commands.secretTexts());
        }
    }

    @Test
    public void legacyJsonTemplate_jsonVarFileOfStrings() throws IOException {
        Path file = temp.newFile("legacy.json").toPath();
        Files.writeString(file, "{\"variables\": {\"token\": \"\", \"list\": \"\"}, \"sensitive-variables\": [\"token\"],"
                + " \"builders\": []}");
        PackerBuildRequest request = new PackerBuildRequest("legacy.json", Map.of("token", "t0ken-value",
                "list", "[\"a\"]"), null, null, null, null, null, false, null, null, false, null);
        try (PackerCommandLine commands = new PackerCommandLine(request, Template.read(file), "packer", "KEY")) {
            String joined = String.join(" ", commands.build());
            assertFalse(joined, joined.contains("t0ken-value"));
            assertTrue(commands.varFile().getFileName().toString().endsWith(".json"));
            assertEquals(Map.of("token", "t0ken-value", "list", "[\"a\"]"),
                    Json.mapper().readValue(commands.varFile().toFile(), Map.class));
            assertEquals(Map.of("token", "t0ken-value"), commands.secretVars());
        }
    }
}
