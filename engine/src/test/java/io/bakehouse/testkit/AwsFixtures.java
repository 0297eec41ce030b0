package io.bakehouse.testkit;

import io.bakehouse.engine.aws.AwsClients;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/** Resources tests need to exist in moto before the code under test runs. */
public final class AwsFixtures {

    private AwsFixtures() {
    }

    /** Creates an available AMI (from an instance of one of moto's stock images) and returns its ID. */
    public static String createAmi(AwsClients clients, String name) {
        String baseImage = clients.ec2().describeImages(r -> r.owners("amazon")).images().get(0).imageId();
        String instanceId = clients.ec2().runInstances(r -> r.imageId(baseImage).minCount(1).maxCount(1)
                .instanceType(InstanceType.T3_MICRO)).instances().get(0).instanceId();
        return clients.ec2().createImage(r -> r.instanceId(instanceId).name(name)).imageId();
    }
}
