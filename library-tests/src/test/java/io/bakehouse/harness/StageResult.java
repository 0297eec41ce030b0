package io.bakehouse.harness;

import java.util.List;

/** How one stage of a run went. */
public record StageResult(String name, Status status, String failure, String agentLabel, List<Directive> options) {

    public enum Status {
        SUCCESS,
        FAILURE,
        ABORTED,
        /** its {@code when} condition was false */
        SKIPPED,
        /** an earlier stage failed or was aborted */
        NOT_RUN
    }

    public boolean ran() {
        return status != Status.SKIPPED && status != Status.NOT_RUN;
    }
}
