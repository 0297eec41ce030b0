package io.bakehouse.engine.ecs;

import io.bakehouse.engine.json.JsonValue;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code ecsServiceDeploy} did.
 *
 * @param taskDefinitionArn         the task definition the service runs now
 * @param previousTaskDefinitionArn the one it ran before (the same when nothing changed)
 * @param deploymentId              the deployment that rolled it out (with no changes: the service's primary one)
 * @param rolloutState              that deployment's rollout state, {@code COMPLETED} on success
 * @param runningCount              that deployment's running tasks
 * @param images                    every container → the image it runs now
 * @param noChanges                 the images already ran, and no deployment was started
 */
public record EcsServiceDeployResult(String taskDefinitionArn, String previousTaskDefinitionArn, String deploymentId,
                                     String rolloutState, Integer runningCount, Map<String, String> images,
                                     boolean noChanges) implements JsonValue, Serializable {

    private static final long serialVersionUID = 1L;

    public EcsServiceDeployResult {
        images = images == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskDefinitionArn", taskDefinitionArn);
        m.put("previousTaskDefinitionArn", previousTaskDefinitionArn);
        m.put("deploymentId", deploymentId);
        m.put("rolloutState", rolloutState);
        m.put("runningCount", runningCount);
        m.put("images", images);
        m.put("noChanges", noChanges);
        return m;
    }
}
