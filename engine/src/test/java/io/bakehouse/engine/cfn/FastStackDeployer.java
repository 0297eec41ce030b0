package io.bakehouse.engine.cfn;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;

/** A real {@link StackDeployer} over the SDK that polls every few milliseconds, for tests outside this package. */
public final class FastStackDeployer {

    private static final PollSchedule FAST = new PollSchedule(Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofMillis(40));

    private FastStackDeployer() {
    }

    public static StackDeployer of(AwsClients clients, Reporter reporter) {
        return new StackDeployer(new SdkCloudFormationApi(clients.cloudFormation()), reporter, clients::s3,
                clients::ssm, clients.region(), FAST, Duration.ofSeconds(30));
    }
}
