package io.bakehouse.engine.runner;

/** The gatekeeper's answer: an approved launch or a rejection. */
public sealed interface Decision permits Decision.Approved, Decision.Rejected {

    record Approved(TaskLaunch launch) implements Decision {
    }

    record Rejected(Rejection rejection) implements Decision {
    }
}
