package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TemplateTest {

    private static final Path APP_DIR = Path.of("..", "packer").toAbsolutePath().normalize();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void read_appTemplateFile_variablesManifestAndReferencedFiles() {
        Template t = Template.read(APP_DIR.resolve("bakehouse-app.pkr.hcl"));

        assertTrue(t.isHcl2());
        assertFalse(t.requiresPlugins());
        assertTrue(t.variables().containsAll(Set.of("app_version", "git_sha", "app_binary", "manifest_path")));
        assertTrue(t.sensitiveVariables().isEmpty());
        assertEquals("packer-manifest.json", t.manifestOutput(Map.of()));
        assertEquals("out/m.json", t.manifestOutput(Map.of("manifest_path", "out/m.json")));
        assertTrue(t.referencedFiles().contains(APP_DIR.resolve("scripts/install-app.sh")));
        assertTrue(t.referencedFiles().contains(APP_DIR.resolve("../app/bin/bakehouse-app-linux-amd64").normalize()));
    }

    @Test
    public void read_appTemplateDirectory_requiresPluginsForInit() {
        Template t = Template.read(APP_DIR);

        assertEquals(2, t.files().size());
        assertTrue(t.requiresPlugins());
    }

    @Test
    public void sensitiveVariables_hclAndLegacyJson() throws IOException {
        Path hcl = temp.newFile("s.pkr.hcl").toPath();
        Files.writeString(hcl, "variable \"token\" {\n  type = string\n  sensitive = true\n}\n"
                + "variable \"name\" {\n  default = \"{x}\"\n}\n");
        Path json = temp.newFile("legacy.json").toPath();
        Files.writeString(json, "{\"variables\": {\"token\": \"\", \"out\": \"m.json\"}, \"sensitive-variables\": [\"token\"],"
                + " \"post-processors\": [{\"type\": \"manifest\", \"output\": \"{{user `out`}}\"}]}");

        assertEquals(Set.of("token"), Template.read(hcl).sensitiveVariables());
        assertEquals(Set.of("token", "name"), Template.read(hcl).variables());
        assertNull(Template.read(hcl).manifestOutput(Map.of()));
        Template legacy = Template.read(json);
        assertFalse(legacy.isHcl2());
        assertEquals(Set.of("token"), legacy.sensitiveVariables());
        assertEquals("m.json", legacy.manifestOutput(Map.of()));
        assertEquals("n.json", legacy.manifestOutput(Map.of("out", "n.json")));
    }

    @Test
    public void read_missingOrEmpty_usageErrors() throws IOException {
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> Template.read(temp.getRoot().toPath().resolve("none.pkr.hcl")));
        assertEquals("template", missing.field());

        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> Template.read(temp.newFolder("empty").toPath()));
        assertTrue(empty.getMessage(), empty.getMessage().contains("holds no .pkr.hcl"));
    }

    @Test
    public void pkrJson_readWithJackson_sensitiveTypesAndManifest() throws IOException {
        Path json = temp.newFile("app.pkr.json").toPath();
        Files.writeString(json, """
                {
                  "packer": {"required_plugins": {"amazon": {"source": "github.com/hashicorp/amazon"}}},
                  "variable": {
                    "db_password": {"type": "string", "sensitive": true},
                    "regions": {"type": "${list(string)}", "default": []},
                    "out": {"default": "m.json"},
                    "note": {"description": "a \\"quoted\\" sensitive = true that is no flag"}
                  },
                  "build": [{"post-processor": [{"manifest": {"output": "${var.out}"}}]}]
                }
                """);

        Template t = Template.read(json);

        assertTrue(t.isHcl2());
        assertTrue(t.requiresPlugins());
        assertEquals(Set.of("db_password", "regions", "out", "note"), t.variables());
        assertEquals(Set.of("db_password"), t.sensitiveVariables());
        assertTrue(t.declared().get("regions").takesExpression());
        assertFalse(t.declared().get("db_password").takesExpression());
        assertEquals("out", t.manifestVariable());
        assertEquals("m.json", t.manifestOutput(Map.of()));
        assertEquals("n.json", t.manifestOutput(Map.of("out", "n.json")));
    }

    @Test
    public void pkrJson_variablesAsBlockArrays_andDirectoryMixingBothSyntaxes() throws IOException {
        Path dir = temp.newFolder("mixed").toPath();
        Files.writeString(dir.resolve("vars.pkr.json"),
                "{\"variable\": [{\"token\": [{\"sensitive\": true}]}, {\"plain\": {}}]}");
        Files.writeString(dir.resolve("build.pkr.hcl"), "variable \"key\" {\n  sensitive = true\n}\n");

        Template t = Template.read(dir);

        assertEquals(Set.of("token", "plain", "key"), t.variables());
        assertEquals(Set.of("token", "key"), t.sensitiveVariables());
    }

    @Test
    public void hcl_commentsAndHeredocs_doNotConfuseBlocksOrBraces() throws IOException {
        Path hcl = temp.newFile("c.pkr.hcl").toPath();
        Files.writeString(hcl, """
                # variable "hash_comment" { sensitive = true }
                // variable "slash_comment" {
                /* variable "block_comment" {
                     sensitive = true
                   } */
                variable "token" {
                  description = <<EOT
                  a } brace and a "quote in a heredoc
                  variable "in_heredoc" {
                  EOT
                  # } a brace in a comment
                  default   = "x}" // }
                  sensitive = true /* } */
                }
                variable "after" {
                  description = <<-EOT
                    {{{ unbalanced
                    EOT
                  default = "${upper("}")}"
                  type    = list(string) # a comment after the type
                  sensitive = false
                }
                locals {
                  x = "variable \"in_string\" {"
                }
                build {
                  # post-processor "manifest" { output = "commented.json" }
                  post-processor "manifest" {
                    output = "real.json"
                  }
                }
                """);

        Template t = Template.read(hcl);

        assertEquals(Set.of("token", "after"), t.variables());
        assertEquals(Set.of("token"), t.sensitiveVariables());
        assertEquals("list(string)", t.declared().get("after").type());
        assertEquals("real.json", t.manifestOutput(Map.of()));
        assertFalse(t.requiresPlugins());
    }

    @Test
    public void hcl_requiredPluginsOnlyInAComment_noInit() throws IOException {
        Path hcl = temp.newFile("p.pkr.hcl").toPath();
        Files.writeString(hcl, "# packer { required_plugins { } }\nsource \"null\" \"x\" {}\n");

        assertFalse(Template.read(hcl).requiresPlugins());
    }
}
