package io.bakehouse.engine.packer;

import io.bakehouse.testkit.RecordingReporter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Reads real Packer 1.6.6 machine-readable output: the app template's recordings in packer/testdata and the
 * engine's own in test resources (recorded/record.sh).
 */
public class BuildOutputTest {

    private static final Path APP_RECORDINGS = Path.of("..", "packer", "testdata");
    private static final Path OWN_RECORDINGS = Path.of("src", "test", "resources", "io", "bakehouse", "engine",
            "packer", "recorded");

    private final RecordingReporter reporter = new RecordingReporter();

    private BuildOutput read(Path file) throws IOException {
        BuildOutput output = new BuildOutput(reporter);
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            output.stdout(line);
        }
        return output;
    }

    @Test
    public void successfulBake_oneArtifact_reportedOnceThoughPackerRepeatsIt() throws IOException {
        BuildOutput output = read(APP_RECORDINGS.resolve("local-bake-success.txt"));

        List<Artifact> artifacts = output.artifacts();
        assertEquals(1, artifacts.size());
        assertEquals("local.amazon-ebs.app", artifacts.get(0).buildName());
        assertEquals("amazon-ebs", artifacts.get(0).builderType());
        assertEquals(1, output.amis().size());
        assertTrue(output.amis().get("us-east-1").startsWith("ami-"));
        assertTrue(output.errors().isEmpty());
    }

    @Test
    public void multiRegionBake_escapedCommas_everyRegionsAmi() throws IOException {
        BuildOutput output = read(APP_RECORDINGS.resolve("local-bake-ami-copies.txt"));

        assertEquals(Map.of("eu-west-1", "ami-c23dc2c64b6ebdd9a", "us-east-1", "ami-062acddd5e9e41a7a",
                "us-west-2", "ami-6f49c585664e528a8"), output.amis());
        assertEquals("eu-west-1:ami-c23dc2c64b6ebdd9a,us-east-1:ami-062acddd5e9e41a7a,us-west-2:ami-6f49c585664e528a8",
                output.artifacts().get(0).id());
    }

    @Test
    public void uiLines_streamDecoded_commasAndLineBreaksRestored() throws IOException {
        read(APP_RECORDINGS.resolve("local-bake-ami-copies.txt"));

        assertTrue(reporter.lines().contains("output: ==> local.amazon-ebs.app: No volumes to clean up, skipping"));
        assertTrue(reporter.lines().contains("output: ==> Builds finished. The artifacts of successful builds are:"));
        assertTrue(reporter.lines().contains("output: us-west-2: ami-6f49c585664e528a8"));
        assertFalse(reporter.text().contains("PACKER_COMMA"));
        assertFalse(reporter.text().contains("\\n"));
    }

    @Test
    public void twoBuilds_bothArtifacts_firstAmiOfARegionWins() throws IOException {
        BuildOutput output = read(OWN_RECORDINGS.resolve("two-builds.txt"));

        List<Artifact> artifacts = output.artifacts();
        assertEquals(2, artifacts.size());
        assertEquals("release.amazon-ebs.web", artifacts.get(0).buildName());
        assertEquals("release.amazon-ebs.worker", artifacts.get(1).buildName());
        assertEquals(2, artifacts.get(1).amis().size());
        assertEquals(artifacts.get(0).amis().get("us-east-1"), output.amis().get("us-east-1"));
        assertEquals(artifacts.get(1).amis().get("us-west-2"), output.amis().get("us-west-2"));
    }

    @Test
    public void failedBuild_noSourceAmi_buildErrorKeptWithLineBreaks() throws IOException {
        BuildOutput output = read(APP_RECORDINGS.resolve("local-bake-no-source-ami.txt"));

        assertTrue(output.artifacts().isEmpty());
        String error = output.buildErrors().get("local.amazon-ebs.app");
        assertTrue(error, error.startsWith("No AMI was found matching filters: {\n"));
        assertTrue(error, error.contains("\"root-device-type\","));
        assertNull(output.nameInUse());
    }

    @Test
    public void failedBuild_endpointRefused_errorsCollected() throws IOException {
        BuildOutput output = read(APP_RECORDINGS.resolve("local-bake-endpoint-refused.txt"));

        assertTrue(output.amis().isEmpty());
        assertFalse(output.buildErrors().isEmpty());
        assertTrue(output.errors().stream().anyMatch(e -> e.contains("connection refused")));
    }

    @Test
    public void validateError_variableValidation_messagesCollected() throws IOException {
        BuildOutput output = read(APP_RECORDINGS.resolve("validate-error.txt"));

        String first = output.errors().get(0);
        assertTrue(first, first.startsWith("Error: Invalid value for cmd variable"));
        assertTrue(reporter.lines().contains("output: The git_sha variable must hold a commit id of at least 7 characters."));
    }

    @Test
    public void nameInUse_amiNameTakenByAnEarlierRun_nameAndAmiFound() throws IOException {
        BuildOutput output = read(OWN_RECORDINGS.resolve("name-in-use.txt"));

        BuildOutput.NameInUse clash = output.nameInUse();
        assertEquals("recorded-worker", clash.name());
        assertTrue(clash.amiId().startsWith("ami-"));
        assertEquals(2, output.buildErrors().size());
    }

    @Test
    public void plainLines_shownAndKeptAsErrors() {
        BuildOutput output = new BuildOutput(reporter);
        output.stderr("Error: Could not find any config file in nonexist.pkr.hcl");

        assertEquals(List.of("output: Error: Could not find any config file in nonexist.pkr.hcl"), reporter.lines());
        assertEquals(List.of("Error: Could not find any config file in nonexist.pkr.hcl"), output.errors());
    }

    @Test
    public void builderType_legacyJsonBuildName_fromBuilderId() {
        assertEquals("amazon-ebs", BuildOutput.builderType("amazon-ebs", "mitchellh.amazonebs"));
        assertEquals("amazon-instance", BuildOutput.builderType("my-builder", "mitchellh.amazon.instance"));
        assertEquals("docker", BuildOutput.builderType("docker.app", "packer.docker"));
    }
}
