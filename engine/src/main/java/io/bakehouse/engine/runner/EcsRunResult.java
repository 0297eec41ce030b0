package io.bakehouse.engine.runner;

import io.bakehouse.engine.json.JsonValue;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code ecsDeployRunner} returns: the container's exit code and where its task and logs are. */
public record EcsRunResult(int exitCode, String taskArn, String logGroup, String logStream, String stopCode,
                           String stoppedReason, String archive) implements JsonValue, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exitCode", exitCode);
        m.put("taskArn", taskArn);
        m.put("logGroup", logGroup);
        m.put("logStream", logStream);
        m.put("stopCode", stopCode);
        m.put("stoppedReason", stoppedReason);
        m.put("archive", archive);
        return m;
    }
}
