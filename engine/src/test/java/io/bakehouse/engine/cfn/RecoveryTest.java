package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.FakeCloudFormation.step;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class RecoveryTest {

    private Recovery recovery(FakeCloudFormation fake) {
        StackWatcher watcher = new StackWatcher(fake, Reporter.SILENT, StackDeployerTest.FAST, null);
        return new Recovery(fake, Reporter.SILENT, watcher, "app", Duration.ofSeconds(5));
    }

    @Test
    public void cleanUp_fakeCloudFormation_ownReviewStackIsDeletedWithTheChangeSet() {
        FakeCloudFormation fake = new FakeCloudFormation("REVIEW_IN_PROGRESS");

        recovery(fake).cleanUp("cs", true);

        assertEquals(List.of("deleteChangeSet cs", "deleteStack"), fake.calls);
    }

    @Test
    public void cleanUp_fakeCloudFormation_someoneElsesStackIsKept() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_COMPLETE");

        recovery(fake).cleanUp("cs", false);

        assertEquals(List.of("deleteChangeSet cs"), fake.calls);
    }

    @Test
    public void stop_fakeCloudFormation_interruptedCreateDeletesTheNewStack() {
        FakeCloudFormation fake = new FakeCloudFormation("CREATE_IN_PROGRESS");
        fake.script("delete", step("DELETE_IN_PROGRESS"), step("DELETE_COMPLETE"));
        WatchOutcome out = new WatchOutcome("CREATE_IN_PROGRESS", null, null, List.of(),
                new WatchState("app", null, "cs", null), true);
        List<StackEvent> events = new ArrayList<>();

        CancelledException e = recovery(fake).stop(out, true, "Ctrl-C", events);

        assertEquals(List.of("deleteStack"), fake.calls);
        assertTrue(e.getMessage(), e.getMessage().endsWith("the new stack deleted; the stack is now DELETE_COMPLETE"));
    }

    @Test
    public void stop_fakeCloudFormation_rollbackThatNeverSettlesIsReportedAsSuch() {
        FakeCloudFormation fake = new FakeCloudFormation("UPDATE_IN_PROGRESS");
        WatchOutcome out = new WatchOutcome("UPDATE_IN_PROGRESS", null, null, List.of(),
                new WatchState("app", null, "cs", null), true);
        StackWatcher watcher = new StackWatcher(fake, Reporter.SILENT, StackDeployerTest.FAST, null);

        CancelledException e = new Recovery(fake, Reporter.SILENT, watcher, "app", Duration.ofMillis(50))
                .stop(out, false, "Ctrl-C", new ArrayList<>());

        assertEquals(List.of("cancelUpdate"), fake.calls);
        assertTrue(e.getMessage(), e.getMessage().contains("had not settled after"));
    }
}
