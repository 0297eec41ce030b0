package io.bakehouse.engine.concurrent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.DetachedException;
import java.time.Duration;
import org.junit.Test;

public class CancelTokenTest {

    @Test
    public void sleep_cancelledFromAnotherThread_wakesUpAndReportsIt() throws Exception {
        CancelToken token = new CancelToken();
        Thread canceller = new Thread(() -> token.cancel("stop() was called"));
        canceller.start();

        boolean cancelled = token.sleep(Duration.ofMinutes(5), "stack app");

        canceller.join();
        assertTrue(cancelled);
        assertEquals("stop() was called", token.reason());
    }

    @Test
    public void isCancelled_interruptedThread_countsAsCancelled() {
        CancelToken token = new CancelToken();
        Thread.currentThread().interrupt();

        assertTrue(token.isCancelled());
        assertTrue(Thread.interrupted()); // clears the flag for the next test
    }

    @Test
    public void none_cannotBeCancelled() {
        CancelToken.NONE.cancel();

        assertFalse(CancelToken.NONE.isCancelled());
        assertFalse(CancelToken.NONE.sleep(Duration.ofMillis(1), "stack app"));
    }

    @Test
    public void explicitOnly_interruptIsNoCancel_butEndsTheSleepSayingTheWorkGoesOn() {
        CancelToken token = CancelToken.explicitOnly();
        Thread.currentThread().interrupt();
        try {
            assertFalse(token.isCancelled());
            DetachedException e = assertThrows(DetachedException.class, () -> token.sleep(Duration.ofMinutes(5), "stack app"));
            assertEquals("Stopped waiting for stack app (the thread was interrupted); it goes on in AWS", e.getMessage());
            assertTrue("the interrupt is kept for the caller", Thread.currentThread().isInterrupted());
            assertFalse(token.isCancelled());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    public void explicitOnly_cancelStillCancels() {
        CancelToken token = CancelToken.explicitOnly();
        token.cancel("build aborted");
        assertTrue(token.isCancelled());
        assertTrue(token.sleep(Duration.ofMinutes(5), "stack app"));
        assertEquals("build aborted", token.reason());
    }

    @Test
    public void cancel_again_keepsTheFirstReason() {
        CancelToken token = new CancelToken();
        token.cancel("build aborted");
        token.cancel("the thread was interrupted");

        assertTrue(token.isCancelled());
        assertEquals("build aborted", token.reason());
    }
}
