package io.bakehouse.engine.report;

import static io.bakehouse.testkit.Chromium.countPixels;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.output.Secrets;
import io.bakehouse.testkit.Chromium;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Renders real reports in headless Chromium: the page must parse into the expected elements,
 * and the screenshot must show the timeline's coloured bars. Fails (never skips) without
 * Chromium; `make test` installs it.
 */
public class HtmlReportChromiumTest {

    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private Chromium chromium;

    @Before
    public void setUp() {
        chromium = new Chromium(dir.getRoot().toPath());
    }

    @Test
    public void successfulDeployment_rendersWithGreenBarsAndAllSections() throws Exception {
        Path page = dir.getRoot().toPath().resolve("deploy.html");
        HtmlReport.write(SampleReports.successfulUpdate(), page, new Secrets());

        String dom = chromium.dumpDom(page);
        assertTrue(dom.contains("<h1 id=\"title\">app-dev</h1>"));
        for (String section : List.of("changes", "timeline", "outputs", "parameters")) {
            assertTrue(section, dom.contains("<section id=\"" + section + "\">"));
        }
        assertEquals(4, dom.split("<rect ", -1).length - 1);

        BufferedImage shot = chromium.screenshot(page);
        assertEquals(1200, shot.getWidth());
        assertTrue("no green bar in the screenshot", countPixels(shot, 0x2f9e5b) > 500);
        assertEquals(0, countPixels(shot, 0xd64545));
    }

    @Test
    public void failedDeployment_rendersARedBar() throws Exception {
        Path page = dir.getRoot().toPath().resolve("failed.html");
        HtmlReport.write(SampleReports.failedUpdate(), page, new Secrets());

        BufferedImage shot = chromium.screenshot(page);
        assertTrue("no red bar in the screenshot", countPixels(shot, 0xd64545) > 100);
        assertTrue(chromium.dumpDom(page).contains("UPDATE_ROLLBACK_COMPLETE"));
    }
}
