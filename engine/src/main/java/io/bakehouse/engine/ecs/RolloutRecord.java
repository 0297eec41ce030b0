package io.bakehouse.engine.ecs;

import io.bakehouse.engine.report.ServiceReport;
import io.bakehouse.engine.report.ServiceReport.Entry;
import io.bakehouse.engine.report.ServiceReport.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * The timeline of one call of {@link ServiceDeployer}, for its report: what the call did and saw,
 * as it happened. Service events are ECS's record, so they are taken from every read of the service
 * (each once), from the deployment's creation on: a wait resumed after a restart still reports the
 * events of its first part. So are the deployments' creation times. Rollout states and counts are
 * what this call saw; ECS keeps no history of them.
 */
final class RolloutRecord {

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> eventIds = new HashSet<>();
    private final Set<String> createdIds = new HashSet<>();
    /** When the watched deployment was created, once a read of the service showed it. */
    private Instant start;
    private String lastLine;

    /** A read of {@code service}, where the watched deployment is {@code watched} (or {@code null}, not listed). */
    synchronized void saw(Service service, Deployment watched) {
        if (start == null && watched != null && watched.createdAt() != null) {
            start = watched.createdAt();
            created(watched);
        }
        if (start != null) {
            List<ServiceEvent> newestFirst = service.events();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                ServiceEvent e = newestFirst.get(i);
                if (e.createdAt() != null && !e.createdAt().isBefore(start)) {
                    event(e);
                }
            }
        }
    }

    /** A deployment's creation, as ECS dates it: where its bar on the timeline starts. */
    private void created(Deployment d) {
        if (d.createdAt() != null && createdIds.add(d.id())) {
            entries.add(new Entry(d.createdAt(), Kind.ROLLOUT, d.id(), null, "ECS created deployment " + d.id() + " of "
                    + ImagePlan.name(d.taskDefinition())));
        }
    }

    /** Events the watch printed: newer than the last one seen before, so the deployment's own. */
    synchronized void printed(List<ServiceEvent> events) {
        events.forEach(this::event);
    }

    private void event(ServiceEvent e) {
        if (e.message() != null && eventIds.add(e.id() == null ? e.createdAt() + e.message() : e.id())) {
            entries.add(new Entry(e.createdAt() == null ? now() : e.createdAt(), Kind.EVENT, null, null, e.message()));
        }
    }

    /** A deployment's state and counts as printed ({@code line}), when they changed. */
    synchronized void rollout(Deployment d, String line) {
        created(d);
        if (!line.equals(lastLine)) {
            lastLine = line;
            entries.add(new Entry(now(), Kind.ROLLOUT, d.id(), d.rolloutStateAsString() == null ? d.status()
                    : d.rolloutStateAsString(), line));
        }
    }

    synchronized void step(String text) {
        entries.add(new Entry(now(), Kind.STEP, null, null, text));
    }

    synchronized void warning(String text) {
        entries.add(new Entry(now(), Kind.WARNING, null, null, text));
    }

    synchronized List<ServiceReport.Entry> entries() {
        return List.copyOf(entries);
    }

    private static Instant now() {
        return Instant.now();
    }
}
