package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class StackStatusesTest {

    @Test
    public void inProgress_reviewInProgressIsNotARunningOperation() {
        assertTrue(StackStatuses.inProgress("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"));
        assertTrue(StackStatuses.inProgress("UPDATE_ROLLBACK_IN_PROGRESS"));
        assertFalse(StackStatuses.inProgress("REVIEW_IN_PROGRESS"));
        assertFalse(StackStatuses.inProgress("UPDATE_COMPLETE"));
    }

    @Test
    public void failedCreateAndStuck_areTold() {
        assertTrue(StackStatuses.failedCreate("ROLLBACK_COMPLETE"));
        assertFalse(StackStatuses.failedCreate("UPDATE_ROLLBACK_COMPLETE"));
        assertTrue(StackStatuses.stuck("UPDATE_ROLLBACK_FAILED"));
        assertFalse(StackStatuses.stuck("UPDATE_ROLLBACK_COMPLETE"));
    }

    @Test
    public void hintFor_rollbackFailed_pointsAtContinueUpdateRollback() {
        assertTrue(StackStatuses.hintFor("UPDATE_ROLLBACK_FAILED").contains("continue-update-rollback"));
    }
}
