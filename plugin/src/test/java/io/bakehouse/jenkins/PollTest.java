package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

/**
 * {@link Poll}: the follow-up runs once, on the executor, when the condition holds or the
 * deadline passed; a cancelled poll leaves the scheduler. Checks count down latches, so no
 * assertion depends on how fast the machine is.
 */
public class PollTest {

    private static final long BOUND_SECONDS = 30;

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final BlockingQueue<Boolean> ran = new LinkedBlockingQueue<>();
    private final AtomicInteger handedOver = new AtomicInteger();
    private final Executor executor = command -> {
        handedOver.incrementAndGet();
        new Thread(command, "poll-test-follow-up").start();
    };

    {
        timer.setRemoveOnCancelPolicy(true);
    }

    @After
    public void tearDown() {
        timer.shutdownNow();
    }

    @Test
    public void until_conditionHoldsAfterSomeChecks_runsTheFollowUpOnceNotLate() throws Exception {
        AtomicBoolean ready = new AtomicBoolean();
        CountDownLatch checked = new CountDownLatch(3);
        Poll poll = Poll.until(() -> {
            checked.countDown();
            return ready.get();
        }, 5, 0, timer, executor, ran::add);
        assertTrue(checked.await(BOUND_SECONDS, TimeUnit.SECONDS));
        assertFalse(poll.isOver());
        assertTrue(ran.isEmpty());
        ready.set(true);
        assertEquals(Boolean.FALSE, ran.poll(BOUND_SECONDS, TimeUnit.SECONDS));
        assertTrue(poll.isOver());
        assertTrue("the check left the scheduler", timer.getQueue().isEmpty());
        assertEquals(1, handedOver.get());
        assertFalse("a poll that fired cannot be cancelled", poll.cancel());
    }

    @Test
    public void until_deadlinePasses_runsTheFollowUpLate() throws Exception {
        Poll.until(() -> false, 5, TimeUnit.MILLISECONDS.toNanos(1), timer, executor, ran::add);
        assertEquals(Boolean.TRUE, ran.poll(BOUND_SECONDS, TimeUnit.SECONDS));
        assertTrue(timer.getQueue().isEmpty());
        assertEquals(1, handedOver.get());
    }

    @Test
    public void cancel_beforeTheConditionHolds_theFollowUpNeverRuns() {
        Poll poll = Poll.until(() -> true, 60_000, 0, timer, executor, ran::add);
        assertTrue(poll.cancel());
        assertTrue(poll.isOver());
        assertTrue("nothing is left to check", timer.getQueue().isEmpty());
        assertEquals(0, handedOver.get());
    }

    @Test
    public void until_checkThrows_triesAgainNextPeriod() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        Poll.until(() -> {
            if (checks.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet known");
            }
            return true;
        }, 5, 0, timer, executor, ran::add);
        assertEquals(Boolean.FALSE, ran.poll(BOUND_SECONDS, TimeUnit.SECONDS));
        assertEquals(3, checks.get());
    }

    @Test
    public void until_executorRefuses_theCheckStopsWithoutThrowing() throws Exception {
        CountDownLatch refused = new CountDownLatch(1);
        Poll poll = Poll.until(() -> true, 5, 0, timer, command -> {
            refused.countDown();
            throw new java.util.concurrent.RejectedExecutionException("shutting down");
        }, ran::add);
        assertTrue(refused.await(BOUND_SECONDS, TimeUnit.SECONDS));
        assertTrue(poll.isOver());
        assertTrue(ran.isEmpty());
    }
}
