package io.bakehouse.engine.ecs;

import java.io.Serializable;

/**
 * What {@link ServiceDeployer#launch} did: either the deployment is over ({@code result}: the images
 * already ran), or the service is rolling out and {@code rollout} is where to watch it from
 * ({@link ServiceDeployer#resume}). Holds names and identifiers only, so a face may persist it.
 */
public record ServiceLaunch(EcsServiceDeployResult result, RolloutState rollout) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ServiceLaunch {
        if ((result == null) == (rollout == null)) {
            throw new IllegalArgumentException("a launch is either finished or rolling out");
        }
    }

    public boolean finished() {
        return result != null;
    }
}
