package io.bakehouse.engine.ecs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** {@link EcsServiceApi} over the AWS SDK: ECS and CloudWatch in the clients' region, ECR in each image's. */
public final class SdkEcsServiceApi implements EcsServiceApi {

    /** DescribeTasks takes at most this many tasks. */
    private static final int DESCRIBE_LIMIT = 100;

    private final Supplier<EcsClient> ecs;
    private final Function<String, EcrClient> ecrInRegion;
    private final Supplier<CloudWatchClient> cloudWatch;

    public SdkEcsServiceApi(Supplier<EcsClient> ecs, Function<String, EcrClient> ecrInRegion,
                            Supplier<CloudWatchClient> cloudWatch) {
        this.ecs = ecs;
        this.ecrInRegion = ecrInRegion;
        this.cloudWatch = cloudWatch;
    }

    @Override
    public Optional<Service> describeService(String cluster, String service) {
        List<Service> found = ecs.get().describeServices(r -> r.cluster(cluster).services(service)).services();
        // DRAINING: being deleted; INACTIVE: deleted (ECS lists it for a while)
        return found.stream().filter(s -> !"INACTIVE".equals(s.status()) && !"DRAINING".equals(s.status()))
                .findFirst();
    }

    @Override
    public DescribeTaskDefinitionResponse describeTaskDefinition(String taskDefinition) {
        return ecs.get().describeTaskDefinition(r -> r.taskDefinition(taskDefinition).include(TaskDefinitionField.TAGS));
    }

    @Override
    public String registerTaskDefinition(RegisterTaskDefinitionRequest request) {
        return ecs.get().registerTaskDefinition(request).taskDefinition().taskDefinitionArn();
    }

    @Override
    public void deregisterTaskDefinition(String taskDefinitionArn) {
        ecs.get().deregisterTaskDefinition(r -> r.taskDefinition(taskDefinitionArn));
    }

    @Override
    public Service updateService(String cluster, String service, String taskDefinition, boolean forceNewDeployment) {
        return ecs.get().updateService(r -> r.cluster(cluster).service(service).taskDefinition(taskDefinition)
                .forceNewDeployment(forceNewDeployment)).service();
    }

    @Override
    public List<Task> stoppedTasks(String cluster, String startedBy, int limit) {
        List<String> arns = ecs.get().listTasks(r -> r.cluster(cluster).startedBy(startedBy)
                .desiredStatus(DesiredStatus.STOPPED).maxResults(Math.min(limit, DESCRIBE_LIMIT))).taskArns();
        if (arns.isEmpty()) {
            return List.of();
        }
        List<String> some = arns.subList(0, Math.min(limit, arns.size()));
        return ecs.get().describeTasks(r -> r.cluster(cluster).tasks(some)).tasks();
    }

    @Override
    public List<AlarmState> alarms(List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        DescribeAlarmsResponse response = cloudWatch.get().describeAlarms(r -> r.alarmNames(names)
                .alarmTypesWithStrings("MetricAlarm", "CompositeAlarm"));
        List<AlarmState> states = new ArrayList<>();
        response.metricAlarms().forEach(a -> states.add(new AlarmState(a.alarmName(), a.stateValueAsString(),
                a.stateReason())));
        response.compositeAlarms().forEach(a -> states.add(new AlarmState(a.alarmName(), a.stateValueAsString(),
                a.stateReason())));
        return states;
    }

    @Override
    public PushedImage describeImage(EcrImage image) {
        List<ImageDetail> details = ecrInRegion.apply(image.region()).describeImages(r -> r
                .registryId(image.registryId()).repositoryName(image.repository()).imageIds(id(image))).imageDetails();
        if (details.isEmpty()) {
            throw ImageNotFoundException.builder().message("no image " + image.label()).build();
        }
        ImageDetail d = details.get(0);
        return new PushedImage(d.imageDigest(), d.imageTags(), d.imagePushedAt());
    }

    @Override
    public ScanReport scanFindings(EcrImage image) {
        DescribeImageScanFindingsResponse r = ecrInRegion.apply(image.region()).describeImageScanFindings(q -> q
                .registryId(image.registryId()).repositoryName(image.repository()).imageId(id(image)));
        String status = r.imageScanStatus() == null ? null : r.imageScanStatus().statusAsString();
        String description = r.imageScanStatus() == null ? null : r.imageScanStatus().description();
        return new ScanReport(status, description,
                r.imageScanFindings() == null ? null : r.imageScanFindings().findingSeverityCountsAsStrings());
    }

    /** The digest when the reference has one (it names exactly one image), else the tag. */
    private static ImageIdentifier id(EcrImage image) {
        return image.digest() != null ? ImageIdentifier.builder().imageDigest(image.digest()).build()
                : ImageIdentifier.builder().imageTag(image.tag()).build();
    }
}
