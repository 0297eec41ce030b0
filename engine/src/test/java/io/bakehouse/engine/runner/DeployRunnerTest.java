package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

public class DeployRunnerTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    private AwsClients clients;
    private String configText;
    private TaskPlayer player;
    private final RecordingReporter reporter = new RecordingReporter();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        configText = RunnerFixtures.createRunnerResources(clients);
        player = new TaskPlayer(clients);
    }

    private static RunRequest plan() {
        return new RunRequest("terraform-planner", "plan", List.of("dev"), null, null, "test");
    }

    @Test
    public void run_inProcess_startsStreamsAndArchivesTheOutput() throws Exception {
        clients.s3().createBucket(r -> r.bucket("runner-logs"));
        RunnerConfig config = RunnerConfigLoader.parse(configText + "archive: {bucket: runner-logs, prefix: jobs}\n", "t");
        player.play(t -> {
            player.write(t, List.of("Terraform will perform the following actions:", "Plan: 1 to add"));
            Thread.sleep(300);
            player.exit(t);
        });

        EcsRunResult result = new DeployRunner(clients, reporter, lines::add, player)
                .run(new DirectStarter(config, clients.ecs(), reporter), plan(), null);

        assertEquals(List.of("Terraform will perform the following actions:", "Plan: 1 to add"), lines);
        assertEquals(0, result.exitCode());
        String key = "jobs/" + result.taskArn().substring(result.taskArn().lastIndexOf('/') + 1) + ".log";
        assertEquals("s3://runner-logs/" + key, result.archive());
        String archived = clients.s3().getObjectAsBytes(r -> r.bucket("runner-logs").key(key))
                .asString(StandardCharsets.UTF_8);
        assertEquals("Terraform will perform the following actions:\nPlan: 1 to add\n", archived);
        assertTrue(reporter.lines().toString(), reporter.contains("Waiting up to 30m"));
    }

    @Test
    public void run_askedToWaitLongerThanAllowed_waitsTheConfigurationMaximum() {
        RunnerConfig config = RunnerConfigLoader.parse(configText.replace("maxWaitTime: 30m", "maxWaitTime: 1s"), "t");

        DeployRunner runner = new DeployRunner(clients, reporter, lines::add, player);
        TaskStoppedException e = assertThrows(TaskStoppedException.class,
                () -> runner.run(new DirectStarter(config, clients.ecs(), reporter), plan(), Duration.ofHours(2)));

        assertTrue(e.getMessage(), e.getMessage().contains("did not finish within 1s"));
        assertTrue(runner.taskStarted());
        assertEquals(EcsRunExit.UNFINISHED, EcsRunExit.of(e, runner.taskStarted()));
        assertTrue(reporter.contains("max wait time 2h is more than the runner allows; waiting 1s"));
    }

    @Test
    public void cancel_beforeTheWaitBegins_stillStopsTheTask() throws Exception {
        RunnerConfig config = RunnerConfigLoader.parse(configText, "t");
        DeployRunner runner = new DeployRunner(clients, reporter, lines::add, player);
        runner.cancel("aborted by the user");

        TaskStoppedException e = assertThrows(TaskStoppedException.class,
                () -> runner.run(new DirectStarter(config, clients.ecs(), reporter), plan(), null));

        assertTrue(e.cancelled());
        assertEquals(EcsRunExit.INTERRUPTED, EcsRunExit.of(e, runner.taskStarted()));
        TaskProgress task = player.task();
        assertEquals("STOPPED", clients.ecs().describeTasks(r -> r.cluster(task.cluster()).tasks(task.taskArn()))
                .tasks().get(0).lastStatus());
    }

    @Test
    public void stop_byPersistedState_stopsTheTask() throws Exception {
        RunnerConfig config = RunnerConfigLoader.parse(configText, "t");
        TaskProgress task = new DirectStarter(config, clients.ecs(), reporter).start(plan()).progress();

        DeployRunner.stop(clients, task, "aborted after a restart");

        assertEquals("aborted after a restart", clients.ecs().describeTasks(r -> r.cluster(task.cluster())
                .tasks(task.taskArn())).tasks().get(0).stoppedReason());
    }

    @Test
    public void run_rejectedRequest_launchesNothing() {
        RunnerConfig config = RunnerConfigLoader.parse(configText, "t");
        DeployRunner runner = new DeployRunner(clients, reporter, lines::add, player);
        RejectedException e = assertThrows(RejectedException.class, () -> runner.run(
                new DirectStarter(config, clients.ecs(), reporter),
                new RunRequest("terraform-planner", "plan", List.of("dev;id"), null, null, "t"), null));

        assertEquals(Rejection.Reason.VALUE_NOT_ALLOWED, e.rejection().reason());
        assertFalse(runner.taskStarted());
        assertEquals(EcsRunExit.REFUSED, EcsRunExit.of(e, runner.taskStarted()));
        assertEquals(0, clients.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns().size());
        assertTrue(player.checkpoints().isEmpty());
    }
}
