package io.bakehouse.jenkins;

import java.io.Serializable;
import java.util.Map;

/**
 * What comes back from the agent: the step's result as pipeline values, or the one-line
 * failure already worded and masked. Engine exceptions stay on the agent (their causes are
 * SDK types with request details); only text crosses the channel.
 */
public record AgentOutcome(Map<String, Object> result, String failure) implements Serializable {

    public AgentOutcome {
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("an outcome is either a result or a failure");
        }
    }

    public static AgentOutcome success(Map<String, Object> result) {
        return new AgentOutcome(result, null);
    }

    public static AgentOutcome failed(String failure) {
        return new AgentOutcome(null, failure);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
