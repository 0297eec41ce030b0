package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.InvalidInputException;
import org.junit.Test;

public class EcsRunExitTest {

    private static EcsRunResult exited(int code) {
        return new EcsRunResult(code, "arn:aws:ecs:us-east-1:1:task/c/abc", "/runner", "runner/x/abc",
                "EssentialContainerExited", "Essential container in task exited", null);
    }

    @Test
    public void containerExit_passesThrough_includingThePlannersTwo() {
        assertEquals(0, EcsRunExit.of(exited(0), false));
        assertEquals(1, EcsRunExit.of(exited(1), false));
        assertEquals(2, EcsRunExit.of(exited(2), false));
        assertEquals(137, EcsRunExit.of(exited(137), false));
        assertEquals(255, EcsRunExit.of(exited(255), false));
    }

    @Test
    public void containerExit_outsideWhatAProcessCanExitWith_is1NotAWrappedZero() {
        assertEquals(1, EcsRunExit.of(exited(256), false));
        assertEquals(1, EcsRunExit.of(exited(-1073741510), false));
    }

    @Test
    public void containerExit_withReturnStatus_isZeroWhateverTheCode() {
        assertEquals(0, EcsRunExit.of(exited(2), true));
        assertEquals(0, EcsRunExit.of(exited(126), true));
    }

    @Test
    public void refused_usageErrorsAndGatekeeperRefusals_125() {
        assertEquals(125, EcsRunExit.REFUSED);
        assertEquals(125, EcsRunExit.of(new InvalidInputException("maxWaitTime", "not a duration", "e.g. 2h"), false));
        assertEquals(125, EcsRunExit.of(new RejectedException(new Rejection(Rejection.Reason.UNKNOWN_SCRIPT, "packer",
                "x", null, null, "no script 'x'")), false));
    }

    @Test
    public void unexpectedError_125() {
        assertEquals(125, EcsRunExit.of(new IllegalStateException("bug"), true));
    }

    @Test
    public void notRun_startFailedOrTheContainerNeverRan_126() {
        assertEquals(126, EcsRunExit.NOT_RUN);
        assertEquals(126, EcsRunExit.of(BakehouseException.failure("RunTask: AccessDenied", null), false));
        assertEquals(126, EcsRunExit.of(new TaskWatcher.NeverRan("CannotPullContainerError"), true));
    }

    @Test
    public void unfinished_waitRanOutOrFollowingFailedAfterTheStart_127() {
        assertEquals(127, EcsRunExit.UNFINISHED);
        assertEquals(127, EcsRunExit.of(new TaskStoppedException("did not finish within 1s", false), true));
        assertEquals(127, EcsRunExit.of(BakehouseException.failure("reading log stream: 500", null), true));
    }

    @Test
    public void interrupted_130() {
        assertEquals(130, EcsRunExit.INTERRUPTED);
        assertEquals(130, EcsRunExit.of(new TaskStoppedException("stopped because interrupted", true), true));
        assertEquals(130, EcsRunExit.of(new CancelledException("cancelled", null), false));
    }

    @Test
    public void containerFailed_oneLineNamingTheCodeAndTheTask() {
        BakehouseException e = EcsRunExit.containerFailed(exited(2));
        assertEquals("task arn:aws:ecs:us-east-1:1:task/c/abc exited with code 2 (Essential container in task exited)",
                e.getMessage());
        assertTrue(e.hint(), e.hint().contains("returnStatus"));
    }
}
