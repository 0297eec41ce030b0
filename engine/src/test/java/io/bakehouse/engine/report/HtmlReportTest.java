package io.bakehouse.engine.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.output.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HtmlReportTest {

    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    @Test
    public void render_drawsOneBarPerResourceSpanningItsEvents() {
        String html = HtmlReport.render(SampleReports.successfulUpdate(), new Secrets());

        assertEquals(4, count(html, "<g class=\"bar complete\">"));
        assertTrue(html.contains("AutoScalingGroup UPDATE_COMPLETE after 1 min 24 s"));
        assertTrue(html.contains("<span id=\"status\" class=\"status good\">UPDATE_COMPLETE</span>"));
        // The stack bar starts at the left edge of the chart and spans it.
        Matcher stackBar = Pattern.compile("app-dev</text><rect x=\"(\\d+)\" y=\"\\d+\" width=\"(\\d+)\"").matcher(html);
        assertTrue(stackBar.find());
        assertEquals(260, Integer.parseInt(stackBar.group(1)));
        assertEquals(640, Integer.parseInt(stackBar.group(2)));
    }

    @Test
    public void render_showsTheChangeSetOutputsAndParameters() {
        String html = HtmlReport.render(SampleReports.successfulUpdate(), new Secrets());

        assertTrue(html.contains("<td class=\"action modify\">Modify</td><td>AutoScalingGroup</td>"
                + "<td>AWS::AutoScaling::AutoScalingGroup</td><td>Conditional</td>"));
        assertTrue(html.contains("<th>Url</th><td>http://app-dev-123.elb.example.test</td>"));
        assertTrue(html.contains("<th>Environment</th><td>dev</td>"));
    }

    @Test
    public void render_masksNoEchoParametersAndKnownSecretsEverywhere() {
        Secrets secrets = new Secrets().add("elb.example");

        String html = HtmlReport.render(SampleReports.successfulUpdate(), secrets);

        assertTrue(html.contains("<th>DbPassword</th><td>****</td>"));
        assertFalse(html.contains("hunter2-value"));
        assertFalse(html.contains("elb.example"));
    }

    @Test
    public void render_failure_showsTheReasonEscapedAndColoursTheBar() {
        String html = HtmlReport.render(SampleReports.failedUpdate(), new Secrets());

        assertTrue(html.contains("<g class=\"bar failed\">"));
        assertTrue(html.contains("Received 0 SUCCESS signal(s) out of 1 &lt;before&gt; timeout"));
        assertFalse(html.contains("<before>"));
        assertTrue(html.contains("class=\"status bad\""));
    }

    @Test
    public void render_emptyReport_saysSoInsteadOfDrawingNothing() {
        DeploymentReport empty = new DeploymentReport("s", null, null, null, List.of(), List.of(), Map.of(),
                Map.of(), Set.of(), SampleReports.T0);

        String html = HtmlReport.render(empty, new Secrets());

        assertTrue(html.contains("No changes."));
        assertTrue(html.contains("No stack events."));
        assertFalse(html.contains("<svg"));
    }

    @Test
    public void write_replacesTheFileWhole() throws Exception {
        Path file = dir.getRoot().toPath().resolve("reports/deploy.html");

        HtmlReport.write(SampleReports.successfulUpdate(), file, new Secrets());
        HtmlReport.write(SampleReports.failedUpdate(), file, new Secrets());

        assertTrue(Files.readString(file).contains("app-prod"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
