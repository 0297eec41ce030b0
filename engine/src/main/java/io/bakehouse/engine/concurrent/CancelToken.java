package io.bakehouse.engine.concurrent;

import io.bakehouse.engine.error.DetachedException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a face stops long work (a stack deployment, a service roll-out, a site publish): the
 * CLI's shutdown hook (Ctrl-C, SIGTERM) or the Jenkins step's {@code stop()} calls
 * {@link #cancel()}; the work then cancels what it started and waits, bounded, for it to
 * settle. Interrupting the working thread has the same effect, except with an
 * {@link #explicitOnly()} token. Thread-safe.
 */
public final class CancelToken {

    /** A token nobody cancels, for waits that must run to their end (a rollback settling). */
    public static final CancelToken NONE = new CancelToken();

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final boolean interruptCancels;
    private volatile String reason = "interrupted";

    public CancelToken() {
        this(true);
    }

    private CancelToken(boolean interruptCancels) {
        this.interruptCancels = interruptCancels;
    }

    /**
     * A token only {@link #cancel()} cancels. An interrupt stops the wait with a
     * {@link DetachedException} and leaves the stack's operation alone: for a Jenkins agent,
     * whose thread is interrupted when its controller goes away (and resumes the wait), while
     * an abort cancels explicitly.
     */
    public static CancelToken explicitOnly() {
        return new CancelToken(false);
    }

    public void cancel() {
        cancel("interrupted");
    }

    /** Cancels, for {@code why}; a token already cancelled keeps its first reason. */
    public synchronized void cancel(String why) {
        if (this == NONE || cancelled.getCount() == 0) {
            return;
        }
        reason = why;
        cancelled.countDown();
    }

    public boolean isCancelled() {
        if (this != NONE && interruptCancels && Thread.currentThread().isInterrupted()) {
            cancel("the thread was interrupted");
        }
        return cancelled.getCount() == 0;
    }

    public String reason() {
        return reason;
    }

    /**
     * Sleeps up to {@code d}; returns {@code true} as soon as the token is cancelled (or the
     * thread interrupted). With an {@link #explicitOnly()} token an interrupt throws instead.
     *
     * @param what what is being waited for, for the {@link DetachedException}
     */
    public boolean sleep(Duration d, String what) {
        try {
            if (this == NONE) {
                Thread.sleep(Math.max(0, d.toMillis()));
                return false;
            }
            return cancelled.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            if (this == NONE) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (!interruptCancels) {
                Thread.currentThread().interrupt();
                throw new DetachedException(what);
            }
            cancel("the thread was interrupted");
            return true;
        }
    }
}
