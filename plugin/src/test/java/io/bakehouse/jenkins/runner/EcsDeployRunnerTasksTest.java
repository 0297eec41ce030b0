package io.bakehouse.jenkins.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.runner.EcsRunResult;
import io.bakehouse.engine.runner.RejectedException;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.jenkins.AwsOptions;
import io.bakehouse.jenkins.PipelineValues;
import io.bakehouse.jenkins.RecordingProgress;
import io.bakehouse.jenkins.Serialization;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
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
    public final FaultProxy proxy = new FaultProxy(MOTO);

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
        assertEquals(new EcsRunAwaitTask(handle, null, false), Serialization.roundTrip(new EcsRunAwaitTask(handle, null, false)));
        assertEquals(new EcsRunCancelTask(handle), Serialization.roundTrip(new EcsRunCancelTask(handle)));
        assertEquals(handle, Serialization.roundTrip(new EcsRunAwaitTask(handle, new RecordingProgress(), false)).handle());
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
        EcsRunResult result = new EcsRunAwaitTask(handle, null, false).run(clients, reporter, workspace);

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
        new EcsRunAwaitTask(launched, controller, false).run(clients, beforeRestart, workspace);
        assertTrue(beforeRestart.text(), beforeRestart.contains("Plan: 1 to add"));
        assertTrue(controller.told.toString(), controller.told.stream().allMatch(p -> p.keySet()
                .equals(Set.of(TaskHandles.NEXT_TOKEN))));

        WaitHandle resumed = saved(controller.applyTo(launched, Set.of(TaskHandles.NEXT_TOKEN)));
        RecordingReporter afterRestart = new RecordingReporter();
        EcsRunResult result = new EcsRunAwaitTask(resumed, null, false).run(clients, afterRestart, workspace);

        assertEquals(0, result.exitCode());
        assertFalse(afterRestart.text(), afterRestart.contains("Plan: 1 to add"));
        assertFalse(afterRestart.text(), afterRestart.contains("Initializing the backend"));

        RecordingReporter fromLaunch = new RecordingReporter();
        new EcsRunAwaitTask(launched, null, false).run(clients, fromLaunch, workspace);
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

        assertThrows(BakehouseException.class, () -> new EcsRunAwaitTask(late, null, false).run(clients, reporter, workspace));

        TaskProgress progress = TaskHandles.progress(late);
        assertFalse(clients.ecs().describeTasks(r -> r.cluster(progress.cluster()).tasks(progress.taskArn()))
                .tasks().get(0).stoppedReason() == null);
    }

    /**
     * Launches a plan and plays its container exiting with {@code exitCode}; moto always reports
     * 0, so the returned clients reach moto through {@link #proxy}, which answers DescribeTasks
     * with the stopped task.
     */
    private WaitHandle planExiting(int exitCode) throws Exception {
        WaitHandle handle = launch("plan", List.of("dev"), Duration.ofMinutes(5)).run(clients, reporter, workspace);
        TaskProgress progress = TaskHandles.progress(handle);
        player.write(progress, List.of("Plan: 1 to add, 0 to change, 0 to destroy."));
        player.exit(progress);
        proxy.always("DescribeTasks", Fault.respond(200, "application/x-amz-json-1.1",
                TaskPlayer.stoppedTaskJson(progress, "EssentialContainerExited", "Essential container in task exited",
                        exitCode)));
        return handle;
    }

    private AwsClients viaProxy() {
        return MOTO.track(AwsClients.create(MotoServer.settingsFor(proxy.endpoint()), new AwsEnvironment(Map.of())));
    }

    @Test
    public void await_containerExits2_failsWithOneLineNamingTheCodeAndTheTask() throws Exception {
        WaitHandle handle = planExiting(2);

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> new EcsRunAwaitTask(handle, null, false).run(viaProxy(), reporter, workspace));

        String taskArn = TaskHandles.progress(handle).taskArn();
        assertEquals("task " + taskArn + " exited with code 2 (Essential container in task exited)", e.getMessage());
        assertTrue(e.hint(), e.hint().contains("returnStatus: true"));
    }

    @Test
    public void await_returnStatus_containerExits2_returnsTheResultWithItsCode() throws Exception {
        WaitHandle handle = planExiting(2);

        EcsRunResult result = new EcsRunAwaitTask(handle, null, true).run(viaProxy(), reporter, workspace);

        assertEquals(2, result.exitCode());
        assertEquals(TaskHandles.progress(handle).taskArn(), result.taskArn());
        assertEquals(2, PipelineValues.of(result.toJsonMap()).get("exitCode"));
        assertTrue(reporter.text(), reporter.contains("Plan: 1 to add"));
    }

    @Test
    public void await_returnStatus_stillFailsWhenTheRunItselfFails() throws Exception {
        WaitHandle launched = launch("plan", List.of("dev"), Duration.ofMinutes(5)).run(clients, reporter, workspace);
        WaitHandle late = new WaitHandle(launched.kind(), launched.ids(), Instant.now().minusSeconds(1));

        assertThrows(BakehouseException.class, () -> new EcsRunAwaitTask(late, null, true).run(clients, reporter, workspace));
    }

    @Test
    public void execution_handsReturnStatusToTheAwaitTask() {
        WaitHandle handle = new WaitHandle("task", Map.of("cluster", "c", "taskArn", "arn:aws:ecs:us-east-1:1:task/c/1",
                "containerName", "terraform", "logGroup", "/g", "logStream", "runner/terraform/1"), Instant.now());
        assertEquals(new EcsRunAwaitTask(handle, null, true),
                new EcsRunExecution(null, AwsOptions.NONE, null, true).awaitTask(handle, null));
        assertEquals(new EcsRunAwaitTask(handle, null, false),
                new EcsRunExecution(null, AwsOptions.NONE, null, false).awaitTask(handle, null));
        assertEquals(new EcsRunAwaitTask(handle, null, true),
                Serialization.roundTrip(new EcsRunAwaitTask(handle, null, true)));
    }
}
