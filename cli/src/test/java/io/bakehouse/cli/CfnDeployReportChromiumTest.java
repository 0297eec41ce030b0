package io.bakehouse.cli;

import static io.bakehouse.testkit.Chromium.countPixels;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.testkit.Chromium;
import io.bakehouse.testkit.MotoServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A report written by a real {@code cfn-deploy} against moto, rendered in headless Chromium:
 * every section, the change set's rows, the stack's bar, the NoEcho parameter masked, a green
 * bar on screen.
 */
public class CfnDeployReportChromiumTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static final String TEMPLATE = String.join("\n",
            "Parameters:",
            "  Value: {Type: String}",
            "  ApiToken: {Type: String, NoEcho: true}",
            "Resources:",
            "  Param:",
            "    Type: AWS::SSM::Parameter",
            "    Properties: {Name: /app/value, Type: String, Value: !Ref Value}",
            "  Token:",
            "    Type: AWS::SSM::Parameter",
            "    Properties: {Name: /app/token, Type: String, Value: !Ref ApiToken}",
            "  Queue:",
            "    Type: AWS::SQS::Queue",
            "");

    @Test
    public void cfnDeployReport_rendersEverySectionAGreenBarAndTheSecretMasked() throws Exception {
        Path template = tmp.getRoot().toPath().resolve("app.yaml");
        Files.writeString(template, TEMPLATE);
        Path page = tmp.getRoot().toPath().resolve("deploy-dev.html");

        CliRun run = CliRun.run(MOTO.environment(), "cfn-deploy", "--stack", "app-dev", "--template", template.toString(),
                "--param", "Value=blue", "--param", "ApiToken=tok-90210-secret", "--report", page.toString());
        assertEquals(run.toString(), 0, run.exitCode());

        Chromium chromium = new Chromium(tmp.newFolder().toPath());
        String dom = chromium.dumpDom(page);
        assertTrue(dom, dom.contains("<h1 id=\"title\">app-dev</h1>"));
        for (String section : List.of("changes", "timeline", "parameters")) {
            assertTrue(section, dom.contains("<section id=\"" + section + "\">"));
        }
        // moto records only the stack's own events when it executes a change set: one bar
        assertTrue(dom, dom.contains("<g class=\"bar complete\"><title>app-dev CREATE_COMPLETE"));
        assertTrue(dom, dom.contains("AWS::SQS::Queue"));
        assertTrue(dom, dom.contains("blue"));
        assertFalse("the NoEcho value reached the report", dom.contains("tok-90210-secret"));

        BufferedImage shot = chromium.screenshot(page);
        assertEquals(1200, shot.getWidth());
        assertTrue("no green bar in the screenshot", countPixels(shot, 0x2f9e5b) > 100);
        assertEquals("no red bar for a successful deploy", 0, countPixels(shot, 0xd64545));
    }
}
