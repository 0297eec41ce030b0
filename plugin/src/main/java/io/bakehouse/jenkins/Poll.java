package io.bakehouse.jenkins;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs some code once a condition holds (typically: an agent call's future is done), with no
 * thread blocked meanwhile. A short check on a scheduler (Jenkins's {@code jenkins.util.Timer})
 * tests the condition every period; once it holds, or once the deadline has passed, the code
 * is handed to an executor (Jenkins's {@code Computer.threadPoolForRemoting}) exactly once.
 * A remoting future has no completion listener, hence the check; testing it is a field read,
 * so a check every second costs nothing even through a wait of hours.
 */
final class Poll {

    private static final Logger LOGGER = Logger.getLogger(Poll.class.getName());

    /** What runs once the condition holds or the deadline passed. */
    interface Then {
        /** @param late whether the deadline passed before the condition held */
        void run(boolean late);
    }

    private final BooleanSupplier ready;
    private final long deadlineNanos;
    private final boolean bounded;
    private final Executor executor;
    private final Then then;
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile ScheduledFuture<?> check;

    private Poll(BooleanSupplier ready, long deadlineNanos, boolean bounded, Executor executor, Then then) {
        this.ready = ready;
        this.deadlineNanos = deadlineNanos;
        this.bounded = bounded;
        this.executor = executor;
        this.then = then;
    }

    /**
     * Starts checking {@code ready} every {@code periodMillis} on {@code timer}, first after one
     * period.
     *
     * @param withinNanos how long to wait for {@code ready} before running {@code then} late;
     *                    0 for no limit
     */
    static Poll until(BooleanSupplier ready, long periodMillis, long withinNanos, ScheduledExecutorService timer,
                      Executor executor, Then then) {
        Poll poll = new Poll(ready, System.nanoTime() + withinNanos, withinNanos > 0, executor, then);
        poll.check = timer.scheduleWithFixedDelay(poll::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        if (poll.fired.get()) { // it fired before the handle to its schedule was kept
            poll.check.cancel(false);
        }
        return poll;
    }

    /** Stops checking; {@code then} does not run unless it was handed over already. Returns whether it stopped it. */
    boolean cancel() {
        boolean stopped = fired.compareAndSet(false, true);
        unschedule();
        return stopped;
    }

    /** Whether {@code then} was handed over (or the poll cancelled). */
    boolean isOver() {
        return fired.get();
    }

    private void check() {
        if (fired.get()) {
            unschedule();
            return;
        }
        boolean holds;
        try {
            holds = ready.getAsBoolean();
        } catch (RuntimeException e) { // a check that fails says nothing; try again next period
            LOGGER.log(Level.FINE, "a poll's check failed", e);
            holds = false;
        }
        boolean late = !holds && bounded && System.nanoTime() - deadlineNanos >= 0;
        if ((holds || late) && fired.compareAndSet(false, true)) {
            unschedule();
            try {
                executor.execute(() -> then.run(late));
            } catch (RejectedExecutionException shuttingDown) {
                LOGGER.log(Level.FINE, "Jenkins is shutting down; a poll's follow-up did not run", shuttingDown);
            }
        }
    }

    private void unschedule() {
        ScheduledFuture<?> scheduled = check;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
