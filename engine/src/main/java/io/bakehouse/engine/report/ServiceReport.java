package io.bakehouse.engine.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the report of an ECS service deployment shows: how it ended, what it rolled out, and its
 * timeline: the service's events as ECS wrote them, the deployments' rollout states and task
 * counts as they were seen, and what the step did (rollbacks, the failure and its causes).
 *
 * @param service                   the service's name
 * @param cluster                   its cluster's name
 * @param outcome                   how the deployment ended, e.g. {@code COMPLETED}, {@code FAILED}
 * @param summary                   that in one line: the result, or the failure's message
 * @param deploymentId              the deployment rolled out, or {@code null} when none was started
 * @param taskDefinitionArn         the task definition it rolls out
 * @param previousTaskDefinitionArn the one the service ran before
 * @param images                    every container → its image in {@code taskDefinitionArn}
 * @param timeline                  what happened, oldest first
 */
public record ServiceReport(String service, String cluster, String outcome, String summary, String deploymentId,
                            String taskDefinitionArn, String previousTaskDefinitionArn, Map<String, String> images,
                            List<Entry> timeline, Instant generatedAt) {

    public ServiceReport {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(outcome, "outcome");
        images = images == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(images));
        List<Entry> sorted = new ArrayList<>(timeline == null ? List.of() : timeline);
        sorted.sort(Comparator.comparing(Entry::at)); // stable: what happened at the same instant keeps its order
        timeline = List.copyOf(sorted);
        generatedAt = generatedAt == null ? Instant.now() : generatedAt;
    }

    /** Where an entry of the timeline comes from. */
    public enum Kind {
        /** A service event, as ECS wrote it (its text is ECS's). */
        EVENT,
        /** A deployment's rollout state and task counts, as the step saw them. */
        ROLLOUT,
        /** Something the step did or learnt. */
        STEP,
        /** Something that went wrong: the failure, its causes, a rollback that could not be made. */
        WARNING
    }

    /**
     * One thing that happened.
     *
     * @param deploymentId the deployment a {@link Kind#ROLLOUT} entry is about, else {@code null}
     * @param state        that deployment's rollout state then ({@code IN_PROGRESS}, {@code COMPLETED}, ...)
     */
    public record Entry(Instant at, Kind kind, String deploymentId, String state, String text) {

        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }
}
