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
}
