package io.bakehouse.engine.report;

import static io.bakehouse.testkit.Chromium.countPixels;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
 * Renders service deployment reports in headless Chromium: the page parses into its sections, the
 * bars show in their colours, and markup in a service event stays text (no element is made of it).
 * Fails (never skips) without Chromium; `make test` installs it.
 */
public class ServiceHtmlReportChromiumTest {

    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private Chromium chromium;

    @Before
    public void setUp() {
        chromium = new Chromium(dir.getRoot().toPath());
    }

    @Test
    public void completed_rendersAGreenBarAndEverySection() throws Exception {
        Path page = dir.getRoot().toPath().resolve("ecs.html");
        ServiceHtmlReport.write(ServiceHtmlReportTest.completed(), page, new Secrets());

        String dom = chromium.dumpDom(page);
        assertTrue(dom.contains("<h1 id=\"title\">app</h1>"));
        for (String section : List.of("revision", "timeline")) {
            assertTrue(section, dom.contains("<section id=\"" + section + "\">"));
        }
        BufferedImage shot = chromium.screenshot(page);
        assertTrue("no green bar in the screenshot", countPixels(shot, 0x2f9e5b) > 500);
        assertEquals(0, countPixels(shot, 0xd64545));
    }

    @Test
    public void failedAndRolledBack_rendersRedAndAmberBars_andAnEventsMarkupAsText() throws Exception {
        Path page = dir.getRoot().toPath().resolve("failed.html");
        ServiceHtmlReport.write(ServiceHtmlReportTest.failed(), page, new Secrets());

        BufferedImage shot = chromium.screenshot(page);
        assertTrue("no red bar in the screenshot", countPixels(shot, 0xd64545) > 500);
        assertTrue("no amber bar in the screenshot", countPixels(shot, 0xe09b2d) > 500);
        String dom = chromium.dumpDom(page);
        assertFalse(dom, dom.contains("<script>"));
        assertTrue(dom, dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
    }
}
