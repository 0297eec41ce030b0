package io.bakehouse.engine.error;

/**
 * A face stopped waiting without stopping the work in AWS: its thread was interrupted where an
 * interrupt means "this process is going away", not "cancel" (a Jenkins agent whose controller
 * restarts; the controller resumes the wait from AWS). The stack operation or task goes on.
 */
public class DetachedException extends BakehouseException {

    private static final long serialVersionUID = 1L;

    public DetachedException(String what) {
        super(Kind.FAILURE, "Stopped waiting for " + what + " (the thread was interrupted); it goes on in AWS",
                "the wait can be resumed from AWS", null);
    }
}
