package io.bakehouse.engine.runner;

import io.bakehouse.engine.error.BakehouseException;

/** The wait ended early (cancelled, interrupted or out of time) and the task was stopped. */
public final class TaskStoppedException extends BakehouseException {

    private static final long serialVersionUID = 1L;

    private final boolean cancelled;

    TaskStoppedException(String message, boolean cancelled) {
        super(Kind.FAILURE, message, cancelled ? null
                : "raise --max-wait-time (up to the configuration's maxWaitTime) or make the job faster", null);
        this.cancelled = cancelled;
    }

    /** Whether someone cancelled the wait (as opposed to it running out of time). */
    public boolean cancelled() {
        return cancelled;
    }
}
