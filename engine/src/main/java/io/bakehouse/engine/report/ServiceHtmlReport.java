package io.bakehouse.engine.report;

import static io.bakehouse.engine.report.HtmlPage.DATE_TIME;
import static io.bakehouse.engine.report.HtmlPage.TIME;
import static io.bakehouse.engine.report.HtmlPage.esc;
import static io.bakehouse.engine.report.HtmlPage.human;

import io.bakehouse.engine.output.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ServiceReport} as one self-contained HTML page, like {@link HtmlReport}: the
 * outcome, the task definitions and images, and the timeline, drawn (one bar per deployment from
 * its first entry, its creation when ECS dated it, to the last time it was seen; a tick per
 * service event) and listed. Every value is
 * escaped: service events and failure reasons are text from ECS and the tasks, not markup.
 */
public final class ServiceHtmlReport {

    private static final int LABEL_WIDTH = 200;
    private static final int CHART_WIDTH = 640;
    private static final int ROW_HEIGHT = 22;
    private static final int MIN_BAR_WIDTH = 10;
    private static final int TICK_WIDTH = 3;
    private static final String EVENTS_LANE = "service events";

    private ServiceHtmlReport() {
    }

    /** Writes the page to {@code file} atomically. */
    public static void write(ServiceReport report, Path file, Secrets secrets) throws IOException {
        HtmlPage.write(render(report, secrets), file);
    }

    public static String render(ServiceReport report, Secrets secrets) {
        StringBuilder html = HtmlPage.open("Deployment of service " + report.service(), CSS, secrets);
        header(html, report, secrets);
        revision(html, report, secrets);
        timeline(html, report, secrets);
        return HtmlPage.close(html, report.generatedAt());
    }

    private static void header(StringBuilder html, ServiceReport r, Secrets secrets) {
        html.append("<header>\n<h1 id=\"title\">").append(esc(secrets, r.service())).append("</h1>\n")
                .append("<p><span id=\"status\" class=\"status ").append(statusClass(r.outcome())).append("\">")
                .append(esc(secrets, r.outcome())).append("</span>");
        meta(html, "cluster ", r.cluster(), secrets);
        meta(html, "deployment ", r.deploymentId(), secrets);
        List<ServiceReport.Entry> t = r.timeline();
        if (!t.isEmpty()) {
            Instant start = t.get(0).at();
            html.append(" <span class=\"meta\">").append(DATE_TIME.format(start)).append(", over ")
                    .append(human(Duration.between(start, t.get(t.size() - 1).at()))).append("</span>");
        }
        html.append("</p>\n");
        if (r.summary() != null) {
            html.append("<p id=\"summary\">").append(esc(secrets, r.summary())).append("</p>\n");
        }
        html.append("</header>\n");
    }

    private static void meta(StringBuilder html, String label, String value, Secrets secrets) {
        if (value != null) {
            html.append(" <span class=\"meta\">").append(label).append(esc(secrets, value)).append("</span>");
        }
    }

    private static void revision(StringBuilder html, ServiceReport r, Secrets secrets) {
        html.append("<section id=\"revision\">\n<h2>Task definition</h2>\n<table>\n<tbody>\n")
                .append("<tr><th>Rolled out</th><td>").append(esc(secrets, r.taskDefinitionArn())).append("</td></tr>\n")
                .append("<tr><th>Before</th><td>").append(esc(secrets, r.previousTaskDefinitionArn()))
                .append("</td></tr>\n</tbody>\n</table>\n");
        if (!r.images().isEmpty()) {
            html.append("<table class=\"images\">\n<thead><tr><th>Container</th><th>Image</th></tr></thead>\n<tbody>\n");
            r.images().forEach((container, image) -> html.append("<tr><td>").append(esc(secrets, container))
                    .append("</td><td>").append(esc(secrets, image)).append("</td></tr>\n"));
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
    }

    /** A lane of the chart: a deployment from its first entry to its last, or the service's events. */
    private record Lane(String label, List<ServiceReport.Entry> entries) {
    }

    private static void timeline(StringBuilder html, ServiceReport r, Secrets secrets) {
        html.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        List<ServiceReport.Entry> t = r.timeline();
        if (t.isEmpty()) {
            html.append("<p class=\"empty\">No deployment was watched.</p>\n</section>\n");
            return;
        }
        chart(html, r, lanes(t), secrets);
        Instant start = t.get(0).at();
        html.append("<table class=\"events\">\n<thead><tr><th>Time</th><th>After</th><th>Source</th><th>What happened</th></tr>"
                + "</thead>\n<tbody>\n");
        for (ServiceReport.Entry e : t) {
            html.append("<tr class=\"").append(rowClass(e)).append("\"><td>").append(TIME.format(e.at()))
                    .append("</td><td>").append(human(Duration.between(start, e.at()))).append("</td><td>")
                    .append(kindLabel(e.kind())).append("</td><td>").append(esc(secrets, e.text())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static List<Lane> lanes(List<ServiceReport.Entry> timeline) {
        Map<String, List<ServiceReport.Entry>> byDeployment = new LinkedHashMap<>();
        List<ServiceReport.Entry> events = new ArrayList<>();
        for (ServiceReport.Entry e : timeline) {
            if (e.kind() == ServiceReport.Kind.ROLLOUT && e.deploymentId() != null) {
                byDeployment.computeIfAbsent(e.deploymentId(), k -> new ArrayList<>()).add(e);
            } else if (e.kind() == ServiceReport.Kind.EVENT) {
                events.add(e);
            }
        }
        List<Lane> lanes = new ArrayList<>();
        byDeployment.forEach((id, entries) -> lanes.add(new Lane(id, entries)));
        if (!events.isEmpty()) {
            lanes.add(new Lane(EVENTS_LANE, events));
        }
        return lanes;
    }

    private static void chart(StringBuilder html, ServiceReport r, List<Lane> lanes, Secrets secrets) {
        if (lanes.isEmpty()) {
            return;
        }
        List<ServiceReport.Entry> t = r.timeline();
        Instant start = t.get(0).at();
        Duration span = Duration.between(start, t.get(t.size() - 1).at());
        double msPerPixel = Math.max(span.toMillis(), 1_000) / (double) CHART_WIDTH;
        int height = (lanes.size() + 1) * ROW_HEIGHT + 10;
        int width = LABEL_WIDTH + CHART_WIDTH + 90;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Deployment timeline\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\">\n")
                .append("<text class=\"axis\" x=\"").append(LABEL_WIDTH).append("\" y=\"14\">").append(TIME.format(start))
                .append("</text><text class=\"axis\" x=\"").append(LABEL_WIDTH + CHART_WIDTH)
                .append("\" y=\"14\" text-anchor=\"end\">").append(TIME.format(t.get(t.size() - 1).at())).append("</text>\n");
        int y = ROW_HEIGHT;
        for (Lane lane : lanes) {
            html.append("<g class=\"").append(laneClass(lane, r)).append("\"><text x=\"").append(LABEL_WIDTH - 8)
                    .append("\" y=\"").append(y + 15).append("\" text-anchor=\"end\">").append(esc(secrets, lane.label()))
                    .append("</text>");
            if (EVENTS_LANE.equals(lane.label())) {
                for (ServiceReport.Entry e : lane.entries()) {
                    html.append("<rect x=\"").append(x(start, e.at(), msPerPixel)).append("\" y=\"").append(y + 3)
                            .append("\" width=\"").append(TICK_WIDTH).append("\" height=\"").append(ROW_HEIGHT - 6)
                            .append("\"><title>").append(esc(secrets, TIME.format(e.at()) + " " + e.text()))
                            .append("</title></rect>");
                }
            } else {
                ServiceReport.Entry first = lane.entries().get(0);
                ServiceReport.Entry last = lane.entries().get(lane.entries().size() - 1);
                Duration seen = Duration.between(first.at(), last.at());
                int x = x(start, first.at(), msPerPixel);
                int w = Math.max(MIN_BAR_WIDTH, (int) Math.round(seen.toMillis() / msPerPixel));
                html.append("<title>").append(esc(secrets, last.text())).append("</title>")
                        .append("<rect x=\"").append(x).append("\" y=\"").append(y + 4).append("\" width=\"").append(w)
                        .append("\" height=\"").append(ROW_HEIGHT - 8).append("\" rx=\"3\"/>")
                        .append("<text class=\"duration\" x=\"").append(x + w + 6).append("\" y=\"").append(y + 15)
                        .append("\">").append(esc(secrets, last.state() == null ? "" : last.state())).append("</text>");
            }
            html.append("</g>\n");
            y += ROW_HEIGHT;
        }
        html.append("</svg>\n");
    }

    private static int x(Instant start, Instant at, double msPerPixel) {
        return LABEL_WIDTH + (int) Math.round(Duration.between(start, at).toMillis() / msPerPixel);
    }

    /** The colour of a lane: the deployment's last state; the service's other deployments are rollbacks. */
    private static String laneClass(Lane lane, ServiceReport r) {
        if (EVENTS_LANE.equals(lane.label())) {
            return "bar events";
        }
        String state = lane.entries().get(lane.entries().size() - 1).state();
        if ("FAILED".equals(state)) {
            return "bar failed";
        }
        if (!lane.label().equals(r.deploymentId())) {
            return "bar rollback";
        }
        return "COMPLETED".equals(state) ? "bar complete" : "bar progress";
    }

    private static String rowClass(ServiceReport.Entry e) {
        if (e.kind() == ServiceReport.Kind.WARNING || "FAILED".equals(e.state())) {
            return "failed";
        }
        return e.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String kindLabel(ServiceReport.Kind kind) {
        return switch (kind) {
            case EVENT -> "ECS event";
            case ROLLOUT -> "rollout";
            case STEP -> "step";
            case WARNING -> "problem";
        };
    }

    private static String statusClass(String outcome) {
        return switch (outcome) {
            case "COMPLETED", "NO CHANGES" -> "good";
            case "IN_PROGRESS" -> "neutral";
            default -> "bad";
        };
    }

    /** What only this page shows: the events lane's ticks and the kinds of row. */
    private static final String CSS = String.join("\n",
            ".bar.events rect{fill:#8a93a3}tr.step td:nth-child(3){color:#13622e}tr.event td:nth-child(3){color:#5b6576}",
            "#summary{margin:6px 0 0}table.images{margin-top:10px}");
}
