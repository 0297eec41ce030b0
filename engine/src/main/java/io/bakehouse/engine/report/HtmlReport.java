package io.bakehouse.engine.report;

import static io.bakehouse.engine.report.HtmlPage.esc;
import static io.bakehouse.engine.report.HtmlPage.human;

import io.bakehouse.engine.output.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link DeploymentReport} as one self-contained HTML page: inline CSS, an inline
 * SVG timeline, no scripts and nothing fetched, so it can be archived by CI and opened
 * anywhere. Every value is escaped; secret parameters are masked.
 */
public final class HtmlReport {

    private static final DateTimeFormatter TIME = HtmlPage.TIME;
    private static final DateTimeFormatter DATE_TIME = HtmlPage.DATE_TIME;
    private static final int LABEL_WIDTH = 260;
    private static final int CHART_WIDTH = 640;
    private static final int ROW_HEIGHT = 22;
    /** A resource done in an instant still gets a bar one can see (and click for its tooltip). */
    private static final int MIN_BAR_WIDTH = 10;

    private HtmlReport() {
    }

    /** Writes the page to {@code file} atomically (a half-written report is never left behind). */
    public static void write(DeploymentReport report, Path file, Secrets secrets) throws IOException {
        HtmlPage.write(render(report, secrets), file);
    }

    public static String render(DeploymentReport report, Secrets secrets) {
        Timeline timeline = Timeline.of(report.events());
        StringBuilder html = HtmlPage.open("Deployment of " + report.stackName(), CSS, secrets);
        header(html, report, timeline, secrets);
        changes(html, report, secrets);
        timeline(html, timeline, secrets);
        keyValues(html, "outputs", "Outputs", report.outputs(), Set.of(), secrets);
        keyValues(html, "parameters", "Parameters", report.parameters(), report.secretParameters(), secrets);
        return HtmlPage.close(html, report.generatedAt());
    }

    private static void header(StringBuilder html, DeploymentReport r, Timeline timeline, Secrets secrets) {
        String status = r.status() == null ? "UNKNOWN" : r.status();
        html.append("<header>\n<h1 id=\"title\">").append(esc(secrets, r.stackName())).append("</h1>\n")
                .append("<p><span id=\"status\" class=\"status ").append(statusClass(status)).append("\">")
                .append(esc(secrets, status)).append("</span>");
        if (r.region() != null) {
            html.append(" <span class=\"meta\">").append(esc(secrets, r.region())).append("</span>");
        }
        if (r.changeSetName() != null) {
            html.append(" <span class=\"meta\">change set ").append(esc(secrets, r.changeSetName())).append("</span>");
        }
        if (!r.events().isEmpty()) {
            html.append(" <span class=\"meta\">").append(DATE_TIME.format(timeline.start())).append(", took ")
                    .append(human(Duration.between(timeline.start(), timeline.end()))).append("</span>");
        }
        html.append("</p>\n</header>\n");
    }

    private static void changes(StringBuilder html, DeploymentReport r, Secrets secrets) {
        html.append("<section id=\"changes\">\n<h2>Change set</h2>\n");
        if (r.changes().isEmpty()) {
            html.append("<p class=\"empty\">No changes.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<thead><tr><th>Action</th><th>Logical ID</th><th>Type</th><th>Replacement</th></tr></thead>\n<tbody>\n");
        for (DeploymentReport.Change c : r.changes()) {
            String action = c.action() == null ? "" : c.action();
            html.append("<tr><td class=\"action ").append(action.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""))
                    .append("\">").append(esc(secrets, action)).append("</td><td>").append(esc(secrets, c.logicalId()))
                    .append("</td><td>").append(esc(secrets, c.resourceType())).append("</td><td>")
                    .append(esc(secrets, c.replacement() == null ? "" : c.replacement())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void timeline(StringBuilder html, Timeline timeline, Secrets secrets) {
        html.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        if (timeline.bars().isEmpty()) {
            html.append("<p class=\"empty\">No stack events.</p>\n</section>\n");
            return;
        }
        int height = (timeline.bars().size() + 1) * ROW_HEIGHT + 10;
        int width = LABEL_WIDTH + CHART_WIDTH + 90;
        double msPerPixel = timeline.span().toMillis() / (double) CHART_WIDTH;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Stack events timeline\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\">\n");
        html.append("<text class=\"axis\" x=\"").append(LABEL_WIDTH).append("\" y=\"14\">")
                .append(TIME.format(timeline.start())).append("</text>")
                .append("<text class=\"axis\" x=\"").append(LABEL_WIDTH + CHART_WIDTH).append("\" y=\"14\" text-anchor=\"end\">")
                .append(TIME.format(timeline.end())).append("</text>\n");
        int y = ROW_HEIGHT;
        for (Timeline.Bar bar : timeline.bars()) {
            long offset = Duration.between(timeline.start(), bar.start()).toMillis();
            int x = LABEL_WIDTH + (int) Math.round(offset / msPerPixel);
            int w = Math.max(MIN_BAR_WIDTH, (int) Math.round(bar.duration().toMillis() / msPerPixel));
            String tip = bar.logicalId() + " " + bar.finalStatus() + " after " + human(bar.duration())
                    + (bar.reason() == null ? "" : ": " + bar.reason());
            html.append("<g class=\"bar ").append(bar.outcome()).append("\"><title>").append(esc(secrets, tip))
                    .append("</title><text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(esc(secrets, bar.logicalId())).append("</text>")
                    .append("<rect x=\"").append(x).append("\" y=\"").append(y + 4).append("\" width=\"").append(w)
                    .append("\" height=\"").append(ROW_HEIGHT - 8).append("\" rx=\"3\"/>")
                    .append("<text class=\"duration\" x=\"").append(x + w + 6).append("\" y=\"").append(y + 15).append("\">")
                    .append(human(bar.duration())).append("</text></g>\n");
            y += ROW_HEIGHT;
        }
        html.append("</svg>\n");
        html.append("<table class=\"events\">\n<thead><tr><th>Time</th><th>Logical ID</th><th>Status</th><th>Reason</th></tr></thead>\n<tbody>\n");
        for (Timeline.Bar bar : timeline.bars()) {
            html.append("<tr class=\"").append(bar.outcome()).append("\"><td>").append(TIME.format(bar.end()))
                    .append("</td><td>").append(esc(secrets, bar.logicalId())).append("</td><td>")
                    .append(esc(secrets, bar.finalStatus())).append("</td><td>")
                    .append(esc(secrets, bar.reason() == null ? "" : bar.reason())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void keyValues(StringBuilder html, String id, String heading, Map<String, String> values,
                                  Set<String> masked, Secrets secrets) {
        html.append("<section id=\"").append(id).append("\">\n<h2>").append(heading).append("</h2>\n");
        if (values.isEmpty()) {
            html.append("<p class=\"empty\">None.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<tbody>\n");
        values.forEach((k, v) -> html.append("<tr><th>").append(esc(secrets, k)).append("</th><td>")
                .append(masked.contains(k) ? Secrets.MASK : esc(secrets, v == null ? "" : v)).append("</td></tr>\n"));
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static String statusClass(String status) {
        if (status.contains("FAILED") || status.contains("ROLLBACK")) {
            return "bad";
        }
        return status.endsWith("COMPLETE") ? "good" : "neutral";
    }

    /** What only this page shows: the change set's actions. */
    private static final String CSS =
            "td.action.add{color:#13622e}td.action.modify{color:#8a5a00}td.action.remove{color:#9b1c1c}";
}
