package io.bakehouse.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns stack events into one bar per resource: from its first event to its last, ending in
 * the resource's final status. The stack itself is a bar too.
 */
final class Timeline {

    /** One resource's span. */
    record Bar(String logicalId, String resourceType, Instant start, Instant end, String finalStatus, String reason) {

        Duration duration() {
            return Duration.between(start, end);
        }

        /** complete, failed, rollback or progress: what colour the bar is. */
        String outcome() {
            if (finalStatus.contains("FAILED")) {
                return "failed";
            }
            if (finalStatus.contains("ROLLBACK")) {
                return "rollback";
            }
            if (finalStatus.endsWith("COMPLETE") || finalStatus.endsWith("SKIPPED")) {
                return "complete";
            }
            return "progress";
        }
    }

    private final List<Bar> bars;
    private final Instant start;
    private final Instant end;

    private Timeline(List<Bar> bars, Instant start, Instant end) {
        this.bars = bars;
        this.start = start;
        this.end = end;
    }

    static Timeline of(List<DeploymentReport.Event> events) {
        List<DeploymentReport.Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(DeploymentReport.Event::timestamp));
        Map<String, List<DeploymentReport.Event>> byResource = new LinkedHashMap<>();
        for (DeploymentReport.Event e : sorted) {
            byResource.computeIfAbsent(e.logicalId(), k -> new ArrayList<>()).add(e);
        }
        List<Bar> bars = new ArrayList<>();
        String firstFailure = null;
        for (Map.Entry<String, List<DeploymentReport.Event>> entry : byResource.entrySet()) {
            List<DeploymentReport.Event> list = entry.getValue();
            DeploymentReport.Event first = list.get(0);
            DeploymentReport.Event last = list.get(list.size() - 1);
            String reason = null;
            for (DeploymentReport.Event e : list) {
                if (e.status().contains("FAILED") && e.reason() != null) {
                    reason = e.reason();
                    break;
                }
            }
            if (reason != null && firstFailure == null) {
                firstFailure = reason;
            }
            bars.add(new Bar(entry.getKey(), first.resourceType(), first.timestamp(), last.timestamp(),
                    last.status(), reason));
        }
        Instant start = sorted.isEmpty() ? Instant.EPOCH : sorted.get(0).timestamp();
        Instant end = sorted.isEmpty() ? Instant.EPOCH : sorted.get(sorted.size() - 1).timestamp();
        return new Timeline(bars, start, end);
    }

    List<Bar> bars() {
        return bars;
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    /** The whole span, at least one second so bars always have a width to share. */
    Duration span() {
        Duration d = Duration.between(start, end);
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }
}
