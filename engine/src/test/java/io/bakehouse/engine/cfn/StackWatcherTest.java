package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.FakeCloudFormation.step;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.testkit.RecordingReporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

public class StackWatcherTest {

    private final RecordingReporter reporter = new RecordingReporter();

    private static CloudFormationException error(int status, String code) {
        return (CloudFormationException) CloudFormationException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    public void resume_fakeCloudFormation_fromLastSeenEventStreamsOnlyNewerEventsAndCheckpoints() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_IN_PROGRESS");
        StackEvent old = fake.event("Fleet", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_IN_PROGRESS", null);
        fake.now(step("UPDATE_IN_PROGRESS", old));
        fake.describeStack("app"); // what happened before the restart
        String resumePoint = fake.newestEventId("app");
        fake.now(step("UPDATE_IN_PROGRESS", fake.event("Fleet", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_COMPLETE", null)),
                step("UPDATE_COMPLETE", fake.event("app", "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", null)));
        List<WatchState> checkpoints = new ArrayList<>();

        WatchOutcome out = new StackWatcher(fake, reporter, StackDeployerTest.FAST, checkpoints::add)
                .resume(new WatchState("app", FakeCloudFormation.STACK_ID, "cs-1", resumePoint), Duration.ofSeconds(5),
                        new CancelToken());

        assertTrue(out.succeeded());
        assertEquals(2, out.events().size());
        assertEquals("UPDATE_COMPLETE", out.events().get(0).status());
        assertFalse(reporter.text(), reporter.lines().stream().anyMatch(l -> l.contains("UPDATE_IN_PROGRESS")));
        assertEquals(out.events().get(1).eventId(), checkpoints.get(checkpoints.size() - 1).lastEventId());
        assertEquals(out.state(), checkpoints.get(checkpoints.size() - 1));
    }

    @Test
    public void resume_fakeCloudFormation_throttlingAndServerErrorsAreRiddenOut() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");
        int[] failures = {6};
        CloudFormationApi flaky = new DelegatingApi(fake) {
            @Override
            public Optional<StackState> describeStack(String stack) {
                if (failures[0]-- > 0) {
                    throw failures[0] % 2 == 0 ? error(400, "Throttling") : error(503, "ServiceUnavailable");
                }
                return super.describeStack(stack);
            }
        };

        WatchOutcome out = new StackWatcher(flaky, reporter, StackDeployerTest.FAST, null)
                .resume(new WatchState("app", null, null, null), Duration.ofSeconds(5), new CancelToken());

        assertEquals("UPDATE_COMPLETE", out.status());
        assertTrue(reporter.text(), reporter.lines().stream().anyMatch(l -> l.contains("throttled a poll")));
    }

    @Test
    public void resume_fakeCloudFormation_persistentThrottlingIsReported() {
        CloudFormationApi throttled = new DelegatingApi(new FakeCloudFormation("UPDATE_IN_PROGRESS")) {
            @Override
            public Optional<StackState> describeStack(String stack) {
                throw error(400, "Throttling");
            }
        };

        BakehouseException e = assertThrows(BakehouseException.class, () -> new StackWatcher(throttled, reporter,
                StackDeployerTest.FAST, null).resume(new WatchState("app", null, null, null), Duration.ofSeconds(5),
                new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().contains("throttling"));
    }

    @Test
    public void resume_fakeCloudFormation_refusedPollIsNotRetried() {
        int[] calls = {0};
        CloudFormationApi denied = new DelegatingApi(new FakeCloudFormation("UPDATE_IN_PROGRESS")) {
            @Override
            public Optional<StackState> describeStack(String stack) {
                calls[0]++;
                throw error(403, "AccessDenied");
            }
        };

        BakehouseException e = assertThrows(BakehouseException.class, () -> new StackWatcher(denied, reporter,
                StackDeployerTest.FAST, null).resume(new WatchState("app", null, null, null), Duration.ofSeconds(5),
                new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Access denied watching stack app"));
        assertEquals(1, calls[0]);
    }

    @Test
    public void resume_fakeCloudFormation_cancelledTokenStopsTheWatchWithTheCurrentState() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_IN_PROGRESS");
        CancelToken cancel = new CancelToken();
        cancel.cancel("test");

        WatchOutcome out = new StackWatcher(fake, reporter, StackDeployerTest.FAST, null)
                .resume(new WatchState("app", null, "cs", null), Duration.ofSeconds(5), cancel);

        assertTrue(out.cancelled());
        assertEquals("UPDATE_IN_PROGRESS", out.status());
    }

    @Test
    public void resume_fakeCloudFormation_reviewInProgressDuringExecutionIsNotTheEnd() {
        FakeCloudFormation fake = new FakeCloudFormation("REVIEW_IN_PROGRESS");
        fake.now(step("REVIEW_IN_PROGRESS"), step("CREATE_IN_PROGRESS"), step("CREATE_COMPLETE"));

        WatchOutcome out = new StackWatcher(fake, reporter, StackDeployerTest.FAST, null)
                .resume(new WatchState("app", null, "cs", null), Duration.ofSeconds(5), new CancelToken());

        assertEquals("CREATE_COMPLETE", out.status());
    }

    @Test
    public void resume_fakeCloudFormation_deletedStackEndsAsDeleteComplete() {
        FakeCloudFormation fake = new FakeCloudFormation("DELETE_IN_PROGRESS");
        fake.now(step("DELETE_COMPLETE"));

        WatchOutcome out = new StackWatcher(fake, reporter, StackDeployerTest.FAST, null)
                .resume(new WatchState("app", null, null, null), Duration.ofSeconds(5), new CancelToken());

        assertEquals("DELETE_COMPLETE", out.status());
    }

    /** Passes every call to a fake; tests override the calls they break. */
    private static class DelegatingApi implements CloudFormationApi {
        private final CloudFormationApi d;

        DelegatingApi(CloudFormationApi d) {
            this.d = d;
        }

        @Override public TemplateSummary summarise(TemplateRef t) { return d.summarise(t); }
        @Override public Optional<StackState> describeStack(String s) { return d.describeStack(s); }
        @Override public String createChangeSet(ChangeSetSpec s) { return d.createChangeSet(s); }
        @Override public ChangeSetView describeChangeSet(String s, String c) { return d.describeChangeSet(s, c); }
        @Override public void executeChangeSet(String s, String c, boolean r) { d.executeChangeSet(s, c, r); }
        @Override public void deleteChangeSet(String s, String c) { d.deleteChangeSet(s, c); }
        @Override public void deleteStack(String s) { d.deleteStack(s); }
        @Override public void cancelUpdate(String s) { d.cancelUpdate(s); }
        @Override public void setStackPolicy(String s, String p) { d.setStackPolicy(s, p); }
        @Override public void enableTerminationProtection(String s) { d.enableTerminationProtection(s); }
        @Override public List<StackEvent> eventsAfter(String s, String a, int l) { return d.eventsAfter(s, a, l); }
        @Override public String newestEventId(String s) { return d.newestEventId(s); }
    }
}
