package io.bakehouse.engine.concurrent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class BesideTest {

    @Test
    public void start_runsOnADaemonThreadOfItsOwnWhileTheCallerGoesOn() throws Exception {
        CountDownLatch callerWentOn = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        CompletableFuture<Thread> work = Beside.start("beside-test", () -> {
            try {
                assertTrue("the caller went on meanwhile", callerWentOn.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Thread.currentThread();
        });
        callerWentOn.countDown();
        Thread ran = Beside.join(work);
        assertNotEquals(caller, ran);
        assertTrue(ran.isDaemon());
        assertEquals("beside-test", ran.getName());
    }

    @Test
    public void join_rethrowsTheWorksOwnUncheckedException() {
        IllegalArgumentException thrown = new IllegalArgumentException("the read failed");
        CompletableFuture<String> work = Beside.start("beside-test", () -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> Beside.join(work)));
    }

    @Test
    public void join_rethrowsAnError() {
        AssertionError thrown = new AssertionError("broken");
        CompletableFuture<String> work = Beside.start("beside-test", () -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(AssertionError.class, () -> Beside.join(work)));
    }
}
