package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.SiteFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LocalSiteTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final RecordingReporter reporter = new RecordingReporter();

    private List<SiteFile> read(Path dir) {
        return LocalSite.read(dir.toString(), "", reporter, () -> false);
    }

    @Test
    public void read_givesEveryFile_sortedBySlashSeparatedPath_withSizeAndHashes() throws Exception {
        Path dir = SiteFixtures.write(temp.newFolder().toPath(), Map.of("b/index.html", "x", "a.txt", "a", "b/c/d.css", ""));

        List<SiteFile> files = read(dir);

        assertEquals(List.of("a.txt", "b/c/d.css", "b/index.html"), files.stream().map(SiteFile::path).toList());
        SiteFile a = files.get(0);
        assertEquals(1, a.size());
        assertEquals("0cc175b9c0f1b6a831c399e269772661", a.md5());
        assertEquals("ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=", a.sha256());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", files.get(1).md5());
    }

    @Test
    public void links_insideDir_areFollowed_andThoseLeadingOut_loops_andBrokenOnes_areSkipped() throws Exception {
        Path dir = SiteFixtures.write(temp.newFolder().toPath(), Map.of("index.html", "home", "docs/a.html", "a"));
        Path outside = SiteFixtures.write(temp.newFolder().toPath(), Map.of("id_rsa", "private"));
        Files.createSymbolicLink(dir.resolve("home.html"), dir.resolve("index.html"));
        Files.createSymbolicLink(dir.resolve("manual"), dir.resolve("docs"));
        Files.createSymbolicLink(dir.resolve("key"), outside.resolve("id_rsa"));
        Files.createSymbolicLink(dir.resolve("ssh"), outside);
        Files.createSymbolicLink(dir.resolve("docs/up"), dir);
        Files.createSymbolicLink(dir.resolve("gone.html"), dir.resolve("missing.html"));

        List<String> paths = read(dir).stream().map(SiteFile::path).toList();

        assertEquals(List.of("docs/a.html", "home.html", "index.html", "manual/a.html"), paths);
        assertTrue(reporter.text(), reporter.contains("warn: Skipped key: a link to a file outside dir"));
        assertTrue(reporter.text(), reporter.contains("warn: Skipped ssh/: a link to a folder outside dir"));
        assertTrue(reporter.text(), reporter.contains("warn: Skipped docs/up/: a link back to a folder above it"));
        assertTrue(reporter.text(), reporter.contains("warn: Skipped gone.html: a broken link"));
    }

    @Test
    public void aMissingDir_orAFile_isBadInputNamingDir() throws Exception {
        Path file = temp.newFile("site.zip").toPath();

        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> read(temp.getRoot().toPath().resolve("dist")));
        InvalidInputException notAFolder = assertThrows(InvalidInputException.class, () -> read(file));

        assertEquals("dir", missing.field());
        assertTrue(missing.getMessage(), missing.getMessage().contains("does not exist"));
        assertEquals("dir", notAFolder.field());
        assertTrue(notAFolder.getMessage(), notAFolder.getMessage().contains("is not a folder"));
    }

    @Test
    public void aKeyLongerThanS3Takes_isRefusedBeforeAnythingIsWritten() throws Exception {
        Path dir = SiteFixtures.write(temp.newFolder().toPath(), Map.of("a".repeat(200) + ".txt", "x"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LocalSite.read(dir.toString(), "p/".repeat(420), reporter, () -> false));

        assertEquals("dir", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("longer than S3's 1024 bytes"));
    }
}
