package io.bakehouse.engine.ecs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The ECS, ECR and CloudWatch calls a service deployment makes. {@link SdkEcsServiceApi} is the
 * real one; tests put a scripted fake behind it for what an emulator cannot do (run tasks, move a
 * deployment's rollout state, fail it through the circuit breaker and roll it back, write service
 * events). Calls throw the SDK's exceptions; the deployment turns them into words.
 */
public interface EcsServiceApi {

    /**
     * The service, or empty when the cluster has no active service of that name. An unknown cluster
     * throws ECS's {@code ClusterNotFoundException}.
     */
    Optional<Service> describeService(String cluster, String service);

    /** The task definition with its tags ({@code DescribeTaskDefinition}, {@code include TAGS}). */
    DescribeTaskDefinitionResponse describeTaskDefinition(String taskDefinition);

    /** Registers a revision; returns its ARN. */
    String registerTaskDefinition(RegisterTaskDefinitionRequest request);

    void deregisterTaskDefinition(String taskDefinitionArn);

    /** Points the service at {@code taskDefinition}; returns the service as ECS answers (with the new deployment). */
    Service updateService(String cluster, String service, String taskDefinition, boolean forceNewDeployment);

    /** Up to {@code limit} stopped tasks that {@code startedBy} (a deployment's ID) started. */
    List<Task> stoppedTasks(String cluster, String startedBy, int limit);

    /** The CloudWatch alarms called {@code names}, metric and composite, with their states. */
    List<AlarmState> alarms(List<String> names);

    /** The ECR image {@code image} names; throws ECR's {@code ImageNotFoundException} or {@code RepositoryNotFoundException}. */
    PushedImage describeImage(EcrImage image);

    /** The image's latest scan; throws ECR's {@code ScanNotFoundException} when it has none. */
    ScanReport scanFindings(EcrImage image);

    /** A CloudWatch alarm's state: {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}, with CloudWatch's reason. */
    record AlarmState(String name, String state, String reason) {
    }

    /** What ECR knows of a pushed image. */
    record PushedImage(String digest, List<String> tags, Instant pushedAt) {
    }

    /**
     * An image scan: its status ({@code COMPLETE}, {@code IN_PROGRESS}, {@code FAILED}, ...; {@code ACTIVE}
     * for continuous enhanced scanning), ECR's description of it, and severity → number of findings.
     */
    record ScanReport(String status, String description, Map<String, Integer> counts) {

        public ScanReport {
            status = status == null ? "UNKNOWN" : status;
            counts = counts == null ? Map.of() : Map.copyOf(counts);
        }
    }
}
