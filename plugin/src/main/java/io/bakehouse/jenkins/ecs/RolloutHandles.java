package io.bakehouse.jenkins.ecs;

import io.bakehouse.engine.ecs.RolloutState;
import io.bakehouse.jenkins.WaitHandle;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service deployment as a {@link WaitHandle} (plain strings, saved with the build) and back:
 * the engine's {@link RolloutState}, whose fields are names, IDs and image references only.
 */
final class RolloutHandles {

    static final String KIND = "service";
    private static final String CLUSTER = "cluster";
    private static final String SERVICE = "service";
    private static final String DEPLOYMENT = "deploymentId";
    private static final String TASK_DEFINITION = "taskDefinitionArn";
    private static final String PREVIOUS = "previousTaskDefinitionArn";
    /**
     * Every container and its image, in the task definition's order, as {@code name=image,...}: a
     * handle's identifiers are sorted, and neither a container name nor an image reference holds
     * {@code =} or {@code ,}.
     */
    private static final String IMAGES = "images";
    /** The HTML report's file on the agent, when the step writes one. */
    private static final String REPORT = "report";
    /** The newest service event printed to the build log; the only identifier the agent moves forward. */
    static final String SHOWN_EVENT = "shownEventId";

    private RolloutHandles() {
    }

    static WaitHandle of(RolloutState state, Instant deadline) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(CLUSTER, state.cluster());
        ids.put(SERVICE, state.service());
        ids.put(DEPLOYMENT, state.deploymentId());
        ids.put(TASK_DEFINITION, state.taskDefinitionArn());
        ids.put(PREVIOUS, state.previousTaskDefinitionArn());
        StringBuilder images = new StringBuilder();
        state.images().forEach((container, image) ->
                images.append(images.length() == 0 ? "" : ",").append(container).append('=').append(image));
        ids.put(IMAGES, images.toString());
        if (state.lastEventId() != null) {
            ids.put(SHOWN_EVENT, state.lastEventId());
        }
        if (state.report() != null) {
            ids.put(REPORT, state.report());
        }
        return new WaitHandle(KIND, ids, deadline);
    }

    /** Where to watch the deployment from (or what to roll back). */
    static RolloutState state(WaitHandle handle) {
        Map<String, String> ids = handle.ids();
        Map<String, String> images = new LinkedHashMap<>();
        String listed = ids.getOrDefault(IMAGES, "");
        for (String pair : listed.isEmpty() ? new String[0] : listed.split(",")) {
            int eq = pair.indexOf('=');
            images.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new RolloutState(ids.get(CLUSTER), ids.get(SERVICE), ids.get(DEPLOYMENT), ids.get(TASK_DEFINITION),
                ids.get(PREVIOUS), images, ids.get(SHOWN_EVENT), ids.get(REPORT));
    }
}
