package io.bakehouse.engine.runner;

import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/** Starts an approved launch as an ECS/Fargate task: RunTask with command and size overrides. */
public final class TaskLauncher {

    private final EcsClient ecs;
    private final Reporter reporter;

    public TaskLauncher(EcsClient ecs, Reporter reporter) {
        this.ecs = ecs;
        this.reporter = reporter;
    }

    /** Runs {@code launch}; returns the state to follow it with. The command is an argument vector. */
    public TaskProgress launch(TaskLaunch launch) {
        List<KeyValuePair> environment = new ArrayList<>();
        launch.environment().forEach((k, v) -> environment.add(KeyValuePair.builder().name(k).value(v).build()));
        RunTaskResponse response;
        try {
            response = ecs.runTask(r -> r.cluster(launch.cluster())
                    .taskDefinition(launch.taskDefinition())
                    .launchType(LaunchType.FARGATE)
                    .count(1)
                    .startedBy(TaskLabels.startedBy(launch.requestedBy()))
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(launch.subnets())
                            .securityGroups(launch.securityGroups())
                            .assignPublicIp(launch.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                    .overrides(o -> o.cpu(String.valueOf(launch.cpu())).memory(String.valueOf(launch.memory()))
                            // The container's own limits follow the task's size, so a task definition
                            // that sets container-level memory cannot cap a larger task.
                            .containerOverrides(ContainerOverride.builder().name(launch.containerName())
                                    .command(launch.command()).environment(environment)
                                    .cpu(launch.cpu()).memory(launch.memory()).build()))
                    .tags(tag("bakehouse:requested-by", launch.requestedBy()),
                            tag("bakehouse:container", launch.container()),
                            tag("bakehouse:script", launch.script())));
        } catch (SdkException e) {
            throw AwsErrors.translate("starting " + launch.container() + " " + launch.script()
                    + " (task definition " + launch.taskDefinition() + ")", e);
        }
        if (!response.hasTasks() || response.tasks().isEmpty()) {
            String reasons = response.failures().stream()
                    .map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                    .collect(Collectors.joining("; "));
            throw BakehouseException.failure("ECS did not start " + launch.container() + " " + launch.script() + ": "
                    + (reasons.isEmpty() ? "no task and no reason given" : reasons),
                    "check the cluster's capacity, the task definition and the subnets; then try again");
        }
        Task task = response.tasks().get(0);
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        String stream = launch.logStreamPrefix() + "/" + launch.containerName() + "/" + taskId;
        reporter.progress("Started " + launch.container() + " " + launch.script() + " as task " + task.taskArn());
        reporter.detail("Logs: " + launch.logGroup() + " " + stream);
        return new TaskProgress(launch.cluster(), task.taskArn(), launch.containerName(), launch.logGroup(), stream,
                null, task.lastStatus());
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(TaskLabels.tagValue(value)).build();
    }
}
