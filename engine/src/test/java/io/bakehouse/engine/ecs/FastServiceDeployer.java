package io.bakehouse.engine.ecs;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;

/**
 * A real {@link ServiceDeployer} over the SDK that polls every few milliseconds and watches a
 * rollback for a few seconds, for tests outside this package.
 */
public final class FastServiceDeployer {

    private static final PollSchedule FAST = new PollSchedule(Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofMillis(40));

    private FastServiceDeployer() {
    }

    public static ServiceDeployer of(AwsClients clients, Reporter reporter) {
        return new ServiceDeployer(new ServiceDeployer.Settings(new SdkEcsServiceApi(clients::ecs,
                region -> clients.forRegion(region).ecr(), clients::cloudWatch), reporter, FAST,
                Duration.ofSeconds(10), s -> { }));
    }
}
