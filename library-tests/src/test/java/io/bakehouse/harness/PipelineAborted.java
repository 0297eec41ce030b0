package io.bakehouse.harness;

/** The build was stopped (an {@code input} answered "Abort"): Jenkins' FlowInterruptedException. */
public final class PipelineAborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PipelineAborted(String message) {
        super(message);
    }
}
