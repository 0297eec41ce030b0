package io.bakehouse.jenkins;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.Reporter;
import java.io.File;
import java.io.Serializable;
import java.util.List;

/**
 * One engine call, made on the agent. Implementations hold only validated engine requests
 * (records), so they serialise to the agent as they are; each step has one.
 *
 * @param <R> the engine's result
 */
public interface AgentTask<R extends JsonValue> extends Serializable {

    /**
     * Runs the engine on the agent.
     *
     * @param clients   clients for the step's identity, region and endpoint
     * @param reporter  writes to the build log, secrets masked
     * @param workspace the build's workspace on the agent (relative paths resolve against it)
     */
    R run(AwsClients clients, Reporter reporter, File workspace) throws InterruptedException;

    /** The secret values this task carries, masked in everything the call writes or returns. */
    default List<String> secretValues() {
        return List.of();
    }
}
