package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.AwsErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DeploymentAlarms;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Why a deployment failed, in the words ECS and CloudWatch left: the reasons its stopped tasks
 * give (the circuit breaker counts those), and the deployment alarms that are in ALARM. Reading
 * them is best effort: a failure to read says so instead of hiding the deployment's own failure.
 */
final class RootCause {

    /** Stopped tasks looked at: enough to find the distinct reasons of a failed rollout. */
    static final int TASKS = 20;

    private RootCause() {
    }

    /** One line per distinct cause, stopped tasks first. */
    static List<String> of(EcsServiceApi api, RolloutState state, Service service) {
        List<String> causes = new ArrayList<>();
        try {
            causes.addAll(stoppedTasks(api.stoppedTasks(state.cluster(), state.deploymentId(), TASKS)));
        } catch (SdkException e) {
            causes.add("(could not read the deployment's stopped tasks: "
                    + AwsErrors.translate("listing stopped tasks", e).getMessage() + ")");
        }
        DeploymentAlarms alarms = service.deploymentConfiguration() == null ? null
                : service.deploymentConfiguration().alarms();
        if (alarms != null && Boolean.TRUE.equals(alarms.enable()) && !alarms.alarmNames().isEmpty()) {
            try {
                api.alarms(alarms.alarmNames()).stream().filter(a -> "ALARM".equals(a.state()))
                        .forEach(a -> causes.add("alarm " + a.name() + " is in ALARM: " + a.reason()));
            } catch (SdkException e) {
                causes.add("(could not read the deployment alarms: "
                        + AwsErrors.translate("reading alarms", e).getMessage() + ")");
            }
        }
        return causes;
    }

    /** Tasks that stopped the same way, counted: {@code 3 tasks stopped (TaskFailedToStart): reason; container web exited 1}. */
    static List<String> stoppedTasks(List<Task> tasks) {
        Map<String, List<String>> byCause = new LinkedHashMap<>();
        for (Task t : tasks) {
            byCause.computeIfAbsent(describe(t), k -> new ArrayList<>()).add(id(t.taskArn()));
        }
        List<String> lines = new ArrayList<>();
        byCause.forEach((cause, ids) -> lines.add((ids.size() == 1 ? "task " + ids.get(0)
                : ids.size() + " tasks (" + String.join(", ", ids.subList(0, Math.min(3, ids.size())))
                + (ids.size() > 3 ? ", ..." : "") + ")") + " stopped" + cause));
        return lines;
    }

    private static String describe(Task t) {
        StringBuilder s = new StringBuilder();
        if (t.stopCodeAsString() != null) {
            s.append(" (").append(t.stopCodeAsString()).append(')');
        }
        s.append(": ").append(t.stoppedReason() == null ? "no reason given" : t.stoppedReason());
        for (Container c : t.containers()) {
            if (c.exitCode() != null && c.exitCode() != 0) {
                s.append("; container ").append(c.name()).append(" exited ").append(c.exitCode());
            }
            if (c.reason() != null && !c.reason().isBlank()) {
                s.append("; container ").append(c.name()).append(": ").append(c.reason());
            }
        }
        return s.toString();
    }

    private static String id(String taskArn) {
        return taskArn == null ? "?" : taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
