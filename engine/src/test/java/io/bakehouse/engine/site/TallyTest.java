package io.bakehouse.engine.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.site.SitePlan.Upload;
import io.bakehouse.testkit.RecordingReporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class TallyTest {

    private static Upload upload(String path, long size) {
        return new Upload(new SiteFile(path, Path.of(path), size, "m", "s"), path, false, "t", "c");
    }

    @Test
    public void size_readsAsPeopleWriteIt() {
        assertEquals("0 B", Tally.size(0));
        assertEquals("999 B", Tally.size(999));
        assertEquals("12.3 kB", Tally.size(12_345));
        assertEquals("4.5 MB", Tally.size(4_500_000));
        assertEquals("6.00 GB", Tally.size(6_000_000_000L));
    }

    @Test
    public void progress_isShownEveryHundredFiles_withCountsAndBytes() {
        List<Upload> assets = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            assets.add(upload("f" + i + ".txt", 1000));
        }
        RecordingReporter reporter = new RecordingReporter();
        Tally tally = new Tally(new SitePlan(assets, List.of(upload("index.html", 10)), 0, List.of()), reporter);

        assets.forEach(tally::uploaded);

        assertTrue(reporter.text(), reporter.contains("progress: Uploaded 100 of 251 files (100.0 kB of 250.0 kB)"));
        assertTrue(reporter.text(), reporter.contains("progress: Uploaded 200 of 251 files"));
        assertEquals(2, reporter.lines().stream().filter(l -> l.startsWith("progress:")).count());
        assertEquals(250, tally.uploadedFiles());
        assertEquals(250_000, tally.bytes());
    }

    @Test
    public void doneSoFar_saysWhatTheSiteServes_atEachStage() {
        SitePlan plan = new SitePlan(List.of(upload("a.js", 1), upload("b.js", 1)),
                List.of(upload("index.html", 1)), 4, List.of("old.html"));
        Tally tally = new Tally(plan, new RecordingReporter());
        tally.uploaded(plan.assets().get(0));

        assertEquals("1 of 2 new or changed files other than pages were uploaded; no page was uploaded and nothing"
                + " was deleted, so the site still serves its previous pages", tally.doneSoFar());
        tally.uploaded(plan.assets().get(1));
        tally.enter(Tally.Stage.PAGES);
        assertEquals("all 2 other files and 0 of 1 new or changed pages were uploaded; nothing was deleted and"
                + " nothing invalidated", tally.doneSoFar());
        tally.uploaded(plan.pages().get(0));
        tally.enter(Tally.Stage.DELETIONS);
        assertEquals("all 3 new or changed files were uploaded and 0 of 1 objects deleted; nothing was invalidated",
                tally.doneSoFar());
        tally.deleted(1);
        tally.enter(Tally.Stage.INVALIDATION);
        assertEquals("all 3 new or changed files were uploaded and 1 object deleted", tally.doneSoFar());
        assertEquals("1 page", Tally.count(1, "page"));
        assertEquals("0 pages", Tally.count(0, "page"));
    }
}
