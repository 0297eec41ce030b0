package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.DetachedException;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.services.ecs.model.Task;

public class TaskWatcherTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    private AwsClients clients;
    private AwsClients viaProxy;
    private RunnerConfig config;
    private TaskPlayer player;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final RecordingReporter reporter = new RecordingReporter();

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        viaProxy = MOTO.track(AwsClients.create(MotoServer.settingsFor(proxy.endpoint()), new AwsEnvironment(Map.of())));
        config = RunnerConfigLoader.parse(RunnerFixtures.createRunnerResources(clients), "test");
        player = new TaskPlayer(clients);
    }

    private TaskProgress start() {
        StartedTask started = new DirectStarter(config, clients.ecs(), reporter).start(new RunRequest("terraform-planner",
                "plan", List.of("dev"), null, null, "test"));
        player.accept(started.progress());
        return started.progress();
    }

    private TaskWatcher watcher(AwsClients c) {
        return new TaskWatcher(c.ecs(), c.logs(), reporter, lines::add, player, Clock.systemUTC(),
                Duration.ofMillis(100), Duration.ofMillis(200));
    }

    private static Task describe(AwsClients c, TaskProgress task) {
        return c.ecs().describeTasks(r -> r.cluster(task.cluster()).tasks(task.taskArn())).tasks().get(0);
    }

    @Test
    public void watch_containerWritesAndExits_streamsEveryLineInOrderOnceAndReturnsExitCode() throws Exception {
        TaskProgress task = start();
        List<String> first = IntStream.range(0, 1500).mapToObj(i -> "line " + i).toList();
        List<String> second = IntStream.range(1500, 1600).mapToObj(i -> "line " + i).toList();
        player.play(t -> {
            player.write(t, first);
            Thread.sleep(600);
            player.write(t, second);
            Thread.sleep(300);
            player.exit(t);
        });

        EcsRunResult result = watcher(clients).watch(task, Duration.ofMinutes(1));

        List<String> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertEquals(expected, lines);
        assertEquals(0, result.exitCode());
        assertEquals(task.taskArn(), result.taskArn());
        assertEquals(task.logStream(), result.logStream());
        assertTrue(reporter.lines().toString(), reporter.contains("is STOPPED ("));
        assertTrue(reporter.lines().toString(), reporter.contains("Task " + task.taskId() + " is RUNNING"));
    }

    @Test
    public void watch_resumedFromCheckpoint_continuesWithoutDuplicates() throws Exception {
        TaskProgress task = start();
        player.write(task, List.of("a", "b", "c"));
        TaskWatcher first = watcher(clients);
        first.cancel("test stops following early");
        assertThrows(TaskStoppedException.class, () -> first.watch(task, Duration.ofMinutes(1)));
        List<TaskProgress> saved = player.checkpoints();
        TaskProgress last = saved.get(saved.size() - 1);
        assertNotNull(last.nextToken());
        assertEquals(List.of("a", "b", "c"), lines);

        player.write(task, List.of("d", "e"));
        lines.clear();
        // The task is already stopped; the resumed wait reads only what came after the token.
        EcsRunResult result = watcher(clients).watch(last, Duration.ofMinutes(1));

        assertEquals(List.of("d", "e"), lines);
        assertEquals(0, result.exitCode());
    }

    @Test
    public void watch_nonZeroExitCode_isReturned_cannedDescribeTasksBecauseMotoAlwaysReportsZero() throws Exception {
        TaskProgress task = start();
        player.write(task, List.of("Error: plan failed"));
        player.exit(task);
        proxy.always("DescribeTasks", Fault.respond(200, "application/x-amz-json-1.1",
                TaskPlayer.stoppedTaskJson(task, "EssentialContainerExited", "Essential container in task exited", 3)));

        EcsRunResult result = watcher(viaProxy).watch(task, Duration.ofMinutes(1));

        assertEquals(3, result.exitCode());
        assertEquals("EssentialContainerExited", result.stopCode());
        assertEquals(List.of("Error: plan failed"), lines);
    }

    @Test
    public void watch_taskNeverStarts_failsWithEcsReason_cannedDescribeTasksBecauseMotoCannotFailAStart() {
        TaskProgress task = start();
        proxy.always("DescribeTasks", Fault.respond(200, "application/x-amz-json-1.1",
                TaskPlayer.stoppedTaskJson(task, "TaskFailedToStart",
                        "CannotPullContainerError: pull image manifest has been retried 5 time(s)", null)));

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> watcher(viaProxy).watch(task, Duration.ofMinutes(1)));

        assertTrue(e.getMessage(), e.getMessage().contains("stopped before its container ran (TaskFailedToStart)"));
        assertTrue(e.getMessage(), e.getMessage().contains("CannotPullContainerError"));
    }

    @Test
    public void watch_maxWaitReached_stopsTheTaskAndSaysSo() {
        TaskProgress task = start();

        TaskStoppedException e = assertThrows(TaskStoppedException.class,
                () -> watcher(clients).watch(task, Duration.ofSeconds(1)));

        assertTrue(e.getMessage(), e.getMessage().contains("did not finish within 1s"));
        assertTrue(!e.cancelled());
        Task stopped = describe(clients, task);
        assertEquals("STOPPED", stopped.lastStatus());
        assertTrue(stopped.stoppedReason(), stopped.stoppedReason().contains("max wait time of 1s"));
    }

    @Test
    public void cancel_fromAnotherThread_stopsTheTask() throws Exception {
        TaskProgress task = start();
        TaskWatcher w = watcher(clients);
        Thread aborter = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException ignored) {
                return;
            }
            w.cancel("the build was aborted");
        });
        aborter.start();

        TaskStoppedException e = assertThrows(TaskStoppedException.class, () -> w.watch(task, Duration.ofMinutes(5)));

        aborter.join();
        assertTrue(e.cancelled());
        assertTrue(e.getMessage(), e.getMessage().contains("the build was aborted"));
        assertEquals("the build was aborted", describe(clients, task).stoppedReason());
    }

    @Test
    public void leaveRunningOnInterrupt_interruptStopsFollowingButNotTheTask() throws Exception {
        TaskProgress task = start();
        TaskWatcher w = watcher(clients).leaveRunningOnInterrupt();
        Object[] outcome = new Object[1];
        Thread follower = new Thread(() -> {
            try {
                outcome[0] = w.watch(task, Duration.ofMinutes(5));
            } catch (RuntimeException e) {
                outcome[0] = e;
            }
        });
        follower.start();
        Thread.sleep(500);
        follower.interrupt(); // the agent's channel closing as its controller restarts
        follower.join(10_000);

        assertTrue(String.valueOf(outcome[0]), outcome[0] instanceof DetachedException);
        assertEquals("Stopped waiting for task " + task.taskArn() + " (the thread was interrupted); it goes on in AWS",
                ((DetachedException) outcome[0]).getMessage());
        Task after = describe(clients, task);
        assertFalse("the task runs on: " + after.lastStatus(), "STOPPED".equals(after.lastStatus()));
        assertTrue(after.stoppedReason(), after.stoppedReason() == null || after.stoppedReason().isEmpty());
        assertFalse(reporter.text(), reporter.contains("Stopped task"));
    }

    @Test
    public void watch_ecsKeepsFailing_stopsTheTaskRatherThanLeaveItRunning() {
        TaskProgress task = start();
        proxy.always("DescribeTasks", Fault.serverError(500));

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> watcher(viaProxy).watch(task, Duration.ofMinutes(1)));

        assertTrue(e.getMessage(), e.getMessage().contains("checking task " + task.taskArn()));
        assertEquals("STOPPED", describe(clients, task).lastStatus());
        assertTrue(reporter.contains("Stopped task " + task.taskArn() + " because following it failed"));
    }

    @Test
    public void watch_statusThrottled_keepsGoing() throws Exception {
        TaskProgress task = start();
        player.write(task, List.of("x"));
        player.exit(task);
        proxy.failNext("DescribeTasks", 4, Fault.throttle());

        assertEquals(0, watcher(viaProxy).watch(task, Duration.ofMinutes(1)).exitCode());
        assertEquals(List.of("x"), lines);
    }

    @Test
    public void watch_logsThrottledOnce_keepsGoing() throws Exception {
        TaskProgress task = start();
        player.write(task, List.of("one", "two"));
        player.exit(task);
        proxy.failNext("GetLogEvents", 4, Fault.throttle());

        EcsRunResult result = watcher(viaProxy).watch(task, Duration.ofMinutes(1));

        assertEquals(0, result.exitCode());
        assertEquals(List.of("one", "two"), lines);
    }

    @Test
    public void watch_logsThrottledUntilTheEnd_warnsThatTheOutputMayBeIncomplete() throws Exception {
        TaskProgress task = start();
        player.write(task, List.of("one", "two"));
        player.exit(task);
        proxy.always("GetLogEvents", Fault.throttle());

        EcsRunResult result = watcher(viaProxy).watch(task, Duration.ofMinutes(1));

        assertEquals(0, result.exitCode());
        assertEquals(List.of(), lines);
        assertTrue(reporter.lines().toString(), reporter.contains("CloudWatch Logs kept throttling the log reads: the"
                + " task's output above may be incomplete; the whole of it is in log stream " + task.logStream()));
    }

    @Test
    public void watch_statusChecksThrottledUntilTheDeadline_saysTheTasksStateIsUnknown() throws Exception {
        TaskProgress task = start();
        proxy.always("DescribeTasks", Fault.throttle());

        TaskStoppedException e = assertThrows(TaskStoppedException.class,
                () -> watcher(viaProxy).watch(task, Duration.ofSeconds(2)));

        assertTrue(e.getMessage(), e.getMessage().contains("did not finish within 2s as far as ECS said (it throttled"
                + " the last "));
        assertTrue(e.getMessage(), e.getMessage().contains("status checks, so the task's own state is unknown)"));
    }
}
