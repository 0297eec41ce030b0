package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BakeKeyTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Path workspace(String name, String binary) throws IOException {
        Path dir = temp.newFolder(name).toPath();
        Files.writeString(dir.resolve("t.pkr.hcl"), "variable \"app_binary\" {}\nvariable \"v\" {}\n"
                + "provisioner \"shell\" { script = \"${path.root}/install.sh\" }\n");
        Files.writeString(dir.resolve("install.sh"), "echo install");
        Files.writeString(dir.resolve("app"), binary);
        Files.writeString(dir.resolve("vars.pkrvars.hcl"), "v = \"1\"\nother = \"app\"\n");
        return dir;
    }

    private static String key(Path dir, Map<String, String> vars, Map<String, String> sensitive) {
        PackerBuildRequest r = new PackerBuildRequest("t.pkr.hcl", vars, sensitive, List.of("vars.pkrvars.hcl"),
                null, null, null, false, dir.toString(), null, false, null);
        return BakeKey.compute(Template.read(dir.resolve("t.pkr.hcl")), r, dir);
    }

    @Test
    public void compute_sameInputsInAnotherWorkspace_sameKey() throws IOException {
        String a = key(workspace("a", "binary 1"), Map.of("app_binary", "app", "v", "x"), Map.of());
        String b = key(workspace("b", "binary 1"), Map.of("app_binary", "app", "v", "x"), Map.of());

        assertEquals(a, b);
        assertTrue(a.matches("[0-9a-f]{64}"));
    }

    @Test
    public void compute_binaryContentVariableOrTemplateFileChanges_keyChanges() throws IOException {
        Path dir = workspace("w", "binary 1");
        String base = key(dir, Map.of("app_binary", "app", "v", "x"), Map.of());

        assertNotEquals(base, key(dir, Map.of("app_binary", "app", "v", "y"), Map.of()));
        Files.writeString(dir.resolve("app"), "binary 2");
        String newBinary = key(dir, Map.of("app_binary", "app", "v", "x"), Map.of());
        assertNotEquals(base, newBinary);
        Files.writeString(dir.resolve("install.sh"), "echo install v2");
        assertNotEquals(newBinary, key(dir, Map.of("app_binary", "app", "v", "x"), Map.of()));
    }

    @Test
    public void compute_fileNamedOnlyInVarFile_countsByContent() throws IOException {
        Path dir = workspace("f", "binary 1");
        String before = key(dir, Map.of("v", "x"), Map.of());
        Files.writeString(dir.resolve("app"), "binary 2");

        assertNotEquals(before, key(dir, Map.of("v", "x"), Map.of()));
    }

    @Test
    public void compute_sensitiveValue_notInKey_nameIs() throws IOException {
        Path dir = workspace("s", "binary 1");

        assertEquals(key(dir, Map.of(), Map.of("pw", "one")), key(dir, Map.of(), Map.of("pw", "two")));
        assertNotEquals(key(dir, Map.of(), Map.of("pw", "one")), key(dir, Map.of(), Map.of("token", "one")));
    }

    @Test
    public void compute_manifestOutputWrittenByEarlierBuild_keyUnchanged() throws IOException {
        Path dir = temp.newFolder("m").toPath();
        Files.writeString(dir.resolve("t.pkr.hcl"), "variable \"manifest_path\" {}\n"
                + "build {\n  post-processor \"manifest\" {\n    output = var.manifest_path\n  }\n}\n");
        PackerBuildRequest r = new PackerBuildRequest("t.pkr.hcl", Map.of("manifest_path", "m.json"), null, null,
                null, null, null, false, dir.toString(), null, false, null);
        Template t = Template.read(dir.resolve("t.pkr.hcl"));
        String before = BakeKey.compute(t, r, dir);
        Files.writeString(dir.resolve("m.json"), "{\"builds\": []}");

        assertEquals(before, BakeKey.compute(t, r, dir));
    }
}
