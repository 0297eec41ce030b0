package io.bakehouse.testkit;

import io.bakehouse.engine.aws.AwsClients;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * An ECS service and its ECR images, made in moto, for the ecsServiceDeploy tests. moto runs no
 * tasks and judges no deployment: a service's deployment reads COMPLETED when the server was started
 * with {@code MOTO_ECS_SERVICE_RUNNING} at least its desired count ({@link #RUNNING}), and stays
 * IN_PROGRESS otherwise. Its tasks' failures are played by starting a task for the deployment and
 * stopping it with ECS's reason, as the service scheduler would.
 */
public final class ServiceFixtures {

    public static final String CLUSTER = "prod";
    /** Desired count 1: with {@link #RUNNING} its deployments read COMPLETED. */
    public static final String SERVICE = "app";
    /** Desired count 2: its deployments stay IN_PROGRESS. */
    public static final String SLOW_SERVICE = "app-slow";
    public static final String ACCOUNT = "123456789012";
    public static final String REGISTRY = ACCOUNT + ".dkr.ecr." + MotoServer.REGION + ".amazonaws.com";
    public static final String REPOSITORY = "app";
    /** moto's switch for {@link MotoServer#MotoServer(Map)}: every new service runs one task. */
    public static final Map<String, String> RUNNING = Map.of("MOTO_ECS_SERVICE_RUNNING", "1");

    private ServiceFixtures() {
    }

    /** {@code REGISTRY/app:TAG}. */
    public static String image(String tag) {
        return REGISTRY + "/" + REPOSITORY + ":" + tag;
    }

    /**
     * The cluster, the task definition family {@code app} (container web running {@code image}, a
     * non-essential log-router, a volume, tags) and the services {@link #SERVICE} and
     * {@link #SLOW_SERVICE} on it. Returns the task definition's ARN.
     */
    public static String createServices(AwsClients clients, String image) {
        clients.ecs().createCluster(r -> r.clusterName(CLUSTER));
        String arn = clients.ecs().registerTaskDefinition(r -> r.family("app")
                .taskRoleArn("arn:aws:iam::" + ACCOUNT + ":role/app-task")
                .executionRoleArn("arn:aws:iam::" + ACCOUNT + ":role/app-execution")
                .cpu("256").memory("512")
                .volumes(Volume.builder().name("scratch").build())
                .containerDefinitions(
                        ContainerDefinition.builder().name("web").image(image).essential(true).memory(256)
                                .portMappings(PortMapping.builder().containerPort(8080).hostPort(8080).build())
                                .environment(KeyValuePair.builder().name("MODE").value("prod").build()).build(),
                        ContainerDefinition.builder().name("log-router").image("public.ecr.aws/aws-observability/"
                                + "aws-for-fluent-bit:stable").essential(false).memory(64).build())
                .tags(Tag.builder().key("team").value("web").build(), Tag.builder().key("env").value("prod").build()))
                .taskDefinition().taskDefinitionArn();
        clients.ecs().createService(r -> r.cluster(CLUSTER).serviceName(SERVICE).taskDefinition(arn).desiredCount(1)
                .launchType(LaunchType.EC2));
        clients.ecs().createService(r -> r.cluster(CLUSTER).serviceName(SLOW_SERVICE).taskDefinition(arn)
                .desiredCount(2).launchType(LaunchType.EC2));
        return arn;
    }

    /** Images v1 and v2 pushed, and the services running v1 ({@link #createServices}); returns the task definition's ARN. */
    public static String create(AwsClients clients) {
        pushImage(clients, "v1");
        pushImage(clients, "v2");
        return createServices(clients, image("v1"));
    }

    /** Pushes an image record tagged {@code tag} to the repository (created with scan on push if needed); returns its digest. */
    public static String pushImage(AwsClients clients, String tag) {
        try {
            clients.ecr().createRepository(r -> r.repositoryName(REPOSITORY)
                    .imageScanningConfiguration(s -> s.scanOnPush(true)));
        } catch (RepositoryAlreadyExistsException exists) {
            // pushed to before
        }
        String layer = sha256Of(tag);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1000,"
                + "\"digest\":\"" + layer + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":2000,\"digest\":\"" + layer + "\"}]}";
        return clients.ecr().putImage(r -> r.repositoryName(REPOSITORY).imageTag(tag).imageManifest(manifest))
                .image().imageId().imageDigest();
    }

    /**
     * Scans the image tagged {@code tag}, finding {@code counts} (severity → findings): moto scans
     * nothing, so its answer is set through its API (static ECR scan results) before the scan starts.
     */
    public static void scan(AwsClients clients, String tag, String status, Map<String, Integer> counts) {
        String severities = counts.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(","));
        post(clients.endpointUrl() + "/moto-api/static/ecr/scan-finding-results", "{\"region\":\"" + MotoServer.REGION
                + "\",\"results\":[{\"registryId\":\"" + ACCOUNT + "\",\"repositoryName\":\"" + REPOSITORY + "\","
                + "\"imageId\":{\"imageTag\":\"" + tag + "\"},\"imageScanStatus\":{\"status\":\"" + status + "\","
                + "\"description\":\"The scan was completed successfully.\"},\"imageScanFindings\":"
                + "{\"findingSeverityCounts\":{" + severities + "}}}]}");
        clients.ecr().startImageScan(r -> r.repositoryName(REPOSITORY).imageId(i -> i.imageTag(tag)));
    }

    /** The task a deployment started and ECS stopped: started by the deployment's ID, stopped with {@code reason}. */
    public static String failTaskOf(AwsClients clients, String deploymentId, String reason) {
        String arn = clients.ecs().runTask(r -> r.cluster(CLUSTER).taskDefinition("app").launchType(LaunchType.FARGATE)
                .startedBy(deploymentId)).tasks().get(0).taskArn();
        clients.ecs().stopTask(r -> r.cluster(CLUSTER).task(arn).reason(reason));
        return arn;
    }

    private static String sha256Of(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder s = new StringBuilder("sha256:");
            for (byte b : d) {
                s.append(String.format("%02x", b));
            }
            return s.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void post(String url, String json) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
            if (c.getResponseCode() / 100 != 2) {
                throw new IOException("moto answered " + c.getResponseCode() + " to " + url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
