package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import org.junit.Test;

public class CancelTokenTest {

    @Test
    public void sleep_cancelledFromAnotherThread_wakesUpAndReportsIt() throws Exception {
        CancelToken token = new CancelToken();
        Thread canceller = new Thread(() -> token.cancel("stop() was called"));
        canceller.start();

        boolean cancelled = token.sleep(Duration.ofMinutes(5));

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
        assertFalse(CancelToken.NONE.sleep(Duration.ofMillis(1)));
    }
}
