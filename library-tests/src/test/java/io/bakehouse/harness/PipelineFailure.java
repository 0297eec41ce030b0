package io.bakehouse.harness;

/** A failed step ({@code error}, a failing {@code sh}): what {@code hudson.AbortException} is in Jenkins. */
public final class PipelineFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PipelineFailure(String message) {
        super(message);
    }
}
