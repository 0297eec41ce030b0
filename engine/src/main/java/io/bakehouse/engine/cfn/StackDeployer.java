package io.bakehouse.engine.cfn;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Creates or updates a stack through a change set: checks everything it can before the
 * first write, prints the change set, executes it, streams the events until the stack
 * settles, and explains failures. What it creates and cannot finish it removes again.
 * A deployment passes through the same stages whether one call watches it to the end
 * ({@link #deploy}) or a face persists it between launching and watching ({@link #launch},
 * {@link #resume}).
 */
public final class StackDeployer {

    /** How long an interrupted deployment waits for the stack to settle after cancelling. */
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(15);

    /** What a deployer is made of: where its calls and messages go, and how it waits. */
    record Settings(CloudFormationApi api, Reporter reporter, Supplier<S3Client> s3, Supplier<SsmClient> ssm,
                    String region, PollSchedule schedule, Duration settleTimeout, Consumer<WatchState> checkpoint) {
    }

    private final Settings settings;
    private final ChangeSetPlanner planner;
    private final ChangeSetLauncher launcher;
    private final ExecutionWatch executionWatch;

    StackDeployer(CloudFormationApi api, Reporter reporter, Supplier<S3Client> s3, Supplier<SsmClient> ssm,
                  String region, PollSchedule schedule, Duration settleTimeout) {
        this(new Settings(api, reporter, s3, ssm, region, schedule, settleTimeout, s -> { }));
    }

    private StackDeployer(Settings settings) {
        this.settings = settings;
        CloudFormationApi api = settings.api();
        DeploymentReportWriter reports = new DeploymentReportWriter(api, settings.region());
        StackSettling settling = new StackSettling(api);
        this.planner = new ChangeSetPlanner(api, settings.s3(), settings.ssm(), settings.region(), settling);
        this.launcher = new ChangeSetLauncher(planner, settling, new ChangeSetLifecycle(api, settings.schedule()),
                reports);
        this.executionWatch = new ExecutionWatch(api, reports);
    }

    public static StackDeployer of(AwsClients clients, Reporter reporter) {
        clients.prepare(AwsClients::cloudFormation); // built while the template and parameters are read
        return new StackDeployer(new SdkCloudFormationApi(clients::cloudFormation), reporter, clients::s3, clients::ssm,
                clients.region(), PollSchedule.DEFAULT, SETTLE_TIMEOUT);
    }

    /** This deployer, with {@code listener} seeing every resume point of a wait (stack, change set, last event). */
    public StackDeployer withCheckpoint(Consumer<WatchState> listener) {
        Settings s = settings;
        return new StackDeployer(new Settings(s.api(), s.reporter(), s.s3(), s.ssm(), s.region(), s.schedule(),
                s.settleTimeout(), listener));
    }

    /** Deploys as {@code request} asks; {@code cancel} stops it (see {@link CancelToken}). */
    public CfnDeployResult deploy(CfnDeployRequest request, CancelToken cancel) {
        Deployment d = Deployment.start(request, cancel, request.timeout(), settings);
        Launched launched = launcher.launch(d);
        return launched instanceof Execution e ? executionWatch.untilSettled(d, e, null)
                : ((Launched.Finished) launched).result();
    }

    /**
     * The parameters {@link #deploy} would send for {@code request}: read from its files and
     * options, {@code ssm:} values resolved, and checked as {@code deploy} checks everything
     * before its first write (the same failures, with the same words). Writes nothing, makes no
     * change set, waits for no busy stack and writes no report: a dry run.
     */
    public ParameterPreview preview(CfnDeployRequest request) {
        if (request.executeChangeSet() != null) {
            throw new InvalidInputException("executeChangeSet", "a change set made earlier already holds its"
                    + " parameters; there are none to resolve", "print the parameters of a deployment from a template"
                    + " (template / --template), or describe the change set");
        }
        return planner.preview(Deployment.start(request, new CancelToken(), request.timeout(), settings));
    }

    /**
     * Does what {@link #deploy} does up to executing the change set, and returns without
     * watching it: for faces that persist the wait ({@link StackLaunch#watch()}) and finish it
     * with {@link #resume}, possibly in another process. When there is nothing to watch (no
     * changes, {@code noExecute}) the launch holds the final result.
     */
    public StackLaunch launch(CfnDeployRequest request, CancelToken cancel) {
        return launcher.launch(Deployment.start(request, cancel, request.timeout(), settings)).toStackLaunch();
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
        Deployment d = Deployment.start(request, cancel, timeout, settings);
        return executionWatch.untilSettled(d, launcher.rejoin(d, launch), shownThrough);
    }

    /**
     * Stops the operation {@code state} watches without waiting for it to settle (an abort
     * in a face that cannot interrupt the watching thread): cancels an update, deletes a stack
     * being created; anything else is left to finish. Returns what was done, in words.
     */
    public String cancel(WatchState state, boolean create) {
        return new StackCancellation(settings.api()).withoutWaiting(state, create);
    }
}
