package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.FakeCloudFormation.step;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.DetachedException;
import io.bakehouse.testkit.RecordingReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * Finishing and stopping a deployment from persisted state ({@link StackDeployer#resume},
 * {@link StackDeployer#cancel}) in the states a long-running stack passes through, which the
 * emulator cannot hold still for: a fake CloudFormation behind the same interface.
 */
public class StackResumeTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final RecordingReporter reporter = new RecordingReporter();
    private final List<WatchState> checkpoints = new ArrayList<>();

    private StackDeployer deployer(FakeCloudFormation fake) {
        return StackDeployerTest.fakeDeployer(fake, reporter).withCheckpoint(checkpoints::add);
    }

    private static StackLaunch executing(String baseline, boolean create, Set<String> secrets) {
        return StackLaunch.executing(new WatchState("app", FakeCloudFormation.STACK_ID, "cs-1", baseline), create, secrets);
    }

    private static CfnDeployRequest finishing() {
        return CfnDeployRequest.builder("app").executeChangeSet("cs-1").build();
    }

    private static FakeCloudFormation longUpdate() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_IN_PROGRESS");
        FakeCloudFormation.Step[] running = new FakeCloudFormation.Step[200];
        for (int i = 0; i < running.length; i++) {
            running[i] = step("UPDATE_IN_PROGRESS");
        }
        return fake.now(running);
    }

    @Test
    public void resume_afterARestart_printsOnlyEventsNotShownYetButReportsThemAll() throws IOException {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");
        String baseline = fake.newestEventId("app");
        fake.now(step("UPDATE_IN_PROGRESS",
                fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated"),
                fake.event("Fleet", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_IN_PROGRESS", null)));
        fake.describeStack("app"); // what the wait before the restart printed
        String shown = fake.newestEventId("app");
        fake.now(step("UPDATE_IN_PROGRESS",
                        fake.event("Fleet", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_COMPLETE", null)),
                step("UPDATE_COMPLETE", fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", null)));
        fake.changeSetParameters = Map.of("AmiId", "ami-0123456789abcdef0", "DbPassword", "hunter2-not-masked-by-aws");
        Path page = tmp.getRoot().toPath().resolve("report.html");

        CfnDeployResult result = deployer(fake).resume(CfnDeployRequest.builder("app").executeChangeSet("cs-1").report(page.toString()).build(),
                executing(baseline, false, Set.of("DbPassword")), shown, Duration.ofSeconds(5), new CancelToken());

        assertEquals("UPDATE_COMPLETE", result.status());
        assertEquals("every event of the operation", 4, result.events().size());
        assertFalse(reporter.text(), reporter.lines().stream().anyMatch(l -> l.contains("UPDATE_IN_PROGRESS")));
        assertTrue(reporter.text(), reporter.lines().stream()
                .anyMatch(l -> l.contains("Fleet") && l.contains("UPDATE_COMPLETE")));
        assertEquals(result.events().get(3).eventId(), checkpoints.get(checkpoints.size() - 1).lastEventId());
        String html = Files.readString(page);
        // The bars start at the events held back from the log: the fleet took 1 s, the whole update 3 s.
        assertTrue(html, html.contains("Fleet UPDATE_COMPLETE after 1 s"));
        assertTrue(html, html.contains("app UPDATE_COMPLETE after 3 s"));
        assertTrue(html, html.contains("ami-0123456789abcdef0"));
        assertTrue(html, html.contains("DbPassword"));
        assertFalse("a NoEcho value reached the report", html.contains("hunter2"));
    }

    @Test
    public void resume_shownEventNotAmongTheEvents_holdsNothingBack() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");
        String baseline = fake.newestEventId("app");
        fake.now(step("UPDATE_COMPLETE", fake.event("Fleet", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_COMPLETE", null)));

        deployer(fake).resume(finishing(), executing(baseline, false, null), "e-from-another-stack",
                Duration.ofSeconds(5), new CancelToken());

        assertTrue(reporter.text(), reporter.lines().stream().anyMatch(l -> l.contains("Fleet")));
    }

    @Test
    public void resume_failedUpdate_explainsItWithEventsShownBeforeTheRestart() throws IOException {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");
        String baseline = fake.newestEventId("app");
        fake.now(step("UPDATE_ROLLBACK_IN_PROGRESS",
                fake.event("Fleet", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_FAILED", "Received 0 SUCCESS signals"),
                fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS", "resources failed")));
        fake.describeStack("app");
        String shown = fake.newestEventId("app");
        fake.now(step("UPDATE_ROLLBACK_COMPLETE",
                fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", null)));
        Path page = tmp.getRoot().toPath().resolve("failed.html");

        StackFailedException e = assertThrows(StackFailedException.class, () -> deployer(fake).resume(
                CfnDeployRequest.builder("app").executeChangeSet("cs-1").report(page.toString()).build(), executing(baseline, false, null), shown,
                Duration.ofSeconds(5), new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().contains("Received 0 SUCCESS signals"));
        assertEquals("UPDATE_ROLLBACK_COMPLETE", e.status());
        String html = Files.readString(page);
        assertTrue(html, html.contains("UPDATE_ROLLBACK_COMPLETE"));
        assertTrue(html, html.contains("Received 0 SUCCESS signals"));
    }

    @Test
    public void resume_abortedDuringALongUpdate_cancelsItAndWaitsForTheRollback() {
        FakeCloudFormation fake = longUpdate();
        fake.script("cancel", step("UPDATE_ROLLBACK_IN_PROGRESS",
                        fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS", "User cancelled")),
                step("UPDATE_ROLLBACK_COMPLETE"));
        CancelToken cancel = new CancelToken();
        fake.onDescribe = n -> {
            if (n == 5) {
                cancel.cancel("build aborted");
            }
        };

        CancelledException e = assertThrows(CancelledException.class, () -> deployer(fake).resume(finishing(),
                executing(null, false, null), null, Duration.ofSeconds(5), cancel));

        assertEquals(List.of("cancelUpdate"), fake.calls);
        assertTrue(e.getMessage(), e.getMessage().contains("the stack is now UPDATE_ROLLBACK_COMPLETE"));
    }

    @Test
    public void resume_explicitOnlyToken_interruptStopsWaitingAndLeavesTheUpdateAlone() {
        FakeCloudFormation fake = longUpdate();
        fake.onDescribe = n -> {
            if (n == 5) {
                Thread.currentThread().interrupt(); // the agent's channel closing as its controller restarts
            }
        };
        try {
            DetachedException e = assertThrows(DetachedException.class, () -> deployer(fake).resume(finishing(),
                    executing(null, false, null), null, Duration.ofSeconds(5), CancelToken.explicitOnly()));

            assertEquals("Stopped waiting for stack app (the thread was interrupted); it goes on in AWS", e.getMessage());
            assertEquals("nothing cancelled, nothing deleted", List.of(), fake.calls);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    public void resume_deadlinePassesDuringALongUpdate_failsSayingTheOperationGoesOn() {
        BakehouseException e = assertThrows(BakehouseException.class, () -> deployer(longUpdate()).resume(finishing(),
                executing(null, false, null), null, Duration.ofMillis(100), new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().contains("Timed out waiting for stack app"));
    }

    // ---- stop (abort in a face whose waiting thread is elsewhere)

    @Test
    public void cancel_updateInProgress_cancelsTheUpdate() {
        FakeCloudFormation fake = longUpdate();

        String done = deployer(fake).cancel(executing(null, false, null).watch(), false);

        assertEquals(List.of("cancelUpdate"), fake.calls);
        assertEquals("Cancelled the update of app; CloudFormation rolls it back", done);
    }

    @Test
    public void cancel_stackBeingCreated_deletesIt() {
        FakeCloudFormation fake = new FakeCloudFormation("CREATE_IN_PROGRESS");

        String done = deployer(fake).cancel(executing(null, true, null).watch(), true);

        assertEquals(List.of("deleteStack"), fake.calls);
        assertEquals("Deleting the new stack app (it was CREATE_IN_PROGRESS)", done);
    }

    @Test
    public void cancel_rollbackInProgress_isLeftToFinish() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_ROLLBACK_IN_PROGRESS");

        String done = deployer(fake).cancel(executing(null, false, null).watch(), false);

        assertEquals(List.of(), fake.calls);
        assertTrue(done, done.contains("UPDATE_ROLLBACK_IN_PROGRESS, which cannot be cancelled"));
    }

    @Test
    public void cancel_updateFinishingAsCancelArrives_saysItSettlesOnItsOwn() {
        FakeCloudFormation fake = longUpdate();
        fake.cancelFailure = CloudFormationException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("ValidationError").errorMessage("CancelUpdateStack cannot be called from current stack status")
                .build()).build();

        String done = deployer(fake).cancel(executing(null, false, null).watch(), false);

        assertTrue(done, done.contains("could not be stopped (CancelUpdateStack cannot be called from current stack status)"));
    }

    @Test
    public void cancel_refusedForAnotherReason_failsWithAwsWords() {
        FakeCloudFormation fake = longUpdate();
        fake.cancelFailure = CloudFormationException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("AccessDenied").errorMessage("not allowed to cancel").build()).build();

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> deployer(fake).cancel(executing(null, false, null).watch(), false));

        assertTrue(e.getMessage(), e.getMessage().contains("stopping the deployment of app"));
    }
}
