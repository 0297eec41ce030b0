package io.bakehouse.engine.runner;

import java.util.List;
import java.util.Map;

/**
 * An approved launch: everything RunTask needs, nothing the caller can still change.
 *
 * @param command the container's full argument vector: the script, hard-coded options,
 *                {@code --commit-branch} pairs, the caller's checked options, hard-coded trailing
 *                arguments, then {@code --} and the caller's positional arguments (if any)
 */
public record TaskLaunch(String container, String script, String cluster, String taskDefinition, String containerName,
                         List<String> command, Map<String, String> environment, int cpu, int memory,
                         List<String> subnets, List<String> securityGroups, boolean assignPublicIp,
                         String logGroup, String logStreamPrefix, String requestedBy) {

    public TaskLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
    }
}
