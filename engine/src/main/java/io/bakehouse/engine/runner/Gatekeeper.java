package io.bakehouse.engine.runner;

import io.bakehouse.engine.runner.Rejection.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a request may run. A pure function of the configuration and the request:
 * no AWS calls, no state. Anything the configuration does not explicitly allow is refused.
 */
public final class Gatekeeper {

    private Gatekeeper() {
    }

    public static Decision decide(RunnerConfig config, RunRequest request) {
        ContainerSpec container = config.containers().get(request.container());
        if (container == null) {
            return reject(Reason.UNKNOWN_CONTAINER, request, null, null, "container '" + Rejection.shorten(request.container())
                    + "' is not in the runner configuration (known: " + String.join(", ", config.containers().keySet()) + ")");
        }
        ScriptRules rules = container.scripts().get(request.script());
        if (rules == null) {
            return reject(Reason.UNKNOWN_SCRIPT, request, null, null, "container '" + container.name() + "' has no script '"
                    + Rejection.shorten(request.script()) + "' (known: " + String.join(", ", container.scripts().keySet()) + ")");
        }
        Rejection sizing = checkSize(config, request);
        if (sizing != null) {
            return new Decision.Rejected(sizing);
        }
        ArgumentCheck check = new ArgumentCheck(rules, request);
        Rejection refused = check.run();
        if (refused != null) {
            return new Decision.Rejected(refused);
        }
        List<String> command = new ArrayList<>();
        command.add(rules.command());
        command.addAll(rules.hardcodedOptions());
        for (String branch : rules.commitBranches()) {
            command.add(Arguments.COMMIT_BRANCH_OPTION);
            command.add(branch);
        }
        command.addAll(check.options());
        command.addAll(rules.hardcodedArgs());
        if (!check.positionals().isEmpty()) {
            // The gatekeeper's own "--": positional arguments can never be read as options, and the
            // caller's "--" can never push hardcodedArgs into positional position.
            command.add("--");
            command.addAll(check.positionals());
        }
        int cpu = request.cpu() == null ? config.defaultCpu() : request.cpu();
        int memory = request.memory() == null ? config.defaultMemory() : request.memory();
        return new Decision.Approved(new TaskLaunch(container.name(), rules.name(), config.cluster(),
                container.taskDefinition(), container.containerName(), command, container.environment(), cpu, memory,
                config.subnets(), config.securityGroups(), config.assignPublicIp(), config.logGroup(),
                config.logStreamPrefix(), request.requestedBy()));
    }

    private static Rejection checkSize(RunnerConfig config, RunRequest request) {
        int cpu = request.cpu() == null ? config.defaultCpu() : request.cpu();
        int memory = request.memory() == null ? config.defaultMemory() : request.memory();
        if (!FargateSizes.validCpu(cpu) || cpu > config.maxCpu()) {
            return rejection(Reason.CPU_NOT_ALLOWED, request, "taskCpu", String.valueOf(cpu), "task CPU " + cpu
                    + " is not allowed: use a Fargate size " + FargateSizes.cpuValues() + " of at most " + config.maxCpu());
        }
        if (!FargateSizes.validPair(cpu, memory) || memory > config.maxMemory()) {
            return rejection(Reason.MEMORY_NOT_ALLOWED, request, "taskMemory", String.valueOf(memory), "task memory "
                    + memory + " MiB is not allowed with " + cpu + " CPU units: use " + FargateSizes.memoryRange(cpu)
                    + ", at most " + config.maxMemory());
        }
        return null;
    }

    static Decision reject(Reason reason, RunRequest request, String option, String value, String message) {
        return new Decision.Rejected(rejection(reason, request, option, value, message));
    }

    static Rejection rejection(Reason reason, RunRequest request, String option, String value, String message) {
        return new Rejection(reason, request.container(), request.script(), option, value, message);
    }
}
