package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.CfnCalls.call;
import static io.bakehouse.engine.cfn.CfnCalls.serviceMessage;

import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A change set's life: created, waited for until CloudFormation has made it, printed, deleted
 * again when it changes nothing (or left for review), and executed. CloudFormation is the judge
 * of the template's validity: its refusals are explained here.
 */
final class ChangeSetLifecycle {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CloudFormationApi api;
    private final PollSchedule schedule;

    ChangeSetLifecycle(CloudFormationApi api, PollSchedule schedule) {
        this.api = api;
        this.schedule = schedule;
    }

    /**
     * bakehouse-TIME-RANDOM: the time for people, eight random hex digits so that deploys started in
     * the same second never share a name (moto, and tools that look change sets up by name alone,
     * would mix them up).
     */
    static String defaultChangeSetName() {
        return "bakehouse-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-"
                + String.format("%08x", RANDOM.nextInt());
    }

    /** The name the request gives its change set, or a new one. */
    static String nameFor(CfnDeployRequest request) {
        return request.changeSetName() != null ? request.changeSetName() : defaultChangeSetName();
    }

    /** Creates the change set; {@code false} when CloudFormation refuses it up front because nothing would change. */
    boolean create(Deployment d, ChangeSetSpec spec, List<String> kept) {
        if (!kept.isEmpty()) {
            d.reporter().detail("Keeping the previous value of " + String.join(", ", kept));
        }
        d.reporter().progress("Creating change set " + spec.name() + " (" + (spec.create() ? "CREATE" : "UPDATE")
                + ") for stack " + spec.stack() + " from " + spec.template().origin());
        try {
            api.createChangeSet(spec);
            return true;
        } catch (SdkException e) {
            if (!spec.create() && "ValidationError".equals(AwsErrors.code(e))
                    && serviceMessage(e).contains("No updates are to be performed")) {
                return false;
            }
            if ("InsufficientCapabilitiesException".equals(AwsErrors.code(e))) {
                String message = serviceMessage(e);
                List<String> named = new ArrayList<>();
                for (String c : CfnDeployRequest.CAPABILITIES) {
                    if (message.contains(c)) {
                        named.add(c);
                    }
                }
                throw Capabilities.missing(named.isEmpty() ? List.of("a capability") : named, message);
            }
            if ("ValidationError".equals(AwsErrors.code(e))) {
                throw new InvalidInputException("template", "CloudFormation refused the change set for stack "
                        + spec.stack() + " from " + spec.template().origin() + ": " + serviceMessage(e)
                        + "; nothing was changed", "fix what it names in the template or the parameters and deploy again"
                        + " (cfn-lint checks a template locally)");
            }
            throw AwsErrors.translate("creating a change set for stack " + spec.stack(), e);
        }
    }

    /** Polls the change set until CloudFormation has made it, riding out throttling like the stack watch does. */
    ChangeSetView await(Deployment d, String name) {
        Duration interval = schedule.first();
        int errors = 0;
        while (true) {
            try {
                ChangeSetView view = api.describeChangeSet(d.stack(), name);
                if (!view.creating()) {
                    return view;
                }
                errors = 0;
                interval = schedule.idle(interval);
            } catch (SdkException e) {
                if (!StackWatcher.transientError(e) || ++errors > StackWatcher.MAX_TRANSIENT_ERRORS) {
                    throw AwsErrors.translate("reading change set " + name, e);
                }
                interval = schedule.afterError(interval);
            }
            if (d.overdue()) {
                throw BakehouseException.failure("Timed out waiting for CloudFormation to create change set " + name,
                        "raise --timeout (timeout)");
            }
            if (d.cancel().sleep(interval, "change set " + name + " of stack " + d.stack())) {
                d.checkCancelled("while the change set was being created; it was deleted");
            }
        }
    }

    /** The change set {@code name} of {@code stack} (a name or an ARN) as it is now. */
    ChangeSetView describe(String stack, String name) {
        return call("reading change set " + name, () -> api.describeChangeSet(stack, name));
    }

    /** Fails when CloudFormation could not make the change set (for a reason other than its being empty). */
    void requireMade(Deployment d, ChangeSetView view, String name) {
        if (view.failed()) {
            throw BakehouseException.failure("CloudFormation could not create change set " + name
                    + " for stack " + d.stack() + ": " + view.statusReason() + "; nothing was changed",
                    "fix the template or parameters and deploy again");
        }
    }

    /** Fails unless the change set {@code name}, created earlier, can be executed now. */
    void requireExecutable(Deployment d, ChangeSetView view, String name) {
        if (!view.executable()) {
            throw BakehouseException.failure("Change set " + name + " of stack " + d.stack() + " cannot be executed: it is "
                    + view.status() + "/" + view.executionStatus()
                    + (view.statusReason() == null ? "" : " (" + view.statusReason() + ")"),
                    "create a new one (deploy with noExecute again)");
        }
    }

    void print(Deployment d, ChangeSetView view) {
        d.reporter().progress("Change set " + view.name() + " for stack " + d.stack() + ":");
        ChangeSetTable.render(view.changes()).forEach(line -> d.reporter().progress("  " + line));
    }

    /**
     * Nothing to change: deletes the empty change set ({@code changeSetId}, or {@code null} when
     * CloudFormation made none), and fails if the request says an empty change set is a failure.
     */
    CfnDeployResult noChanges(Deployment d, String changeSetId, String name, StackState existing) {
        CfnDeployRequest req = d.request();
        if (changeSetId != null) {
            call("deleting the empty change set " + name, () -> api.deleteChangeSet(req.stack(), name));
        }
        if (req.failOnEmptyChangeset()) {
            throw BakehouseException.failure("Stack " + req.stack() + " is already up to date: the change set was empty"
                    + " and failing on an empty change set was asked for", "deploy without --fail-on-empty-changeset");
        }
        d.reporter().progress("Stack " + req.stack() + " is already up to date; no changes (the empty change set was deleted)");
        return new CfnDeployResult(req.stack(), existing.status(), existing.stackId(), existing.outputs(), changeSetId,
                name, true, false, List.of(), List.of());
    }

    /** The request asks for review ({@code noExecute}): the change set stays as it is. */
    CfnDeployResult leftForReview(Deployment d, ChangeSetView view, String name, StackState existing) {
        d.reporter().progress("Change set " + name + " is ready for review and was not executed; run it with"
                + " --execute-change-set " + name + " (executeChangeSet)");
        return new CfnDeployResult(d.stack(), existing == null ? StackStatuses.REVIEW_IN_PROGRESS : existing.status(),
                view.stackId(), existing == null ? null : existing.outputs(), view.id(), name, false, false,
                view.changes(), List.of());
    }

    /** Sets the stack policy before an update executes (a new stack gets it once it exists). */
    void setPolicyBeforeUpdate(Deployment d, boolean create, String policy) {
        if (!create && policy != null) {
            CfnCalls.setStackPolicy(api, d.stack(), policy);
        }
    }

    /**
     * Executes the change set ({@code name}: as the request named it) and returns where the watch
     * of the execution starts: after the newest event the stack had before.
     */
    WatchState execute(Deployment d, ChangeSetView view, String name) {
        CfnDeployRequest req = d.request();
        String baseline = call("reading the events of " + req.stack(), () -> api.newestEventId(view.stackId()));
        d.reporter().progress("Executing change set " + name);
        call("executing change set " + name, () -> api.executeChangeSet(req.stack(), view.name(), req.disableRollback()));
        return new WatchState(req.stack(), view.stackId(), view.name(), baseline);
    }
}
