package io.bakehouse.jenkins.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.packer.PackerBuildRequest;
import io.bakehouse.engine.packer.PackerBuildResult;
import io.bakehouse.jenkins.Serialization;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The agent side of packerBuild: serialisation, and a real local-mode bake against moto. */
public class PackerBuildTaskTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void serialisation_roundTrip_keepsTheWholeRequest() {
        PackerBuildRequest request = new PackerBuildRequest("app.pkr.hcl", Map.of("app_version", "1.4.2"),
                Map.of("db_password", "s3cret"), List.of("common.pkrvars.hcl"), List.of("aws.*"), null, "abort",
                true, "infra", "/usr/local/bin/packer", true, Duration.ofMinutes(45));
        PackerBuildTask task = new PackerBuildTask(request);
        assertEquals(task, Serialization.roundTrip(task));
    }

    @Test
    public void inWorkspace_relativeWorkingDirAndPackerPath_resolveAgainstTheWorkspace() {
        File ws = new File("/agent/workspace/job");
        PackerBuildRequest request = new PackerBuildRequest("app.pkr.hcl", null, null, null, null, null, null, false,
                "infra/packer", "tools/packer", false, null);
        PackerBuildRequest resolved = new PackerBuildTask(request).inWorkspace(ws);
        assertEquals("/agent/workspace/job/infra/packer", resolved.workingDir());
        assertEquals("/agent/workspace/job/tools/packer", resolved.packer());
        assertEquals("app.pkr.hcl", resolved.template());
    }

    @Test
    public void inWorkspace_noWorkingDir_runsInTheWorkspace_packerOnPathStaysABareName() {
        File ws = new File("/agent/workspace/job");
        PackerBuildRequest request = new PackerBuildRequest("app.pkr.hcl", null, null, null, null, null, null, false,
                null, "packer", false, null);
        PackerBuildRequest resolved = new PackerBuildTask(request).inWorkspace(ws);
        assertEquals("/agent/workspace/job", resolved.workingDir());
        assertEquals("packer", resolved.packer());
    }

    @Test
    public void run_localTemplateInTheWorkspace_bakesTheAmiInMotoAndTagsTheBakeKey() throws Exception {
        MOTO.reset();
        Path bake = temp.newFolder("ws", "bake").toPath();
        try (InputStream in = getClass().getResourceAsStream("/io/bakehouse/engine/packer/local-bake.pkr.hcl")) {
            Files.copy(in, bake.resolve("local-bake.pkr.hcl"));
        }
        Files.writeString(bake.resolve("app-binary"), "app build 1");
        PackerBuildRequest request = new PackerBuildRequest("local-bake.pkr.hcl",
                Map.of("ec2_endpoint", MOTO.endpoint(), "app_binary", "app-binary"), Map.of("db_password", "pw-never-shown"),
                null, null, null, null, false, "bake", null, false, null);
        RecordingReporter reporter = new RecordingReporter();

        PackerBuildResult result = new PackerBuildTask(request).run(MOTO.clients(), reporter, bake.getParent().toFile());

        assertFalse(result.reused());
        Image image = MOTO.clients().ec2().describeImages(r -> r.imageIds(result.amiId())).images().get(0);
        assertEquals(result.bakeKey(), image.tags().stream().filter(t -> "BakeKey".equals(t.key()))
                .map(Tag::value).findFirst().orElse(null));
        assertEquals(Map.of("us-east-1", result.amiId()), result.amis());
        assertEquals(bake.resolve("test-manifest.json").toString(), result.manifest());
        assertFalse(reporter.text(), reporter.text().contains("pw-never-shown"));
        assertTrue(result.toJsonMap().keySet().containsAll(List.of("amiId", "amis", "artifacts", "manifest", "bakeKey", "reused")));

        PackerBuildResult again = new PackerBuildTask(request).run(MOTO.clients(), Reporter.SILENT, bake.getParent().toFile());
        assertTrue(again.reused());
        assertEquals(result.amiId(), again.amiId());
    }

    @Test
    public void run_newJobsWorkspaceNotYetMade_namesTheMissingTemplateNotAWorkingDir() {
        File ws = new File(temp.getRoot(), "workspace/new-job");
        PackerBuildRequest request = new PackerBuildRequest("packer/app.pkr.hcl", null, null, null, null, null, null,
                false, null, null, false, null);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PackerBuildTask(request).run(MOTO.clients(), Reporter.SILENT, ws));

        assertEquals("template", e.field());
        assertTrue(ws.isDirectory());
    }
}
