package io.bakehouse.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Renders a local HTML file in headless Chromium: its DOM after parsing, or a screenshot.
 * Fails (never skips) when Chromium is missing; {@code make test} installs it. Every run gets
 * a fresh profile under {@code workDir} and no network.
 */
public final class Chromium {

    private final Path workDir;

    public Chromium(Path workDir) {
        this.workDir = workDir;
    }

    /** The page's DOM as Chromium parsed it. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** A 1200 px wide screenshot of the page. */
    public BufferedImage screenshot(Path page) throws IOException, InterruptedException {
        Path png = Files.createTempFile(workDir, "shot-", ".png");
        run(page, "--screenshot=" + png, "--window-size=1200,1000", "--hide-scrollbars");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue("Chromium wrote no screenshot", image != null);
        return image;
    }

    /** How many pixels of the screenshot have exactly this colour (0xRRGGBB). */
    public static int countPixels(BufferedImage image, int rgb) {
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

    private String run(Path page, String... options) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "profile-");
        String chromium = Programs.find("CHROMIUM", "apt-get install chromium", "chromium", "chromium-browser");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(List.of(options));
        command.add(page.toUri().toString());
        Path out = Files.createTempFile(workDir, "chromium-", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish rendering " + page);
        }
        assertEquals("Chromium exit code", 0, p.exitValue());
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
