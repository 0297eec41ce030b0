package io.bakehouse.testkit;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.runner.RunnerConfig;
import io.bakehouse.engine.runner.RunnerConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/** The deploy runner's test configuration and the AWS resources it names, made in moto. */
public final class RunnerFixtures {

    public static final String CLUSTER = "deploy-runner";
    public static final String LOG_GROUP = "/bakehouse/deploy-runner";

    private RunnerFixtures() {
    }

    /** The test configuration's text, with placeholders for the subnet and security group. */
    public static String configText(String subnet, String securityGroup) {
        try (InputStream in = RunnerFixtures.class.getResourceAsStream("runner-config.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("${SUBNET}", subnet).replace("${SECURITY_GROUP}", securityGroup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test configuration with made-up network IDs (for checks that make no AWS calls). */
    public static RunnerConfig offlineConfig() {
        return RunnerConfigLoader.parse(configText("subnet-0a1b2c3d", "sg-0a1b2c3d"), "runner-config.yaml");
    }

    /**
     * Creates in moto what the test configuration names (VPC subnet, security group, cluster,
     * task definitions, log group) and returns the configuration text pointing at them.
     */
    public static String createRunnerResources(AwsClients clients) {
        String vpc = clients.ec2().createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        // moto's awsvpc RunTask needs a VPC with DNS host names (as default VPCs have).
        clients.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(true)));
        String subnet = clients.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.20.1.0/24")).subnet().subnetId();
        String sg = clients.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("deploy-runner")
                .description("deploy runner tasks")).groupId();
        clients.ecs().createCluster(r -> r.clusterName(CLUSTER));
        registerTaskDefinition(clients, "deploy-runner-packer", "packer");
        registerTaskDefinition(clients, "deploy-runner-terraform-planner", "terraform");
        clients.logs().createLogGroup(r -> r.logGroupName(LOG_GROUP));
        holdTasksRunning(clients.endpointUrl());
        return configText(subnet, sg);
    }

    /**
     * moto moves a task one state further towards STOPPED each time it is described; real
     * tasks run until their container exits. Keep them RUNNING until a test stops them.
     */
    public static void holdTasksRunning(String endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/moto-api/state-manager/set-transition")
                    .toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (var out = c.getOutputStream()) {
                out.write("{\"model_name\": \"ecs::task\", \"transition\": {\"progression\": \"manual\", \"times\": 1000000}}"
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (c.getResponseCode() / 100 != 2) {
                throw new IOException("moto's state manager answered " + c.getResponseCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Fargate task definition of one container whose awslogs stream is runner/CONTAINER/TASK in {@link #LOG_GROUP}. */
    public static void registerTaskDefinition(AwsClients clients, String family, String container) {
        clients.ecs().registerTaskDefinition(r -> r.family(family)
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu("512").memory("1024")
                .containerDefinitions(ContainerDefinition.builder().name(container).image("deploy-runner:test")
                        .essential(true)
                        .memory(1024) // moto needs container-level memory
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS)
                                .options(java.util.Map.of("awslogs-group", LOG_GROUP, "awslogs-region", "us-east-1",
                                        "awslogs-stream-prefix", "runner")))
                        .build()));
    }
}
