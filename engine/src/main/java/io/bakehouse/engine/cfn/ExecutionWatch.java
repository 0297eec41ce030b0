package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.CfnCalls.call;

import io.bakehouse.engine.error.CancelledException;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a deployment: watches the executing change set, streaming the stack's events,
 * until the stack settles; stops the operation when the deployment is cancelled; explains a
 * failure; finishes a success (termination protection, the policy of a new stack). Writes the
 * report either way.
 */
final class ExecutionWatch {

    private final CloudFormationApi api;
    private final DeploymentReportWriter reports;

    ExecutionWatch(CloudFormationApi api, DeploymentReportWriter reports) {
        this.api = api;
        this.reports = reports;
    }

    /**
     * Watches {@code e} within the deployment's time. Events up to {@code shownThrough} (the newest
     * one an earlier watch printed, or {@code null}) are not printed again, but count for the
     * report and the failure's explanation.
     */
    CfnDeployResult untilSettled(Deployment d, Execution e, String shownThrough) {
        WatchOutcome out = reports.onFailure(d, e.facts(),
                () -> d.watcher().resume(e.state(), shownThrough, d.left(), d.cancel()));
        ReportFacts watched = e.facts().withEvents(out.events());
        if (out.cancelled()) {
            List<StackEvent> events = new ArrayList<>(out.events());
            CancelledException stopped = reports.onFailure(d, watched,
                    () -> d.recovery().stop(out, e.create(), d.cancel().reason(), events));
            throw reports.failed(d, watched.withEvents(events), stopped);
        }
        CfnDeployResult result = reports.onFailure(d, watched, () -> finish(d, e, out));
        return reports.succeeded(d, watched, result);
    }

    private CfnDeployResult finish(Deployment d, Execution e, WatchOutcome out) {
        String stack = d.stack();
        if (!out.succeeded()) {
            throw StackFailedException.of(stack, out.status(), out.statusReason(), out.events());
        }
        if (d.request().terminationProtection() && (e.before() == null || !e.before().terminationProtection())) {
            call("turning on termination protection for " + stack, () -> api.enableTerminationProtection(stack));
            d.reporter().progress("Turned on termination protection for " + stack);
        }
        if (e.create() && e.policy() != null) {
            CfnCalls.setStackPolicy(api, stack, e.policy());
        }
        d.reporter().progress("Stack " + stack + " is " + out.status());
        ChangeSetView view = e.view();
        return new CfnDeployResult(stack, out.status(), view.stackId(), out.outputs(), view.id(), view.name(),
                false, true, view.changes(), out.events());
    }
}
