package io.bakehouse.engine.ecs;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All a wait for a service deployment needs to pick up where it left off, e.g. after a Jenkins
 * controller restart: persist it, and hand it to {@link ServiceDeployer#resume}. The deployment ID
 * is the resume point; the newest event seen keeps a resumed wait from printing events again; the
 * report, if any, is written when the wait ends.
 *
 * @param cluster                   the cluster, as the request named it
 * @param service                   the service, as the request named it
 * @param deploymentId              the deployment being watched
 * @param taskDefinitionArn         the task definition it rolls out
 * @param previousTaskDefinitionArn the one the service ran before: what an abort rolls back to
 * @param images                    every container → its image in {@code taskDefinitionArn}
 * @param lastEventId               the newest service event already printed, or {@code null}
 * @param report                    where the HTML report goes when the deployment ends, or {@code null} for none
 */
public record RolloutState(String cluster, String service, String deploymentId, String taskDefinitionArn,
                           String previousTaskDefinitionArn, Map<String, String> images, String lastEventId,
                           String report) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RolloutState {
        if (cluster == null || service == null || deploymentId == null || taskDefinitionArn == null
                || previousTaskDefinitionArn == null) {
            throw new IllegalArgumentException("a rollout needs its cluster, service, deployment and task definitions");
        }
        images = images == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }

    RolloutState seen(String eventId) {
        return new RolloutState(cluster, service, deploymentId, taskDefinitionArn, previousTaskDefinitionArn, images,
                eventId, report);
    }

    /** The same service and event position, watching another deployment (ECS's rollback, or ours). */
    RolloutState watching(String otherDeploymentId, String otherTaskDefinitionArn) {
        return new RolloutState(cluster, service, otherDeploymentId, otherTaskDefinitionArn, previousTaskDefinitionArn,
                images, lastEventId, report);
    }

    /** Whether the deployment redeploys the task definition the service ran already (forceNewDeployment). */
    boolean redeploysSameRevision() {
        return taskDefinitionArn.equals(previousTaskDefinitionArn);
    }

    String serviceName() {
        return service.substring(service.lastIndexOf('/') + 1);
    }
}
