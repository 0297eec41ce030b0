package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.CfnCalls.call;
import static io.bakehouse.engine.cfn.CfnCalls.serviceMessage;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.Beside;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.MaskingReporter;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.output.Secrets;
import io.bakehouse.engine.Durations;
import io.bakehouse.engine.report.DeploymentReport;
import io.bakehouse.engine.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Creates or updates a stack through a change set: checks everything it can before the
 * first write, prints the change set, executes it, streams the events until the stack
 * settles, and explains failures. What it creates and cannot finish it removes again.
 */
public final class StackDeployer {

    /** How long an interrupted deployment waits for the stack to settle after cancelling. */
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(15);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * bakehouse-TIME-RANDOM: the time for people, eight random hex digits so that deploys started in
     * the same second never share a name (moto, and tools that look change sets up by name alone,
     * would mix them up).
     */
    static String defaultChangeSetName() {
        return "bakehouse-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-"
                + String.format("%08x", RANDOM.nextInt());
    }

    private final CloudFormationApi api;
    private final Reporter baseReporter;
    private final Supplier<S3Client> s3;
    private final Supplier<SsmClient> ssm;
    private final String region;
    private final PollSchedule schedule;
    private final Duration settleTimeout;
    private Consumer<WatchState> checkpoint = s -> { };

    StackDeployer(CloudFormationApi api, Reporter reporter, Supplier<S3Client> s3, Supplier<SsmClient> ssm,
                  String region, PollSchedule schedule, Duration settleTimeout) {
        this.api = api;
        this.baseReporter = reporter;
        this.s3 = s3;
        this.ssm = ssm;
        this.region = region;
        this.schedule = schedule;
        this.settleTimeout = settleTimeout;
    }

    public static StackDeployer of(AwsClients clients, Reporter reporter) {
        return new StackDeployer(new SdkCloudFormationApi(clients.cloudFormation()), reporter, clients::s3, clients::ssm,
                clients.region(), PollSchedule.DEFAULT, SETTLE_TIMEOUT);
    }

    /** Sees every resume point of the wait (stack, change set, last event), e.g. to persist it. */
    public StackDeployer withCheckpoint(Consumer<WatchState> listener) {
        this.checkpoint = listener;
        return this;
    }

    /** One deployment's working state. */
    private final class Run {
        final CfnDeployRequest req;
        final CancelToken cancel;
        final long deadline;
        final Secrets secrets = new Secrets();
        final Reporter reporter;
        final StackWatcher watcher;
        final List<StackEvent> events = new ArrayList<>();
        /** Stop once the change set executes (see {@link #launch}) instead of watching it. */
        final boolean launchOnly;
        StackLaunch launched;
        // What the report shows besides the events, filled in as the deployment gets there.
        List<TemplateParameter> declared = List.of();
        Map<String, String> values = Map.of();
        String changeSetName;
        List<ChangeRow> changes = List.of();

        Run(CfnDeployRequest req, CancelToken cancel) {
            this(req, cancel, req.timeout(), false);
        }

        Run(CfnDeployRequest req, CancelToken cancel, Duration timeout, boolean launchOnly) {
            this.req = req;
            this.cancel = cancel;
            this.launchOnly = launchOnly;
            this.deadline = System.nanoTime() + timeout.toNanos();
            this.reporter = new MaskingReporter(baseReporter, secrets);
            this.watcher = new StackWatcher(api, reporter, schedule, checkpoint);
        }

        Duration left() {
            long n = deadline - System.nanoTime();
            return Duration.ofNanos(Math.max(n, 1));
        }

        void checkCancelled(String doing) {
            if (cancel.isCancelled()) {
                throw new CancelledException("Deployment of stack " + req.stack() + " was interrupted " + doing,
                        null);
            }
        }
    }

    /** Deploys as {@code request} asks; {@code cancel} stops it (see {@link CancelToken}). */
    public CfnDeployResult deploy(CfnDeployRequest request, CancelToken cancel) {
        return deploy(new Run(request, cancel));
    }

    /**
     * Does what {@link #deploy} does up to executing the change set, and returns without
     * watching it: for faces that persist the wait ({@link StackLaunch#watch()}) and finish it
     * with {@link #resume}, possibly in another process. When there is nothing to watch (no
     * changes, {@code noExecute}) the launch holds the final result.
     */
    public StackLaunch launch(CfnDeployRequest request, CancelToken cancel) {
        Run run = new Run(request, cancel, request.timeout(), true);
        CfnDeployResult result = deploy(run);
        return run.launched != null ? run.launched : StackLaunch.finished(result);
    }

    /**
     * Watches an executing change set ({@link StackLaunch}, perhaps rebuilt after a restart)
     * for at most {@code timeout}, and finishes as {@link #deploy} does: the result, or the
     * stack's failure explained, and the report when the request asks for one (its parameters
     * are the change set's, with the launch's NoEcho ones masked); {@code cancel} cancels the
     * operation. Events up to {@code shownThrough} (the newest event an earlier wait already
     * printed, or {@code null}) are not printed again, but still count for the report and
     * the failure's explanation.
     */
    public CfnDeployResult resume(CfnDeployRequest request, StackLaunch launch, String shownThrough, Duration timeout,
                                  CancelToken cancel) {
        if (launch.finished()) {
            throw new IllegalArgumentException("resuming a deployment needs the change set being executed");
        }
        WatchState state = launch.watch();
        Run run = new Run(request, cancel, timeout, false);
        run.changeSetName = state.changeSetName();
        return reported(run, () -> {
            String stack = state.stackId() != null ? state.stackId() : request.stack();
            ChangeSetView view = call("reading change set " + state.changeSetName(),
                    () -> api.describeChangeSet(stack, state.changeSetName()));
            run.changes = view.changes();
            run.values = view.parameters();
            run.declared = launch.secretParameters().stream().map(k -> new TemplateParameter(k, false, true)).toList();
            String policy = request.stackPolicy() == null ? null : DeployInputs.readPolicy(request.stackPolicy());
            return watchExecution(run, state, view, launch.create(), null, policy, shownThrough);
        });
    }

    /**
     * Stops the operation {@code state} watches without waiting for it to settle (an abort
     * in a face that cannot interrupt the watching thread): cancels an update, deletes a stack
     * being created; anything else is left to finish. Returns what was done, in words.
     */
    public String cancel(WatchState state, boolean create) {
        StackState s = call("reading stack " + state.stackName(), () -> api.describeStack(state.target())).orElse(null);
        if (s == null || !s.inProgress()) {
            return "Stack " + state.stackName() + " is " + (s == null ? "gone" : s.status()) + "; nothing to stop";
        }
        try {
            if (create && s.status().startsWith("CREATE_")) {
                api.deleteStack(state.target());
                return "Deleting the new stack " + state.stackName() + " (it was " + s.status() + ")";
            }
            if ("UPDATE_IN_PROGRESS".equals(s.status())) {
                api.cancelUpdate(state.stackName());
                return "Cancelled the update of " + state.stackName() + "; CloudFormation rolls it back";
            }
        } catch (SdkException e) {
            if (!"ValidationError".equals(AwsErrors.code(e))) {
                throw AwsErrors.translate("stopping the deployment of " + state.stackName(), e);
            }
            return "Stack " + state.stackName() + " could not be stopped (" + serviceMessage(e)
                    + "); it settles on its own";
        }
        return "Stack " + state.stackName() + " is " + s.status() + ", which cannot be cancelled; it settles on its own";
    }

    private CfnDeployResult deploy(Run run) {
        CfnDeployRequest request = run.req;
        return reported(run, () -> request.executeChangeSet() != null ? executeExisting(run) : createOrUpdate(run));
    }

    /**
     * Runs a deployment and writes its report when asked: on success, and on a failure once
     * a change set exists. A launch that leaves a change set executing writes none: the
     * {@link #resume} that watches it does.
     */
    private CfnDeployResult reported(Run run, Supplier<CfnDeployResult> deployment) {
        CfnDeployResult result;
        try {
            result = deployment.get();
        } catch (RuntimeException e) {
            if (run.req.report() != null && run.changeSetName != null) {
                writeFailureReport(run, e);
            }
            throw e;
        }
        if (run.req.report() != null && run.launched == null) {
            writeReport(run, result.status(), result.outputs());
        }
        return result;
    }

    private CfnDeployResult createOrUpdate(Run run) {
        CfnDeployRequest request = run.req;
        DeployInputs inputs = DeployInputs.read(request);
        // Two independent reads: the stack (on another thread) while ssm: values are resolved.
        CompletableFuture<StackState> reading = Beside.start("bakehouse-stack-read", () -> describe(request.stack()));
        SsmParameterValues given = SsmParameterValues.resolve(inputs.given(), ssm, region);
        TemplateSource.Local local = inputs.local();
        String policy = inputs.policy();

        StackState existing = settled(run, Beside.join(reading));
        boolean replace = existing != null && StackStatuses.failedCreate(existing.status());
        if (replace && !request.replaceFailedStack()) {
            throw BakehouseException.failure("Stack " + request.stack() + " is in " + existing.status()
                    + " after a failed create and can only be deleted; replacing it was turned off",
                    "delete it (`aws cloudformation delete-stack --stack-name " + request.stack()
                            + "`) or deploy without --no-replace-failed-stack");
        }
        boolean create = existing == null || replace || StackStatuses.REVIEW_IN_PROGRESS.equals(existing.status());
        Set<String> existingKeys = create ? null : existing.parameterKeys();

        // A local template was read, and its capabilities checked, with the other inputs; one in S3 is read now.
        TemplateRef url = local != null ? null
                : new TemplateRef(null, TemplateSource.normaliseUrl(request.template(), region), request.template());
        TemplateSummary summary = url == null ? local.summary() : summariseInS3(run, url);
        ParameterPlan plan = ParameterPlan.of(request.template(), summary.parameters(), given.values(), inputs.keep(),
                existingKeys);
        plan.secrets().forEach(run.secrets::add);
        TemplateRef ref = url != null ? url
                : local.fitsInline() ? new TemplateRef(local.body(), null, request.template())
                : TemplateSource.upload(local, request.stack(), request.s3Bucket(), request.s3Prefix(), region, s3,
                run.reporter);
        given.report().forEach(run.reporter::progress);
        run.declared = summary.parameters();
        run.values = plan.values();
        run.checkCancelled("before anything was changed");

        if (replace) {
            replaceFailedStack(run, existing);
        }
        String name = request.changeSetName() != null ? request.changeSetName()
                : defaultChangeSetName();
        boolean ownsStack = existing == null || replace;
        run.changeSetName = name;
        ChangeSetSpec spec = new ChangeSetSpec(request.stack(), name, create, ref, plan.values(), inputs.tags(), request);
        if (!plan.kept().isEmpty()) {
            run.reporter.detail("Keeping the previous value of " + String.join(", ", plan.kept()));
        }
        run.reporter.progress("Creating change set " + name + " (" + (create ? "CREATE" : "UPDATE") + ") for stack "
                + request.stack() + " from " + ref.origin());
        if (!createChangeSet(spec)) {
            return noChanges(run, null, name, existing);
        }
        return reviewAndExecute(run, name, create, ownsStack, existing, policy);
    }

    private CfnDeployResult reviewAndExecute(Run run, String name, boolean create, boolean ownsStack,
                                             StackState existing, String policy) {
        CfnDeployRequest req = run.req;
        ChangeSetView view;
        String baseline;
        try {
            view = awaitChangeSet(run, name);
            run.changes = view.changes();
            if (view.empty()) {
                return noChanges(run, view.id(), name, existing);
            }
            if (view.failed()) {
                throw BakehouseException.failure("CloudFormation could not create change set " + name + " for stack "
                        + req.stack() + ": " + view.statusReason() + "; nothing was changed",
                        "fix the template or parameters and deploy again");
            }
            printChanges(run, view);
            if (req.noExecute()) {
                run.reporter.progress("Change set " + name + " is ready for review and was not executed; run it with"
                        + " --execute-change-set " + name + " (executeChangeSet)");
                return new CfnDeployResult(req.stack(), existing == null ? StackStatuses.REVIEW_IN_PROGRESS
                        : existing.status(), view.stackId(), existing == null ? null : existing.outputs(), view.id(),
                        name, false, false, view.changes(), run.events);
            }
            if (!create && policy != null) {
                call("setting the stack policy of " + req.stack(), () -> api.setStackPolicy(req.stack(), policy));
            }
            run.checkCancelled("before the change set was executed");
            baseline = call("reading the events of " + req.stack(), () -> api.newestEventId(view.stackId()));
            run.reporter.progress("Executing change set " + name);
            call("executing change set " + name, () -> api.executeChangeSet(req.stack(), name, req.disableRollback()));
        } catch (RuntimeException e) {
            recovery(run).cleanUp(name, ownsStack);
            throw e;
        }
        return watchExecution(run, new WatchState(req.stack(), view.stackId(), name, baseline), view, create,
                existing, policy, null);
    }

    /** Runs a change set created earlier (e.g. with noExecute, after an approval). */
    private CfnDeployResult executeExisting(Run run) {
        CfnDeployRequest req = run.req;
        String name = req.executeChangeSet();
        run.changeSetName = name;
        ChangeSetView view = call("reading change set " + name, () -> api.describeChangeSet(req.stack(), name));
        run.changes = view.changes();
        if (!view.executable()) {
            throw BakehouseException.failure("Change set " + name + " of stack " + req.stack() + " cannot be executed: it is "
                    + view.status() + "/" + view.executionStatus()
                    + (view.statusReason() == null ? "" : " (" + view.statusReason() + ")"),
                    "create a new one (deploy with noExecute again)");
        }
        StackState existing = settled(run);
        boolean create = existing == null || StackStatuses.REVIEW_IN_PROGRESS.equals(existing.status());
        printChanges(run, view);
        String policy = req.stackPolicy() == null ? null : DeployInputs.readPolicy(req.stackPolicy());
        if (!create && policy != null) {
            call("setting the stack policy of " + req.stack(), () -> api.setStackPolicy(req.stack(), policy));
        }
        String baseline = call("reading the events of " + req.stack(), () -> api.newestEventId(view.stackId()));
        run.reporter.progress("Executing change set " + name);
        call("executing change set " + name, () -> api.executeChangeSet(req.stack(), view.name(), req.disableRollback()));
        return watchExecution(run, new WatchState(req.stack(), view.stackId(), view.name(), baseline), view, create,
                create ? null : existing, policy, null);
    }

    private CfnDeployResult watchExecution(Run run, WatchState state, ChangeSetView view, boolean create,
                                           StackState existing, String policy, String shownThrough) {
        CfnDeployRequest req = run.req;
        if (run.launchOnly) {
            run.launched = StackLaunch.executing(state, create, TemplateParameter.noEchoKeys(run.declared));
            return null;
        }
        WatchOutcome out = run.watcher.resume(state, shownThrough, run.left(), run.cancel);
        run.events.addAll(out.events());
        if (out.cancelled()) {
            throw recovery(run).stop(out, create, run.cancel.reason(), run.events);
        }
        if (!out.succeeded()) {
            throw StackFailedException.of(req.stack(), out.status(), out.statusReason(), run.events);
        }
        if (req.terminationProtection() && (existing == null || !existing.terminationProtection())) {
            call("turning on termination protection for " + req.stack(), () -> api.enableTerminationProtection(req.stack()));
            run.reporter.progress("Turned on termination protection for " + req.stack());
        }
        if (create && policy != null) {
            call("setting the stack policy of " + req.stack(), () -> api.setStackPolicy(req.stack(), policy));
        }
        run.reporter.progress("Stack " + req.stack() + " is " + out.status());
        return new CfnDeployResult(req.stack(), out.status(), view.stackId(), out.outputs(), view.id(), view.name(),
                false, true, view.changes(), run.events);
    }

    /** Nothing to change; {@code changeSetId} is the empty change set to delete, or {@code null} if none was made. */
    private CfnDeployResult noChanges(Run run, String changeSetId, String name, StackState existing) {
        CfnDeployRequest req = run.req;
        if (changeSetId != null) {
            call("deleting the empty change set " + name, () -> api.deleteChangeSet(req.stack(), name));
        }
        if (req.failOnEmptyChangeset()) {
            throw BakehouseException.failure("Stack " + req.stack() + " is already up to date: the change set was empty"
                    + " and failing on an empty change set was asked for", "deploy without --fail-on-empty-changeset");
        }
        run.reporter.progress("Stack " + req.stack() + " is already up to date; no changes (the empty change set was deleted)");
        return new CfnDeployResult(req.stack(), existing.status(), existing.stackId(), existing.outputs(), changeSetId,
                name, true, false, List.of(), run.events);
    }

    /**
     * The stack's state once no one else's operation is running on it: a busy stack is
     * waited for (within the timeout), never operated on; a stuck one is a clear failure.
     */
    private StackState settled(Run run) {
        return settled(run, describe(run.req.stack()));
    }

    /** {@code s}, the stack as just read, once no operation started elsewhere is running on it. */
    private StackState settled(Run run, StackState s) {
        String stack = run.req.stack();
        if (s != null && s.inProgress()) {
            run.reporter.progress("Stack " + stack + " is busy (" + s.status() + ", an operation started elsewhere);"
                    + " waiting up to " + Durations.format(run.left()) + " for it to finish before deploying");
            String newest = call("reading the events of " + stack, () -> api.newestEventId(s.stackId()));
            WatchOutcome out = run.watcher.resume(new WatchState(stack, s.stackId(), null, newest), run.left(), run.cancel);
            if (out.cancelled()) {
                throw new CancelledException("Interrupted while waiting for another operation on stack " + stack
                        + " to finish; nothing was changed", null);
            }
            return describe(stack);
        }
        if (s != null && StackStatuses.stuck(s.status())) {
            throw BakehouseException.failure("Stack " + stack + " is in " + s.status() + " and cannot be updated",
                    StackStatuses.hintFor(s.status()));
        }
        return s;
    }

    private void replaceFailedStack(Run run, StackState failed) {
        String stack = run.req.stack();
        run.reporter.warn("Stack " + stack + " is in " + failed.status() + " after a failed create and can only be"
                + " deleted: deleting it and creating it again");
        call("deleting the failed stack " + stack, () -> api.deleteStack(failed.stackId()));
        WatchOutcome out = run.watcher.resume(new WatchState(stack, failed.stackId(), null, null), run.left(), run.cancel);
        if (out.cancelled()) {
            throw new CancelledException("Interrupted while deleting the failed stack " + stack, null);
        }
        if (!StackStatuses.DELETE_COMPLETE.equals(out.status())) {
            throw StackFailedException.of(stack, out.status(), out.statusReason(), out.events());
        }
    }

    /** What CloudFormation reads from a template in S3, with the capabilities it needs checked. */
    private TemplateSummary summariseInS3(Run run, TemplateRef ref) {
        run.reporter.detail("Reading the parameters and capabilities of template " + ref.origin());
        TemplateSummary summary;
        try {
            summary = api.summarise(ref);
        } catch (SdkException e) {
            if ("ValidationError".equals(AwsErrors.code(e))) {
                throw new InvalidInputException("template", "CloudFormation cannot read template " + ref.origin() + ": "
                        + serviceMessage(e) + "; nothing was changed", "check the URL and the template, then deploy again");
            }
            throw AwsErrors.translate("reading template " + ref.origin(), e);
        }
        Capabilities.require(run.req.capabilities(), summary);
        return summary;
    }

    /**
     * Creates the change set; {@code false} when CloudFormation refuses it up front because nothing would change.
     * CloudFormation is the judge of the template's validity: its refusal is explained here.
     */
    private boolean createChangeSet(ChangeSetSpec spec) {
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
    private ChangeSetView awaitChangeSet(Run run, String name) {
        Duration interval = schedule.first();
        int errors = 0;
        while (true) {
            try {
                ChangeSetView view = api.describeChangeSet(run.req.stack(), name);
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
            if (run.deadline - System.nanoTime() <= 0) {
                throw BakehouseException.failure("Timed out waiting for CloudFormation to create change set " + name,
                        "raise --timeout (timeout)");
            }
            if (run.cancel.sleep(interval, "change set " + name + " of stack " + run.req.stack())) {
                run.checkCancelled("while the change set was being created; it was deleted");
            }
        }
    }

    private void printChanges(Run run, ChangeSetView view) {
        run.reporter.progress("Change set " + view.name() + " for stack " + run.req.stack() + ":");
        ChangeSetTable.render(view.changes()).forEach(line -> run.reporter.progress("  " + line));
    }

    /** A failed deployment's report: the stack's status and outputs as they are now, read best-effort. */
    private void writeFailureReport(Run run, RuntimeException failure) {
        String status = failure instanceof StackFailedException f ? f.status() : null;
        Map<String, String> outputs = Map.of();
        try {
            StackState now = api.describeStack(run.req.stack()).orElse(null);
            if (now != null) {
                status = status == null ? now.status() : status;
                outputs = now.outputs();
            }
        } catch (SdkException unreadable) {
            run.reporter.detail("Could not read stack " + run.req.stack() + " for the report: "
                    + AwsErrors.translate("reading stack " + run.req.stack(), unreadable).getMessage());
        }
        writeReport(run, status == null ? "FAILED" : status, outputs);
    }

    /** Writes the HTML report; a report that cannot be written is a warning, never the deployment's outcome. */
    private void writeReport(Run run, String status, Map<String, String> outputs) {
        Path file = Path.of(run.req.report());
        DeploymentReport report = DeploymentReports.of(run.req.stack(), region, status, run.changeSetName, run.changes,
                run.events, outputs, run.declared, run.values, Instant.now());
        try {
            HtmlReport.write(report, file, run.secrets);
            run.reporter.progress("Wrote the deployment report to " + file);
        } catch (IOException | RuntimeException e) {
            run.reporter.warn("Could not write the deployment report to " + file + ": " + e.getMessage());
        }
    }

    private Recovery recovery(Run run) {
        return new Recovery(api, run.reporter, run.watcher, run.req.stack(), settleTimeout);
    }

    private StackState describe(String stack) {
        return call("reading stack " + stack, () -> api.describeStack(stack)).orElse(null);
    }
}
