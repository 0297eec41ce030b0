package io.bakehouse.jenkins.live;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The deploy runner's part of the live tests: its AWS resources, made once in the suite's moto,
 * its configuration file in a job's workspace, and the container of each new task played by a
 * {@link TaskPlayer} from the test JVM (which outlives controller restarts).
 */
final class LiveRunner {

    /** The runner configuration's container, script and the task definition's container name. */
    static final String CONTAINER = "terraform-planner";
    static final String SCRIPT = "plan";
    private static final String TASK_CONTAINER = "terraform";
    private static final String STREAM_PREFIX = "runner";

    private static String configText;
    private static MotoServer madeIn;

    private final AwsClients aws;
    private final TaskPlayer player;

    LiveRunner(AwsClients aws) {
        this.aws = aws;
        this.player = new TaskPlayer(aws);
    }

    TaskPlayer player() {
        return player;
    }

    /** Writes the runner configuration (for the suite's moto) into {@code workspace}/runner.yaml. */
    static void writeConfig(MotoServer moto, AwsClients aws, Path workspace) throws IOException {
        String text = configText(moto, aws);
        Files.createDirectories(workspace);
        Files.writeString(workspace.resolve("runner.yaml"), text, StandardCharsets.UTF_8);
    }

    /**
     * The runner configuration for the suite's moto: its resources (cluster, task definitions,
     * log group, subnet, security group) are made the first time, and again only if they are gone
     * from moto, so every class of the suite shares one cluster and tells its own tasks apart by
     * {@link #tasks()} before and {@link #awaitNewTask} after.
     */
    static synchronized String configText(MotoServer moto, AwsClients aws) {
        boolean there = aws.logs().describeLogGroups(r -> r.logGroupNamePrefix(RunnerFixtures.LOG_GROUP)).logGroups()
                .stream().anyMatch(g -> g.logGroupName().equals(RunnerFixtures.LOG_GROUP));
        if (madeIn != moto || configText == null || !there) {
            configText = RunnerFixtures.createRunnerResources(aws);
            madeIn = moto;
        }
        return configText;
    }

    /** The ARNs of the cluster's tasks so far, whatever their state. */
    Set<String> tasks() {
        Set<String> arns = new HashSet<>();
        for (String status : List.of("RUNNING", "STOPPED")) {
            arns.addAll(aws.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER).desiredStatus(status)).taskArns());
        }
        return arns;
    }

    /** The first task that is not in {@code before}, as the awslogs driver names its stream (waits up to 60 s). */
    TaskProgress awaitNewTask(Set<String> before) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (String arn : aws.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns()) {
                if (!before.contains(arn)) {
                    String id = arn.substring(arn.lastIndexOf('/') + 1);
                    return new TaskProgress(RunnerFixtures.CLUSTER, arn, TASK_CONTAINER, RunnerFixtures.LOG_GROUP,
                            STREAM_PREFIX + "/" + TASK_CONTAINER + "/" + id, null, "RUNNING");
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new task was started in " + RunnerFixtures.CLUSTER);
    }

    /** A pipeline on the agent running the planner with the in-process gatekeeper, echoing the result. */
    static String pipeline(String endpoint, String arg) {
        return """
                node('ecs-fargate') {
                  def r = ecsDeployRunner container: '%s', script: '%s', args: ['%s'], config: 'runner.yaml',
                      region: 'us-east-1', endpointUrl: '%s', credentialsId: '%s'
                  echo "keys=${r.keySet()}"
                  echo "exitCode=${r.exitCode}"
                  echo "taskArn=${r.taskArn}"
                  echo "logGroup=${r.logGroup}"
                  echo "logStream=${r.logStream}"
                  echo "stopCode=${r.stopCode}"
                  echo "stoppedReason=${r.stoppedReason}"
                  echo "archive=${r.archive}"
                }
                """.formatted(CONTAINER, SCRIPT, arg, endpoint, LiveJenkins.CREDENTIALS_ID);
    }
}
