package io.bakehouse.engine.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a deployment report shows: the change set, the stack events, the outputs and the
 * parameters. Parameters named in {@code secretParameters} (NoEcho parameters) are masked
 * when rendered.
 */
public record DeploymentReport(String stackName, String region, String status, String changeSetName,
                               List<Change> changes, List<Event> events, Map<String, String> outputs,
                               Map<String, String> parameters, Set<String> secretParameters,
                               Instant generatedAt) {

    public DeploymentReport {
        Objects.requireNonNull(stackName, "stackName");
        changes = List.copyOf(changes);
        events = List.copyOf(events);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        secretParameters = Set.copyOf(secretParameters);
        generatedAt = generatedAt == null ? Instant.now() : generatedAt;
    }

    /** One row of the change set: what CloudFormation will do to a resource. */
    public record Change(String action, String logicalId, String resourceType, String replacement) {
    }

    /** One stack event. */
    public record Event(Instant timestamp, String logicalId, String resourceType, String status, String reason) {

        public Event {
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(logicalId, "logicalId");
            Objects.requireNonNull(status, "status");
        }
    }
}
