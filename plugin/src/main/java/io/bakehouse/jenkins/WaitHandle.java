package io.bakehouse.jenkins;

import io.bakehouse.engine.json.JsonValue;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a long-waiting step waits on, kept in its execution (and so in the build's program
 * state) to resume waiting from AWS after a controller restart: for {@code cfnDeploy} the
 * stack and change set, for {@code ecsDeployRunner} the cluster, task ARN and log stream.
 * Holds identifiers only, never credentials.
 *
 * @param kind     what is awaited, e.g. {@code stack} or {@code task}
 * @param ids      the identifiers, e.g. {@code stackId}, {@code taskArn}
 * @param deadline when waiting gives up (the step's {@code timeout}/{@code maxWaitTime} from its start)
 */
public record WaitHandle(String kind, Map<String, String> ids, Instant deadline) implements JsonValue, Serializable {

    public WaitHandle {
        if (Texts.blankToNull(kind) == null) {
            throw new IllegalArgumentException("a wait handle needs a kind");
        }
        if (ids == null || ids.isEmpty()
                || ids.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            throw new IllegalArgumentException("a wait handle needs identifiers, none of them null");
        }
        if (deadline == null) {
            throw new IllegalArgumentException("a wait handle needs a deadline");
        }
        ids = Collections.unmodifiableMap(new TreeMap<>(ids));
    }

    /** Time left before the deadline, never negative. */
    public long remainingMillis(Instant now) {
        return Math.max(0, deadline.toEpochMilli() - now.toEpochMilli());
    }

    /** e.g. {@code task taskArn=arn:...} for the step's status line and log. */
    public String describe() {
        StringBuilder text = new StringBuilder(kind);
        ids.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        return text.toString();
    }

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("ids", new LinkedHashMap<>(ids));
        m.put("deadline", deadline.toString());
        return m;
    }

    /**
     * This handle with the progress an agent reported ({@link WaitProgress}); only the
     * identifiers in {@code progressKeys} may change, anything else in {@code progress} is
     * refused, so an agent can move a wait forward but never point it at something else.
     */
    public WaitHandle advancedBy(Map<String, String> progress, Set<String> progressKeys) {
        Map<String, String> next = new LinkedHashMap<>(ids);
        progress.forEach((key, value) -> {
            if (!progressKeys.contains(key) || value == null) {
                throw new IllegalArgumentException("a wait on " + kind + " cannot advance " + key);
            }
            next.put(key, value);
        });
        return new WaitHandle(kind, next, deadline);
    }

    /** Whether {@code json} is a handle's {@link #toJsonMap()} (rather than a step's result). */
    public static boolean isHandle(Map<String, Object> json) {
        return json.keySet().equals(Set.of("kind", "ids", "deadline"));
    }

    /** The handle a launch task returned through {@link PipelineValues}. */
    public static WaitHandle fromJsonMap(Map<String, Object> json) {
        Object ids = json.get("ids");
        if (!(ids instanceof Map<?, ?> idMap) || !(json.get("kind") instanceof String kind)
                || !(json.get("deadline") instanceof String deadline)) {
            throw new IllegalArgumentException("not a wait handle: " + json.keySet());
        }
        Map<String, String> copy = new LinkedHashMap<>();
        idMap.forEach((k, v) -> copy.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return new WaitHandle(kind, copy, Instant.parse(deadline));
    }
}
