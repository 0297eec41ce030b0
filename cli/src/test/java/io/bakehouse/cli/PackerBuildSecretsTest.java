package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.CommandLineSampler;
import io.bakehouse.testkit.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Secrets of {@code bakehouse packer-build}, tried as an attacker on the same machine would: a canary value
 * given through the environment and another through a file is looked for in the command line of every process
 * while the bake runs, in everything the CLI prints, in the JSON result, in Packer's manifest and in the
 * temporary directory afterwards. It must reach Packer (the AMI carries it) and appear nowhere else.
 */
public class PackerBuildSecretsTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private static final Path TEMPLATE = Path.of("..", "packer", "bakehouse-app.pkr.hcl").toAbsolutePath().normalize();

    private Path work;

    @Before
    public void setUp() throws IOException {
        MOTO.reset();
        work = temp.newFolder("work").toPath();
        Files.writeString(work.resolve("bakehouse-app-linux-amd64"), "the app binary");
    }

    @Test
    public void canary_reachesPacker_butNoCommandLineOutputResultManifestOrLeftoverFile() throws Exception {
        String envCanary = "canary-env-" + UUID.randomUUID();
        String fileCanary = "canary-file-" + UUID.randomUUID();
        Path secretFile = temp.newFile("tags.secret").toPath();
        Files.writeString(secretFile, "{ Secret = \"" + fileCanary + "\" }\n");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Bakehouse.class.getName(),
                "packer-build", "--template", TEMPLATE.toString(), "--working-dir", work.toString(), "--only", "local.*",
                "--var", "app_version=1.4.2", "--var", "git_sha=9f1c2ab",
                "--var", "local_ec2_endpoint=" + MOTO.endpoint(), "--var", "app_binary=bakehouse-app-linux-amd64",
                "--var", "manifest_path=manifest.json",
                "--sensitive-var-env", "build_url=BAKE_BUILD_URL", "--sensitive-var-file", "tags=" + secretFile,
                "--output", "json");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(work.resolve("stdout").toFile())
                .redirectError(work.resolve("stderr").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(MOTO.environment());
        pb.environment().put("BAKE_BUILD_URL", envCanary);

        CommandLineSampler seen = new CommandLineSampler();
        seen.start();
        Process cli = pb.start();
        boolean ended;
        try {
            ended = cli.waitFor(5, TimeUnit.MINUTES);
        } finally {
            seen.stop();
        }
        assertTrue("the bake did not end", ended);

        String out = Files.readString(work.resolve("stdout"));
        String err = Files.readString(work.resolve("stderr"));
        assertEquals(out + err, 0, cli.exitValue());
        JsonNode result = Json.mapper().readTree(out);
        String amiId = result.get("amiId").asText();
        // it reached Packer: the AMI carries both values
        Image image = MOTO.clients().ec2().describeImages(r -> r.imageIds(amiId)).images().get(0);
        assertEquals(envCanary, tag(image, "BuildUrl"));
        assertEquals(fileCanary, tag(image, "Secret"));
        // the sampler saw Packer's own processes, so it looked while the secrets were in use
        assertTrue(seen.seen().toString(), seen.seen().stream().anyMatch(c -> c.contains("packer") && c.contains(" build ")));
        for (String canary : List.of(envCanary, fileCanary)) {
            assertEquals("command lines holding the canary", List.of(),
                    seen.seen().stream().filter(c -> c.contains(canary)).toList());
            assertFalse(out, out.contains(canary));
            assertFalse(err, err.contains(canary));
            String manifest = Files.readString(work.resolve("manifest.json"));
            assertFalse(manifest, manifest.contains(canary));
            assertEquals("files in the temporary directory holding the canary", List.of(), tempFilesHolding(canary));
        }
        assertTrue(err, err.contains("==> local.amazon-ebs.app: Creating AMI"));
    }

    private static String tag(Image image, String key) {
        return image.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    private static List<Path> tempFilesHolding(String canary) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("bakehouse-")).toList()) {
                try {
                    if (Files.isRegularFile(f) && Files.readString(f, StandardCharsets.ISO_8859_1).contains(canary)) {
                        found.add(f);
                    }
                } catch (IOException unreadable) {
                    // another user's file, or gone meanwhile
                }
            }
        }
        return found;
    }

}
