package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ManifestOutputTest {

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    public void ofHcl2_commentedOutBlockThenRealOne_theRealOnesVariable() {
        HclText text = new HclText("""
                # post-processor "manifest" { output = "commented.json" }
                build {
                  post-processor "manifest" {
                    output = var.manifest_path
                  }
                }
                """);

        assertEquals(new ManifestOutput(null, "manifest_path"), ManifestOutput.ofHcl2(List.of(text), List.of()));
    }

    @Test
    public void ofHcl2_blockWithoutOutput_packersDefaultPath() {
        HclText text = new HclText("build {\n  post-processor \"manifest\" {}\n}\n");

        assertEquals(new ManifestOutput(ManifestOutput.DEFAULT, null), ManifestOutput.ofHcl2(List.of(text), List.of()));
    }

    @Test
    public void ofHcl2_jsonSyntax_literalVariableOrOnlyPackerCanSay() throws Exception {
        String template = "{\"build\": {\"post-processor\": [{\"manifest\": {\"output\": \"%s\"}}]}}";

        assertEquals(new ManifestOutput("out/m.json", null),
                ManifestOutput.ofHcl2(List.of(), List.of(json(template.formatted("out/m.json")))));
        assertEquals(new ManifestOutput(null, "out"),
                ManifestOutput.ofHcl2(List.of(), List.of(json(template.formatted("${var.out}")))));
        assertEquals(new ManifestOutput(null, null),
                ManifestOutput.ofHcl2(List.of(), List.of(json(template.formatted("${local.dir}/m.json")))));
        assertNull(ManifestOutput.ofHcl2(List.of(), List.of(json("{\"build\": {\"name\": \"x\"}}"))));
    }

    @Test
    public void legacy_manifestInASequence_userVariablesFilledFromTheCallThenTheDefaults() throws Exception {
        JsonNode root = json("""
                {"variables": {"dir": "out", "name": "m"},
                 "post-processors": [[{"type": "shell-local"},
                                      {"type": "manifest", "output": "{{user `dir`}}/{{user `name`}}.json"}]]}
                """);

        assertEquals("dir", ManifestOutput.legacyVariable(root));
        assertEquals("out/m.json", ManifestOutput.legacyPath(root, Map.of()));
        assertEquals("build/m.json", ManifestOutput.legacyPath(root, Map.of("dir", "build")));
    }

    @Test
    public void legacy_noManifestOrOneOnlyPackerCanEvaluate_null() throws Exception {
        JsonNode none = json("{\"post-processors\": [{\"type\": \"shell-local\"}]}");
        JsonNode timestamped = json("{\"post-processors\": [{\"type\": \"manifest\", \"output\": \"m-{{timestamp}}.json\"}]}");

        assertNull(ManifestOutput.legacyVariable(none));
        assertNull(ManifestOutput.legacyPath(none, Map.of()));
        assertNull(ManifestOutput.legacyPath(timestamped, Map.of()));
    }
}
