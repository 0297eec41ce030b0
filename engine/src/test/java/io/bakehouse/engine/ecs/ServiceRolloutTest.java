package io.bakehouse.engine.ecs;

import static io.bakehouse.engine.ecs.FakeEcsService.TD;
import static io.bakehouse.engine.ecs.FakeEcsService.circuitBreakerRollsBackTo;
import static io.bakehouse.engine.ecs.FakeEcsService.rollout;
import static io.bakehouse.engine.ecs.FakeEcsService.say;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.DetachedException;
import io.bakehouse.testkit.RecordingReporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * The rollout's state machine in the states a real deployment passes through and the emulator
 * cannot produce (moving rollout states, the circuit breaker's FAILED and rollback, service events,
 * stopped tasks' reasons): a scripted ECS behind the same interface the SDK one implements.
 */
public class ServiceRolloutTest {

    /** Polls every millisecond, so scripted waits take no time. */
    static final PollSchedule FAST = new PollSchedule(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4));

    private final FakeEcsService fake = new FakeEcsService();
    private final RecordingReporter reporter = new RecordingReporter();
    private final List<RolloutState> checkpoints = new ArrayList<>();

    private ServiceDeployer deployer(Duration settle) {
        return new ServiceDeployer(new ServiceDeployer.Settings(fake, reporter, FAST, settle, checkpoints::add));
    }

    private ServiceDeployer deployer() {
        return deployer(Duration.ofSeconds(5));
    }

    /** A token cancelled (for {@code why}) as soon as a progress line contains {@code text}. */
    private CancelToken cancelWhen(String text, String why) {
        CancelToken cancel = new CancelToken();
        reporter.onProgress(line -> {
            if (line.contains(text)) {
                cancel.cancel(why);
            }
        });
        return cancel;
    }

    private static EcsServiceDeployRequest.Builder request(String image) {
        return EcsServiceDeployRequest.builder("prod", "app").image(image);
    }

    private EcsServiceDeployResult deploy(EcsServiceDeployRequest request) {
        return deployer().deploy(request, new CancelToken());
    }

    private static Task stoppedTask(String id, String reason) {
        return Task.builder().taskArn("arn:aws:ecs:us-east-1:123456789012:task/prod/" + id)
                .stopCode(TaskStopCode.TASK_FAILED_TO_START).stoppedReason(reason)
                .containers(Container.builder().name("web").reason("CannotPullContainerError: pull access denied").build())
                .build();
    }

    @Test
    public void deploy_rolloutCompletes_streamsEventsAndCountsAndReturnsTheResult() {
        fake.onUpdateTo(4, List.of(say("(service app) has started 2 tasks: (task a) (task b)."),
                rollout("IN_PROGRESS", 0, 2, 0), rollout("IN_PROGRESS", 1, 1, 0), f -> { },
                say("(service app) registered 2 targets in (target-group app)"), rollout("COMPLETED", 2, 0, 0)));

        EcsServiceDeployResult result = deploy(request("registry.example.com/app:v2").build());

        assertEquals(TD + "4", result.taskDefinitionArn());
        assertEquals(TD + "3", result.previousTaskDefinitionArn());
        assertEquals("ecs-svc/101", result.deploymentId());
        assertEquals("COMPLETED", result.rolloutState());
        assertEquals(Integer.valueOf(2), result.runningCount());
        assertEquals(Map.of("web", "registry.example.com/app:v2"), result.images());
        assertFalse(result.noChanges());
        assertEquals("registry.example.com/app:v2", fake.registered.get(0).containerDefinitions().get(0).image());
        assertEquals(List.of("describeService", "describeTaskDefinition app:3", "registerTaskDefinition app:4",
                "updateService app:4"), fake.calls.subList(0, 4));
        String out = reporter.text();
        assertFalse("events from before the update are not printed: " + out, out.contains("steady state"));
        assertTrue(out, out.indexOf("has started 2 tasks") < out.indexOf("1 of 2 running, 1 pending")
                && out.indexOf("1 of 2 running, 1 pending") < out.indexOf("registered 2 targets"));
        assertTrue(out, out.contains("Deployment ecs-svc/101 (app:4) IN_PROGRESS: 0 of 2 running, 2 pending"));
        assertTrue(out, out.contains("Deployment ecs-svc/101 (app:4) COMPLETED: 2 of 2 running, 0 pending"));
        assertEquals("each state is printed once", 1, out.split("1 of 2 running", -1).length - 1);
        assertEquals("the first checkpoint is the launch", "ev-1", checkpoints.get(0).lastEventId());
        assertEquals("ecs-svc/101", checkpoints.get(0).deploymentId());
        assertEquals("ev-3", checkpoints.get(checkpoints.size() - 1).lastEventId());
    }

    @Test
    public void deploy_imageAlreadyRunning_isNoChangesAndChangesNothing() {
        EcsServiceDeployResult result = deploy(request("app:v1").build());

        assertTrue(result.noChanges());
        assertEquals(TD + "3", result.taskDefinitionArn());
        assertEquals(TD + "3", result.previousTaskDefinitionArn());
        assertEquals("ecs-svc/100", result.deploymentId());
        assertEquals("COMPLETED", result.rolloutState());
        assertEquals(List.of("describeService", "describeTaskDefinition app:3"), fake.calls);
        assertTrue(reporter.text(), reporter.contains("No changes: app:3 already runs app:v1"));
    }

    @Test
    public void deploy_forceNewDeploymentOfTheSameImage_redeploysTheRunningRevision() {
        fake.onUpdateTo(3, List.of(rollout("COMPLETED", 2, 0, 0)));

        EcsServiceDeployResult result = deploy(request("app:v1").forceNewDeployment(true).build());

        assertFalse(result.noChanges());
        assertEquals(TD + "3", result.taskDefinitionArn());
        assertEquals(TD + "3", result.previousTaskDefinitionArn());
        assertEquals("ecs-svc/101", result.deploymentId());
        assertTrue(fake.calls.toString(), fake.calls.contains("updateService app:3 force"));
        assertTrue(fake.registered.isEmpty());
    }

    @Test
    public void failedRollout_circuitBreakerRollsBack_explainsTheRootCauseAndWaitsForTheRollback() {
        fake.stopped.add(stoppedTask("t1", "Task failed to start"));
        fake.stopped.add(stoppedTask("t2", "Task failed to start"));
        fake.onUpdateTo(4, List.of(rollout("IN_PROGRESS", 0, 2, 1), rollout("IN_PROGRESS", 0, 2, 2),
                circuitBreakerRollsBackTo(3), rollout("IN_PROGRESS", 1, 1, 0), rollout("COMPLETED", 2, 0, 0)));

        RolloutFailedException e = assertThrows(RolloutFailedException.class,
                () -> deploy(request("app:v2").build()));

        assertEquals("Deployment ecs-svc/101 of service app FAILED: ECS deployment circuit breaker: tasks failed to"
                + " start. Root cause: 2 tasks (t1, t2) stopped (TaskFailedToStart): Task failed to start; container"
                + " web: CannotPullContainerError: pull access denied. ECS rolled back to app:3 (deployment"
                + " ecs-svc/102), which completed", e.getMessage());
        assertEquals(TD + "3", e.rolledBackTo());
        assertEquals("ecs-svc/101", e.deploymentId());
        assertFalse("ECS rolled back, so we do not: " + fake.calls, fake.calls.contains("updateService app:3"));
        assertTrue(fake.calls.contains("stoppedTasks ecs-svc/101"));
        String out = reporter.text();
        assertTrue(out, out.contains("rolling back to deployment ecs-svc/102"));
        assertTrue(out, out.contains("Deployment ecs-svc/102 (app:3) COMPLETED: 2 of 2 running"));
        assertTrue(out, out.contains("warn: Deployment ecs-svc/101 FAILED: ECS deployment circuit breaker"));
    }

    @Test
    public void failedRollout_checkpointsDuringTheRollbackStayOnTheFailedDeployment() {
        fake.onUpdateTo(4, List.of(rollout("IN_PROGRESS", 0, 2, 2), circuitBreakerRollsBackTo(3),
                say("(service app) has started 2 tasks: (task c) (task d)."), rollout("COMPLETED", 2, 0, 0)));

        assertThrows(RolloutFailedException.class, () -> deploy(request("app:v2").build()));

        assertTrue(checkpoints.stream().allMatch(c -> c.deploymentId().equals("ecs-svc/101")));
        RolloutState last = checkpoints.get(checkpoints.size() - 1);
        assertEquals("the events of the rollback were seen", "ev-4", last.lastEventId());
        assertEquals(TD + "4", last.taskDefinitionArn());
    }

    @Test
    public void deployment_missingFromAReadJustAfterTheUpdate_isWaitedFor() {
        List<FakeEcsService.Dep> hidden = new ArrayList<>();
        fake.onUpdateTo(4, List.of(f -> hidden.add(f.deployments.remove(f.deployments.size() - 1)),
                f -> f.deployments.add(hidden.get(0)), rollout("COMPLETED", 2, 0, 0)));

        EcsServiceDeployResult result = deploy(request("app:v2").build());

        assertEquals("COMPLETED", result.rolloutState());
    }

    @Test
    public void abort_whoseRollbackIsRefused_saysSoAndHowToRollBackByHand() {
        CancelToken cancel = new CancelToken();
        reporter.onProgress(line -> {
            if (line.contains("(app:4) IN_PROGRESS")) {
                fake.updateFailure = ecsError("AccessDeniedException", 400);
                cancel.cancel("aborted");
            }
        });

        CancelledException e = assertThrows(CancelledException.class,
                () -> deployer().deploy(request("app:v2").build(), cancel));

        assertTrue(e.getMessage(), e.getMessage().contains("was interrupted: the rollback to app:3 failed (Access denied"
                + " rolling service app back to app:3"));
        assertTrue(e.getMessage(), e.getMessage().endsWith("roll it back by hand: aws ecs update-service --cluster prod"
                + " --service app --task-definition " + TD + "3"));
    }

    @Test
    public void failedRollout_withRollbackOff_isRolledBackHere() {
        fake.configuration = DeploymentConfiguration.builder().deploymentCircuitBreaker(b -> b.enable(true).rollback(false))
                .build();
        fake.onUpdateTo(4, List.of(rollout("IN_PROGRESS", 0, 2, 3), f -> {
            f.newest().rolloutState = "FAILED";
            f.newest().reason = "ECS deployment circuit breaker: tasks failed to start.";
        }));
        fake.onUpdateTo(3, List.of(rollout("IN_PROGRESS", 1, 1, 0), rollout("COMPLETED", 2, 0, 0)));

        RolloutFailedException e = assertThrows(RolloutFailedException.class,
                () -> deploy(request("app:v2").build()));

        assertTrue(e.getMessage(), e.getMessage().endsWith(
                "Rolled back to app:3 (deployment ecs-svc/102), which completed"));
        assertTrue(fake.calls.toString(), fake.calls.contains("updateService app:3"));
        assertTrue(reporter.text(), reporter.contains("does not roll this service back"));
    }

    @Test
    public void failedRollout_byAlarms_namesTheAlarmInAlarm() {
        fake.configuration = DeploymentConfiguration.builder().alarms(a -> a.enable(true).rollback(true)
                .alarmNames("app-5xx", "app-latency")).build();
        fake.alarms.add(new EcsServiceApi.AlarmState("app-5xx", "ALARM",
                "Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0)."));
        fake.alarms.add(new EcsServiceApi.AlarmState("app-latency", "OK", "fine"));
        fake.onUpdateTo(4, List.of(rollout("IN_PROGRESS", 2, 0, 0), circuitBreakerRollsBackTo(3),
                rollout("COMPLETED", 2, 0, 0)));

        RolloutFailedException e = assertThrows(RolloutFailedException.class,
                () -> deploy(request("app:v2").build()));

        assertEquals(List.of("alarm app-5xx is in ALARM: Threshold Crossed: 1 datapoint [12.0] was greater than the"
                + " threshold (5.0)."), e.rootCause());
        assertTrue(e.getMessage(), e.getMessage().contains("Root cause: alarm app-5xx is in ALARM"));
    }

    @Test
    public void abort_midRollout_rollsBackToThePreviousRevisionAndWaitsForIt() {
        CancelToken cancel = cancelWhen("(app:4) IN_PROGRESS", "aborted by the user");
        fake.onUpdateTo(4, List.of(rollout("IN_PROGRESS", 1, 1, 0)));
        fake.onUpdateTo(3, List.of(rollout("IN_PROGRESS", 1, 1, 0), rollout("COMPLETED", 2, 0, 0)));

        CancelledException e = assertThrows(CancelledException.class,
                () -> deployer().deploy(request("app:v2").build(), cancel));

        assertEquals("Deployment ecs-svc/101 of service app was interrupted: rolled back to app:3 (deployment"
                + " ecs-svc/102), which completed", e.getMessage());
        assertTrue(fake.calls.toString(), fake.calls.contains("updateService app:3"));
        assertTrue(reporter.text(), reporter.contains("warn: Interrupted (aborted by the user): rolling service app back"));
    }

    @Test
    public void abort_ofARedeploymentOfTheRunningRevision_hasNothingToRollBackTo() {
        CancelToken cancel = cancelWhen("IN_PROGRESS", "interrupted");

        CancelledException e = assertThrows(CancelledException.class,
                () -> deployer().deploy(request("app:v1").forceNewDeployment(true).build(), cancel));

        assertTrue(e.getMessage(), e.getMessage().contains("nothing was rolled back: the deployment redeploys app:3"));
        assertEquals(1, fake.calls.stream().filter(c -> c.startsWith("updateService")).count());
    }

    @Test
    public void timeout_rollsBackAndFails() {
        fake.onUpdateTo(3, List.of(rollout("COMPLETED", 2, 0, 0)));

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> deploy(request("app:v2").timeout(Duration.ofMillis(300)).build()));

        assertFalse(e instanceof CancelledException);
        assertTrue(e.getMessage(), e.getMessage().startsWith("Deployment ecs-svc/101 of service app did not complete"
                + " within 0s (IN_PROGRESS, 0 of 2 running); rolled back to app:3 (deployment ecs-svc/102), which"
                + " completed"));
        assertTrue(fake.calls.toString(), fake.calls.contains("updateService app:3"));
    }

    @Test
    public void rollback_thatDoesNotSettle_saysSoAfterTheSettleTime() {
        CancelToken cancel = cancelWhen("(app:4) IN_PROGRESS", "interrupted");

        CancelledException e = assertThrows(CancelledException.class,
                () -> deployer(Duration.ofMillis(50)).deploy(request("app:v2").build(), cancel));

        assertTrue(e.getMessage(), e.getMessage().endsWith("which was still IN_PROGRESS after 0s"));
    }

    @Test
    public void deployment_replacedBySomeoneElse_failsSayingWhatRunsNow() {
        fake.onUpdateTo(4, List.of(rollout("IN_PROGRESS", 1, 1, 0), f -> {
            f.deployments.removeIf(d -> d.taskDefinition.equals(TD + "4"));
            f.deployments.add(new FakeEcsService.Dep("ecs-svc/900", TD + "3", 2));
        }));

        BakehouseException e = assertThrows(BakehouseException.class, () -> deploy(request("app:v2").build()));

        assertTrue(e.getMessage(), e.getMessage().contains("Deployment ecs-svc/101 of service app is no longer among"
                + " the service's deployments; the service now rolls out app:3 (deployment ecs-svc/900, IN_PROGRESS)"));
    }

    @Test
    public void launchThenResume_afterARestart_printsOnlyTheEventsNotShownYet() {
        ServiceLaunch launch = deployer().launch(request("app:v2").build(), new CancelToken());
        fake.event("(service app) has started 2 tasks: (task a) (task b).");
        fake.describeService("prod", "app"); // what the wait before the restart printed
        RolloutState shown = launch.rollout().seen("ev-2");
        fake.now(List.of(say("(service app) registered 2 targets"), rollout("COMPLETED", 2, 0, 0)));

        EcsServiceDeployResult result = deployer().resume(shown, Duration.ofSeconds(5), new CancelToken());

        assertEquals("COMPLETED", result.rolloutState());
        assertFalse(launch.finished());
        assertFalse(reporter.text(), reporter.contains("has started 2 tasks"));
        assertTrue(reporter.text(), reporter.contains("registered 2 targets"));
    }

    @Test
    public void throttledPolls_areRiddenOut() {
        fake.onUpdateTo(4, List.of(rollout("COMPLETED", 2, 0, 0)));
        ServiceLaunch launch = deployer().launch(request("app:v2").build(), new CancelToken());
        for (int i = 0; i < 3; i++) {
            fake.describeFailures.add(ecsError("ThrottlingException", 400));
        }

        EcsServiceDeployResult result = deployer().resume(launch.rollout(), Duration.ofSeconds(5), new CancelToken());

        assertEquals("COMPLETED", result.rolloutState());
        assertTrue(reporter.text(), reporter.contains("detail: ECS throttled a poll (ThrottlingException)"));
    }

    @Test
    public void aPollRefusedForGood_failsTheWaitInWords() {
        ServiceLaunch launch = deployer().launch(request("app:v2").build(), new CancelToken());
        fake.describeFailures.add(ecsError("AccessDeniedException", 400));

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> deployer().resume(launch.rollout(), Duration.ofSeconds(5), new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Access denied watching service app"));
    }

    @Test
    public void anInterruptWithAnExplicitOnlyToken_detachesAndLeavesTheDeploymentAlone() {
        ServiceLaunch launch = deployer().launch(request("app:v2").build(), new CancelToken());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread watcher = new Thread(() -> {
            try {
                deployer().resume(launch.rollout(), Duration.ofSeconds(30), CancelToken.explicitOnly());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        watcher.start();
        reporter.onProgress(line -> { });
        try {
            Thread.sleep(50);
            watcher.interrupt();
            watcher.join(5_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }

        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof DetachedException);
        assertFalse(fake.calls.toString(), fake.calls.contains("updateService app:3"));
    }

    @Test
    public void rollBack_withoutWaiting_pointsTheServiceBackWhileItRollsOut() {
        ServiceLaunch launch = deployer().launch(request("app:v2").build(), new CancelToken());

        String done = deployer().rollBack(launch.rollout());

        assertEquals("Rolled service app back to app:3 (deployment ecs-svc/102)", done);
        assertEquals("updateService app:3", fake.calls.get(fake.calls.size() - 1));
    }

    @Test
    public void rollBack_ofACompletedDeployment_leavesItAlone() {
        fake.onUpdateTo(4, List.of(rollout("COMPLETED", 2, 0, 0)));
        ServiceLaunch launch = deployer().launch(request("app:v2").build(), new CancelToken());
        fake.describeService("prod", "app");

        String done = deployer().rollBack(launch.rollout());

        assertTrue(done, done.endsWith("it runs app:4 (deployment ecs-svc/101, COMPLETED); nothing was rolled back"));
        assertFalse(fake.calls.contains("updateService app:3"));
    }

    @Test
    public void updateRefused_deregistersTheRevisionItRegistered() {
        fake.updateFailure = ecsError("AccessDeniedException", 400);

        BakehouseException e = assertThrows(BakehouseException.class, () -> deploy(request("app:v2").build()));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Access denied updating service app"));
        assertEquals("deregisterTaskDefinition app:4", fake.calls.get(fake.calls.size() - 1));
        assertTrue(reporter.text(), reporter.contains("Deregistered task definition app:4 (the service never ran it)"));
    }

    @Test
    public void serviceDeletedMidRollout_failsSayingSo() {
        fake.onUpdateTo(4, List.of(f -> f.exists = false));

        BakehouseException e = assertThrows(BakehouseException.class, () -> deploy(request("app:v2").build()));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Service app is gone from cluster prod"));
    }

    @Test
    public void launch_withNoChanges_holdsTheResult() {
        ServiceLaunch launch = deployer().launch(request("app:v1").build(), new CancelToken());

        assertTrue(launch.finished());
        assertNull(launch.rollout());
        assertTrue(launch.result().noChanges());
    }

    static EcsException ecsError(String code, int status) {
        return (EcsException) EcsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " from the fake").build())
                .build();
    }
}
