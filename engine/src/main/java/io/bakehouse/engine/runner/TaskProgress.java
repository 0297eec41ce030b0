package io.bakehouse.engine.runner;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.JsonValue;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to follow a launched task, small enough to persist (a Jenkins step keeps
 * it across a controller restart) and resume from with {@link TaskWatcher#watch}.
 *
 * @param cluster       the task's cluster
 * @param taskArn       the task
 * @param containerName the container whose exit code is the job's
 * @param logGroup      its CloudWatch log group
 * @param logStream     its log stream
 * @param nextToken     the forward token of the last log page read, or {@code null} to read from the start
 * @param lastStatus    the last task status seen, or {@code null}
 */
public record TaskProgress(String cluster, String taskArn, String containerName, String logGroup, String logStream,
                           String nextToken, String lastStatus) implements JsonValue, Serializable {

    private static final long serialVersionUID = 1L;

    public TaskProgress {
        InvalidInputException.require("cluster", cluster);
        InvalidInputException.require("taskArn", taskArn);
        InvalidInputException.require("containerName", containerName);
        InvalidInputException.require("logGroup", logGroup);
        InvalidInputException.require("logStream", logStream);
    }

    /** The task ID, the last part of its ARN. */
    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    TaskProgress withToken(String token) {
        return new TaskProgress(cluster, taskArn, containerName, logGroup, logStream, token, lastStatus);
    }

    TaskProgress withStatus(String status) {
        return new TaskProgress(cluster, taskArn, containerName, logGroup, logStream, nextToken, status);
    }

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", cluster);
        m.put("taskArn", taskArn);
        m.put("containerName", containerName);
        m.put("logGroup", logGroup);
        m.put("logStream", logStream);
        m.put("nextToken", nextToken);
        m.put("lastStatus", lastStatus);
        return m;
    }
}
