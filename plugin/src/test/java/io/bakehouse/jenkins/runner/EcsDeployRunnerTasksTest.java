package io.bakehouse.jenkins.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.runner.EcsRunResult;
import io.bakehouse.engine.runner.RejectedException;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.jenkins.PipelineValues;
import io.bakehouse.jenkins.RecordingProgress;
import io.bakehouse.jenkins.Serialization;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The agent side of ecsDeployRunner against moto: launch (in-process gatekeeper with a
 * configuration in the workspace), await (TaskPlayer plays the container), cancel, and the
 * handle saved in between.
 */
public class EcsDeployRunnerTasksTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private AwsClients clients;
    private TaskPlayer player;
    private File workspace;
    private final RecordingReporter reporter = new RecordingReporter();

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        workspace = temp.newFolder("ws");
        Files.createDirectories(workspace.toPath().resolve("runner"));
        Files.writeString(workspace.toPath().resolve("runner/config.yaml"), RunnerFixtures.createRunnerResources(clients));
        player = new TaskPlayer(clients);
    }

    private static EcsRunLaunchTask launch(String script, List<String> args, Duration maxWait) {
        return new EcsRunLaunchTask("terraform-planner", script, args, null, null, "jenkins-app-7", null,
                "runner/config.yaml", maxWait);
    }

    /** The handle as the execution saves it and reads it back after a restart. */
    private static WaitHandle saved(WaitHandle handle) {
        return WaitHandle.fromJsonMap(PipelineValues.of(Serialization.roundTrip(handle).toJsonMap()));
    }

    @Test
    public void serialisation_roundTrip_keepsEveryTask() {
        EcsRunLaunchTask launch = launch("plan", List.of("dev"), Duration.ofMinutes(5));
        assertEquals(launch, Serialization.roundTrip(launch));
        WaitHandle handle = new WaitHandle("task", Map.of("cluster", "c", "taskArn", "arn:aws:ecs:us-east-1:1:task/c/1",
                "containerName", "terraform", "logGroup", "/g", "logStream", "runner/terraform/1"), Instant.now());
        assertEquals(new EcsRunAwaitTask(handle, null), Serialization.roundTrip(new EcsRunAwaitTask(handle, null)));
        assertEquals(new EcsRunCancelTask(handle), Serialization.roundTrip(new EcsRunCancelTask(handle)));
        assertEquals(handle, Serialization.roundTrip(new EcsRunAwaitTask(handle, new RecordingProgress())).handle());
    }

    @Test
    public void launchThenAwait_fromTheSavedHandle_streamsTheOutputAndReturnsTheResult() throws Exception {
        WaitHandle handle = saved(launch("plan", List.of("dev"), Duration.ofMinutes(5)).run(clients, reporter, workspace));
        assertEquals("task", handle.kind());
        TaskProgress progress = TaskHandles.progress(handle);
        assertEquals(RunnerFixtures.CLUSTER, progress.cluster());
        assertEquals(RunnerFixtures.LOG_GROUP, progress.logGroup());
        assertTrue(handle.remainingMillis(Instant.now()) > Duration.ofMinutes(4).toMillis());

        player.write(progress, List.of("Terraform will perform the following actions:", "Plan: 1 to add"));
        player.exit(progress);
        EcsRunResult result = new EcsRunAwaitTask(handle, null).run(clients, reporter, workspace);

        assertEquals(0, result.exitCode());
        assertEquals(progress.taskArn(), result.taskArn());
        assertEquals(progress.logStream(), result.logStream());
        assertTrue(reporter.text(), reporter.contains("Plan: 1 to add"));
    }

    @Test
    public void await_afterARestart_readsTheLogOnFromWhereTheBuildLogStopped() throws Exception {
        WaitHandle launched = saved(launch("plan", List.of("dev"), Duration.ofMinutes(5)).run(clients, reporter, workspace));
        TaskProgress progress = TaskHandles.progress(launched);
        player.write(progress, List.of("Initializing the backend...", "Plan: 1 to add"));
        player.exit(progress);
        RecordingProgress controller = new RecordingProgress();
        RecordingReporter beforeRestart = new RecordingReporter();
        new EcsRunAwaitTask(launched, controller).run(clients, beforeRestart, workspace);
        assertTrue(beforeRestart.text(), beforeRestart.contains("Plan: 1 to add"));
        assertTrue(controller.told.toString(), controller.told.stream().allMatch(p -> p.keySet()
                .equals(Set.of(TaskHandles.NEXT_TOKEN))));

        WaitHandle resumed = saved(controller.applyTo(launched, Set.of(TaskHandles.NEXT_TOKEN)));
        RecordingReporter afterRestart = new RecordingReporter();
        EcsRunResult result = new EcsRunAwaitTask(resumed, null).run(clients, afterRestart, workspace);

        assertEquals(0, result.exitCode());
        assertFalse(afterRestart.text(), afterRestart.contains("Plan: 1 to add"));
        assertFalse(afterRestart.text(), afterRestart.contains("Initializing the backend"));

        RecordingReporter fromLaunch = new RecordingReporter();
        new EcsRunAwaitTask(launched, null).run(clients, fromLaunch, workspace);
        assertTrue("without the progress the output comes again", fromLaunch.contains("Plan: 1 to add"));
    }

    @Test
    public void launch_maxWaitBeyondTheConfiguration_isCappedWithAWarning() throws Exception {
        WaitHandle handle = launch("plan", List.of("dev"), Duration.ofHours(2)).run(clients, reporter, workspace);
        assertTrue(reporter.text(), reporter.contains("max wait time 2h is more than the runner allows; waiting 30m"));
        assertTrue(handle.remainingMillis(Instant.now()) <= Duration.ofMinutes(30).toMillis());
    }

    @Test
    public void launch_scriptNotInTheConfiguration_isRefusedAndStartsNothing() {
        assertThrows(RejectedException.class, () -> launch("destroy-everything", List.of(), Duration.ofMinutes(5))
                .run(clients, reporter, workspace));
        assertTrue(clients.ecs().listTasks(r -> r.cluster(RunnerFixtures.CLUSTER)).taskArns().isEmpty());
    }

    @Test
    public void launch_missingConfigurationFile_failsNamingIt() {
        EcsRunLaunchTask launch = new EcsRunLaunchTask("terraform-planner", "plan", List.of("dev"), null, null, "b",
                null, "runner/missing.yaml", Duration.ofMinutes(5));
        BakehouseException e = assertThrows(BakehouseException.class, () -> launch.run(clients, reporter, workspace));
        assertTrue(e.getMessage(), e.getMessage().contains("missing.yaml"));
    }

    @Test
    public void cancel_fromTheSavedHandle_stopsTheTask() throws Exception {
        WaitHandle handle = saved(launch("plan", List.of("dev"), Duration.ofMinutes(5)).run(clients, reporter, workspace));

        new EcsRunCancelTask(handle).run(clients, reporter, workspace);

        TaskProgress progress = TaskHandles.progress(handle);
        assertEquals(EcsRunCancelTask.REASON, clients.ecs().describeTasks(r -> r.cluster(progress.cluster())
                .tasks(progress.taskArn())).tasks().get(0).stoppedReason());
    }

    @Test
    public void await_deadlinePassed_stopsTheTaskAndFails() throws Exception {
        WaitHandle launched = launch("plan", List.of("dev"), Duration.ofMinutes(5)).run(clients, reporter, workspace);
        WaitHandle late = new WaitHandle(launched.kind(), launched.ids(), Instant.now().minusSeconds(1));

        assertThrows(BakehouseException.class, () -> new EcsRunAwaitTask(late, null).run(clients, reporter, workspace));

        TaskProgress progress = TaskHandles.progress(late);
        assertFalse(clients.ecs().describeTasks(r -> r.cluster(progress.cluster()).tasks(progress.taskArn()))
                .tasks().get(0).stoppedReason() == null);
    }
}
