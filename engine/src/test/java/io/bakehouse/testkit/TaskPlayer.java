package io.bakehouse.testkit;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.engine.runner.TaskProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * Plays a runner container's part in moto, where tasks never run: writes the task's log
 * lines to its stream and stops the task, as ECS would when the container exits.
 */
public final class TaskPlayer implements Consumer<TaskProgress> {

    private final AwsClients clients;
    private final BlockingQueue<TaskProgress> seen = new LinkedBlockingQueue<>();
    private final List<TaskProgress> checkpoints = new ArrayList<>();

    public TaskPlayer(AwsClients clients) {
        this.clients = clients;
    }

    /** Use as the runner's checkpoint consumer: records every state and hands the first to {@link #task}. */
    @Override
    public synchronized void accept(TaskProgress p) {
        checkpoints.add(p);
        seen.add(p);
    }

    public synchronized List<TaskProgress> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** The task, once it has been started (waits up to 30 s). */
    public TaskProgress task() throws InterruptedException {
        TaskProgress p = seen.poll(30, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("no task was started");
        }
        return p;
    }

    /**
     * Waits (up to 30 s) for a task to appear in {@code cluster}, for when the runner is out of
     * reach (a CLI run); its log stream follows the awslogs driver's naming.
     */
    public TaskProgress awaitStarted(String cluster, String containerName, String logGroup, String streamPrefix)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            List<String> arns = clients.ecs().listTasks(r -> r.cluster(cluster)).taskArns();
            if (!arns.isEmpty()) {
                String arn = arns.get(0);
                String id = arn.substring(arn.lastIndexOf('/') + 1);
                return new TaskProgress(cluster, arn, containerName, logGroup,
                        streamPrefix + "/" + containerName + "/" + id, null, "RUNNING");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no task was started in " + cluster);
    }

    /** Writes {@code lines} to the task's log stream, creating it as the awslogs driver would. */
    public void write(TaskProgress task, List<String> lines) {
        try {
            clients.logs().createLogStream(r -> r.logGroupName(task.logGroup()).logStreamName(task.logStream()));
        } catch (ResourceAlreadyExistsException exists) {
            // written to before
        }
        long now = System.currentTimeMillis();
        for (int from = 0; from < lines.size(); from += 1000) {
            List<InputLogEvent> events = new ArrayList<>();
            for (String line : lines.subList(from, Math.min(lines.size(), from + 1000))) {
                events.add(InputLogEvent.builder().timestamp(now).message(line).build());
            }
            clients.logs().putLogEvents(r -> r.logGroupName(task.logGroup()).logStreamName(task.logStream())
                    .logEvents(events));
        }
    }

    /** Stops the task as ECS does when its essential container exits. */
    public void exit(TaskProgress task) {
        clients.ecs().stopTask(r -> r.cluster(task.cluster()).task(task.taskArn()).reason("Essential container in task exited"));
    }

    /** Runs {@code play} on a daemon thread once the task has started. */
    public Thread play(PlayScript play) {
        Thread t = new Thread(() -> {
            try {
                play.run(task());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "task-player");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** What the container does. */
    public interface PlayScript {
        void run(TaskProgress task) throws Exception;
    }

    /** An ECS DescribeTasks answer for a stopped task, for what moto cannot produce (exit codes, start failures). */
    public static String stoppedTaskJson(TaskProgress task, String stopCode, String reason, Integer exitCode) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", task.containerName());
        container.put("lastStatus", "STOPPED");
        if (exitCode == null) {
            container.put("reason", reason);
        } else {
            container.put("exitCode", exitCode);
        }
        Map<String, Object> stopped = new LinkedHashMap<>();
        stopped.put("taskArn", task.taskArn());
        stopped.put("lastStatus", "STOPPED");
        stopped.put("desiredStatus", "STOPPED");
        stopped.put("stopCode", stopCode);
        stopped.put("stoppedReason", reason);
        stopped.put("containers", List.of(container));
        return Json.write(Map.of("tasks", List.of(stopped), "failures", List.of()));
    }
}
