package io.bakehouse.engine.cfn;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stack event, as streamed to the user and returned in the result.
 *
 * @param eventId      CloudFormation's ID, the resume point of a watch
 * @param timestamp    when it happened
 * @param logicalId    the resource's logical ID (the stack's own name for stack-level events)
 * @param resourceType e.g. {@code AWS::S3::Bucket}
 * @param status       e.g. {@code CREATE_FAILED}
 * @param reason       CloudFormation's reason, or {@code null}
 */
public record StackEvent(String eventId, Instant timestamp, String logicalId, String resourceType,
                         String status, String reason) implements Serializable {

    public StackEvent {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("a stack event needs its ID");
        }
    }

    boolean failed() {
        return status != null && status.endsWith("_FAILED");
    }

    boolean isStack() {
        return "AWS::CloudFormation::Stack".equals(resourceType);
    }

    /** One line for the console: time, status, logical ID, type and reason. */
    String line() {
        StringBuilder s = new StringBuilder();
        s.append(timestamp == null ? "-" : timestamp.toString()).append("  ")
                .append(String.format("%-44s", status)).append(' ').append(logicalId);
        if (resourceType != null) {
            s.append(" (").append(resourceType).append(')');
        }
        if (reason != null && !reason.isBlank()) {
            s.append(": ").append(reason);
        }
        return s.toString();
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", timestamp);
        m.put("logicalId", logicalId);
        m.put("resourceType", resourceType);
        m.put("status", status);
        m.put("reason", reason);
        return m;
    }
}
