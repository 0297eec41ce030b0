package io.bakehouse.engine.ecs;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Rolls an ECS service to new container images: registers a revision of its task definition that
 * differs only in the images, updates the service, and streams the service's events and the
 * deployment's rollout until it completes. A failed rollout is explained and rolled back (by ECS,
 * or here when ECS does not); an aborted or timed-out one is rolled back here. Bad input changes
 * nothing. When the request names a {@code report}, an HTML page with the deployment's timeline
 * is written as it ends ({@link ServiceReportWriter}). A deployment passes through the same stages
 * whether one call watches it to the end ({@link #deploy}) or a face persists it between launching
 * and watching ({@link #launch}, {@link #resume}).
 */
public final class ServiceDeployer {

    /** How long a rollback (ECS's or ours) is watched before the step gives its outcome. */
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(15);

    /** What a deployer is made of: where its calls and messages go, and how it waits. */
    record Settings(EcsServiceApi api, Reporter reporter, PollSchedule schedule, Duration settleTimeout,
                    Consumer<RolloutState> checkpoint) {
    }

    private final Settings settings;

    ServiceDeployer(Settings settings) {
        this.settings = settings;
    }

    /** A deployer over the real AWS: ECS and CloudWatch in the clients' region, ECR in each image's. */
    public static ServiceDeployer of(AwsClients clients, Reporter reporter) {
        clients.prepare(AwsClients::ecs); // built while the request is checked
        return new ServiceDeployer(new Settings(new SdkEcsServiceApi(clients::ecs,
                region -> clients.forRegion(region).ecr(), clients::cloudWatch), reporter, PollSchedule.DEFAULT,
                SETTLE_TIMEOUT, s -> { }));
    }

    /** This deployer, with {@code listener} seeing every resume point of a wait (the deployment, the last event). */
    public ServiceDeployer withCheckpoint(Consumer<RolloutState> listener) {
        Settings s = settings;
        return new ServiceDeployer(new Settings(s.api(), s.reporter(), s.schedule(), s.settleTimeout(), listener));
    }

    /** Deploys as {@code request} asks, within its timeout; {@code cancel} stops it and rolls the service back. */
    public EcsServiceDeployResult deploy(EcsServiceDeployRequest request, CancelToken cancel) {
        Rollout d = Rollout.start(cancel, request.timeout(), settings);
        ServiceLaunch launch = ServiceLauncher.launch(d, request);
        return launch.finished() ? launch.result() : RolloutFinish.untilDone(d, launch.rollout());
    }

    /**
     * Does what {@link #deploy} does up to updating the service, and returns without watching the
     * deployment: for faces that persist the wait ({@link ServiceLaunch#rollout()}) and finish it with
     * {@link #resume}, possibly in another process. With no changes the launch holds the result.
     */
    public ServiceLaunch launch(EcsServiceDeployRequest request, CancelToken cancel) {
        return ServiceLauncher.launch(Rollout.start(cancel, request.timeout(), settings), request);
    }

    /**
     * Watches a deployment from {@code state} (perhaps rebuilt after a restart) for at most
     * {@code timeout}, and finishes as {@link #deploy} does. Service events up to the state's last
     * one are not printed again.
     */
    public EcsServiceDeployResult resume(RolloutState state, Duration timeout, CancelToken cancel) {
        return RolloutFinish.untilDone(Rollout.start(cancel, timeout, settings), state);
    }

    /**
     * Rolls the service back to the task definition it ran before the deployment {@code state}
     * watches, without waiting: the abort of a face that cannot interrupt the watching thread. A
     * service that is no longer rolling that deployment out is left alone. Returns what was done;
     * the report, if the state asks for one, says so too (the deployment counts as interrupted).
     */
    public String rollBack(RolloutState state) {
        Rollout d = Rollout.start(CancelToken.NONE, settings.settleTimeout(), settings);
        String aborted = "Deployment " + state.deploymentId() + " of service " + state.serviceName() + " was aborted: ";
        String done;
        try {
            done = new ServiceRollback(d).withoutWaiting(state);
        } catch (BakehouseException e) {
            d.record().warning(e.getMessage());
            ServiceReportWriter.ended(d, state, "INTERRUPTED", aborted + e.getMessage());
            throw e;
        }
        d.record().step(done);
        ServiceReportWriter.ended(d, state, "INTERRUPTED", aborted + done);
        return done;
    }
}
