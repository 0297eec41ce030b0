package io.bakehouse.engine.cfn;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a face stops a deployment: the CLI's shutdown hook (Ctrl-C, SIGTERM) or the Jenkins
 * step's {@code stop()} calls {@link #cancel()}; the deployer then cancels what it started
 * and waits, bounded, for the stack to settle. Interrupting the deploying thread has the same
 * effect. Thread-safe.
 */
public final class CancelToken {

    /** A token nobody cancels, for waits that must run to their end (a rollback settling). */
    public static final CancelToken NONE = new CancelToken();

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile String reason = "interrupted";

    public void cancel() {
        cancel("interrupted");
    }

    public void cancel(String why) {
        if (this == NONE) {
            return;
        }
        reason = why;
        cancelled.countDown();
    }

    public boolean isCancelled() {
        if (this != NONE && Thread.currentThread().isInterrupted()) {
            cancel("the thread was interrupted");
        }
        return cancelled.getCount() == 0;
    }

    public String reason() {
        return reason;
    }

    /** Sleeps up to {@code d}; returns {@code true} as soon as the token is cancelled (or the thread interrupted). */
    boolean sleep(Duration d) {
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
            cancel("the thread was interrupted");
            return true;
        }
    }
}
