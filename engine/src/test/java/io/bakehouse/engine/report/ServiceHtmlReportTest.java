package io.bakehouse.engine.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.output.Secrets;
import io.bakehouse.engine.report.ServiceReport.Entry;
import io.bakehouse.engine.report.ServiceReport.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ServiceHtmlReportTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/app:";

    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private static Entry at(int seconds, Kind kind, String deployment, String state, String text) {
        return new Entry(T0.plusSeconds(seconds), kind, deployment, state, text);
    }

    private static Map<String, String> images() {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("web", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v2");
        images.put("log-router", "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable");
        return images;
    }

    /** A rollout that completed in two minutes, its entries given out of order. */
    static ServiceReport completed() {
        return new ServiceReport("app", "prod", "COMPLETED", "Service app runs app:4 (2 running)", "ecs-svc/101",
                TD + "4", TD + "3", images(), List.of(
                at(120, Kind.ROLLOUT, "ecs-svc/101", "COMPLETED", "Deployment ecs-svc/101 (app:4) COMPLETED: 2 of 2 running"),
                at(0, Kind.ROLLOUT, "ecs-svc/101", null, "ECS created deployment ecs-svc/101 of app:4"),
                at(5, Kind.EVENT, null, null, "(service app) has started 2 tasks: (task a) (task b)."),
                at(5, Kind.ROLLOUT, "ecs-svc/101", "IN_PROGRESS", "Deployment ecs-svc/101 (app:4) IN_PROGRESS: 0 of 2 running"),
                at(60, Kind.ROLLOUT, "ecs-svc/101", "IN_PROGRESS", "Deployment ecs-svc/101 (app:4) IN_PROGRESS: 1 of 2 running"),
                at(118, Kind.EVENT, null, null, "(service app) has reached a steady state.")), T0.plusSeconds(121));
    }

    /** A rollout the circuit breaker failed; its events carry markup, as any text from ECS or a task may. */
    static ServiceReport failed() {
        return new ServiceReport("app", "prod", "FAILED", "Deployment ecs-svc/101 of service app FAILED: <tasks> & more",
                "ecs-svc/101", TD + "4", TD + "3", images(), List.of(
                at(0, Kind.ROLLOUT, "ecs-svc/101", null, "ECS created deployment ecs-svc/101 of app:4"),
                at(10, Kind.ROLLOUT, "ecs-svc/101", "IN_PROGRESS", "Deployment ecs-svc/101 (app:4) IN_PROGRESS: 0 of 2 running"),
                at(30, Kind.EVENT, null, null, "(service app) stopped 1 task: <script>alert('x')</script> & \"exit 1\""),
                at(40, Kind.ROLLOUT, "ecs-svc/101", "FAILED", "Deployment ecs-svc/101 (app:4) FAILED: 0 of 2 running"),
                at(40, Kind.WARNING, null, null, "Deployment ecs-svc/101 FAILED: tasks failed to start."),
                at(41, Kind.STEP, null, null, "ECS is rolling service app back to app:3: deployment ecs-svc/102"),
                at(45, Kind.ROLLOUT, "ecs-svc/102", "IN_PROGRESS", "Deployment ecs-svc/102 (app:3) IN_PROGRESS"),
                at(90, Kind.ROLLOUT, "ecs-svc/102", "COMPLETED", "Deployment ecs-svc/102 (app:3) COMPLETED")),
                T0.plusSeconds(91));
    }

    @Test
    public void render_completed_showsTheOutcomeRevisionImagesAndTimelineInOrder() {
        String html = ServiceHtmlReport.render(completed(), new Secrets());

        assertTrue(html, html.contains("<h1 id=\"title\">app</h1>"));
        assertTrue(html, html.contains("<span id=\"status\" class=\"status good\">COMPLETED</span>"));
        assertTrue(html, html.contains("<span class=\"meta\">cluster prod</span>"));
        assertTrue(html, html.contains("<span class=\"meta\">deployment ecs-svc/101</span>"));
        assertTrue(html, html.contains("2026-11-23 10:00:00 UTC, over 2 min 0 s"));
        assertTrue(html, html.contains("<tr><th>Rolled out</th><td>" + TD + "4</td></tr>"));
        assertTrue(html, html.contains("<tr><th>Before</th><td>" + TD + "3</td></tr>"));
        assertTrue(html, html.contains("<tr><td>log-router</td><td>public.ecr.aws/aws-observability/aws-for-fluent-bit"
                + ":stable</td></tr>"));
        List<String> rows = rows(html);
        assertEquals(6, rows.size());
        assertEquals("10:00:00|0 ms|rollout|ECS created deployment ecs-svc/101 of app:4", rows.get(0));
        assertEquals("10:00:05|5 s|ECS event|(service app) has started 2 tasks: (task a) (task b).", rows.get(1));
        assertEquals("10:00:05|5 s|rollout|Deployment ecs-svc/101 (app:4) IN_PROGRESS: 0 of 2 running", rows.get(2));
        assertEquals("10:02:00|2 min 0 s|rollout|Deployment ecs-svc/101 (app:4) COMPLETED: 2 of 2 running",
                rows.get(5));
    }

    @Test
    public void render_drawsABarPerDeploymentAndATickPerEvent() {
        String html = ServiceHtmlReport.render(completed(), new Secrets());

        assertEquals(1, count(html, "<g class=\"bar complete\">"));
        assertEquals(1, count(html, "<g class=\"bar events\">"));
        // The deployment was created at the start of the 120 s chart and last seen at its end.
        Matcher bar = Pattern.compile("<rect x=\"(\\d+)\" y=\"\\d+\" width=\"(\\d+)\" height=\"\\d+\" rx=\"3\"/>")
                .matcher(html);
        assertTrue(bar.find());
        assertEquals(200, Integer.parseInt(bar.group(1)));
        assertEquals(640, Integer.parseInt(bar.group(2)));
        assertEquals(2, count(html, "width=\"3\""));
        assertTrue(html, html.contains("<title>10:01:58 (service app) has reached a steady state.</title>"));
    }

    @Test
    public void render_failedAndRolledBack_colorsBothDeploymentsAndEscapesEveryText() {
        String html = ServiceHtmlReport.render(failed(), new Secrets());

        assertTrue(html, html.contains("class=\"status bad\">FAILED</span>"));
        assertEquals(1, count(html, "<g class=\"bar failed\">"));
        assertEquals(1, count(html, "<g class=\"bar rollback\">"));
        assertFalse(html, html.contains("<script>"));
        assertFalse(html, html.contains("<tasks>"));
        assertTrue(html, html.contains("stopped 1 task: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"
                + " &quot;exit 1&quot;"));
        assertTrue(html, html.contains("<p id=\"summary\">Deployment ecs-svc/101 of service app FAILED: &lt;tasks&gt;"
                + " &amp; more</p>"));
        assertEquals(2, count(html, "<tr class=\"failed\">"));
    }

    @Test
    public void render_masksKnownSecrets() {
        String html = ServiceHtmlReport.render(completed(), new Secrets().add("aws-for-fluent-bit"));

        assertFalse(html.contains("aws-for-fluent-bit"));
        assertTrue(html.contains("public.ecr.aws/aws-observability/****:stable"));
    }

    @Test
    public void render_noChanges_saysNoDeploymentWasWatchedAndDrawsNothing() {
        ServiceReport unchanged = new ServiceReport("app", "prod", "NO CHANGES", "No changes: app:3 already runs these"
                + " images", null, TD + "3", TD + "3", images(), List.of(), T0);

        String html = ServiceHtmlReport.render(unchanged, new Secrets());

        assertTrue(html.contains("class=\"status good\">NO CHANGES</span>"));
        assertTrue(html.contains("No deployment was watched."));
        assertFalse(html.contains("<svg"));
        assertFalse(html.contains("deployment </span>"));
    }

    @Test
    public void write_replacesTheFileWhole() throws Exception {
        Path file = dir.getRoot().toPath().resolve("reports/ecs.html");

        ServiceHtmlReport.write(completed(), file, new Secrets());
        ServiceHtmlReport.write(failed(), file, new Secrets());

        assertTrue(Files.readString(file).contains("class=\"status bad\">FAILED"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
    }

    /** The timeline table's rows, cells joined by {@code |}; none when the page has no such table. */
    public static List<String> rows(String html) {
        int at = html.indexOf("<table class=\"events\">");
        if (at < 0) {
            return List.of();
        }
        String table = html.substring(at);
        table = table.substring(0, table.indexOf("</table>"));
        Matcher row = Pattern.compile("<tr class=\"[a-z]+\"><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>")
                .matcher(table);
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(row.group(1) + "|" + row.group(2) + "|" + row.group(3) + "|" + row.group(4));
        }
        return rows;
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
