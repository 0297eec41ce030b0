package io.bakehouse.engine.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.output.Secrets;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
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

    @Test
    public void successfulDeployment_rendersWithGreenBarsAndAllSections() throws Exception {
        Path page = dir.getRoot().toPath().resolve("deploy.html");
        HtmlReport.write(SampleReports.successfulUpdate(), page, new Secrets());

        String dom = chromium(page, "--dump-dom");
        assertTrue(dom.contains("<h1 id=\"title\">app-dev</h1>"));
        for (String section : List.of("changes", "timeline", "outputs", "parameters")) {
            assertTrue(section, dom.contains("<section id=\"" + section + "\">"));
        }
        assertEquals(4, dom.split("<rect ", -1).length - 1);

        BufferedImage shot = screenshot(page);
        assertEquals(1200, shot.getWidth());
        assertTrue("no green bar in the screenshot", countPixels(shot, 0x2f9e5b) > 500);
        assertEquals(0, countPixels(shot, 0xd64545));
    }

    @Test
    public void failedDeployment_rendersARedBar() throws Exception {
        Path page = dir.getRoot().toPath().resolve("failed.html");
        HtmlReport.write(SampleReports.failedUpdate(), page, new Secrets());

        BufferedImage shot = screenshot(page);
        assertTrue("no red bar in the screenshot", countPixels(shot, 0xd64545) > 100);
        assertTrue(chromium(page, "--dump-dom").contains("UPDATE_ROLLBACK_COMPLETE"));
    }

    private BufferedImage screenshot(Path page) throws Exception {
        Path png = dir.getRoot().toPath().resolve(page.getFileName() + ".png");
        chromium(page, "--screenshot=" + png, "--window-size=1200,1000", "--hide-scrollbars");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue("Chromium wrote no screenshot", image != null);
        return image;
    }

    private String chromium(Path page, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.newFolder().getPath()));
        command.addAll(List.of(options));
        command.add(page.toUri().toString());
        Path out = dir.newFile().toPath();
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish rendering " + page);
        }
        assertEquals("Chromium exit code", 0, p.exitValue());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String executable() {
        String explicit = System.getenv("CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        for (String dirName : System.getenv("PATH").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                File f = new File(dirName, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        throw new AssertionError("Chromium is not installed: apt-get install chromium (make test does this),"
                + " or set CHROMIUM to its path");
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
