package io.bakehouse.jenkins.live;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.testkit.ServiceFixtures;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The ECS services ecsServiceDeploy's live tests roll, made in the suite's moto: the ECR images
 * {@code app:v1} and {@code app:v2} (records of a manifest, all ECR keeps of an image), the cluster
 * {@link #CLUSTER} and the task definition family {@code app} on v1 (container web, a non-essential
 * log-router, tags), once per suite; then a service of its own for each test. moto runs no task:
 * it says every service it creates runs one ({@code MOTO_ECS_SERVICE_RUNNING=1}, see
 * {@link LiveJenkins}), so a service that wants one task has its deployment COMPLETED from the
 * start, and one that wants two has it IN_PROGRESS for good. An update changes the service's task
 * definition but starts no deployment: the service keeps its first one, which still names the
 * first revision.
 */
final class LiveServices {

    static final String CLUSTER = ServiceFixtures.CLUSTER;
    private static String first;

    private LiveServices() {
    }

    /** The images, cluster and task definition (made on the first call); the task definition's ARN (app:1). */
    static synchronized String taskDefinition(AwsClients aws) {
        if (first == null) {
            ServiceFixtures.pushImage(aws, "v1");
            ServiceFixtures.pushImage(aws, "v2");
            first = ServiceFixtures.createServices(aws, ServiceFixtures.image("v1"));
        }
        return first;
    }

    /** A new service {@code name} on app:1 that wants {@code desired} tasks; returns app:1's ARN. */
    static String create(AwsClients aws, String name, int desired) {
        String arn = taskDefinition(aws);
        aws.ecs().createService(r -> r.cluster(CLUSTER).serviceName(name).taskDefinition(arn).desiredCount(desired)
                .launchType(LaunchType.EC2));
        return arn;
    }

    static Service service(AwsClients aws, String name) {
        return aws.ecs().describeServices(r -> r.cluster(CLUSTER).services(name)).services().get(0);
    }

    /** Every revision of the family, oldest first. */
    static List<String> revisions(AwsClients aws) {
        return aws.ecs().listTaskDefinitions(r -> r.familyPrefix("app")).taskDefinitionArns();
    }

    /** {@code REGISTRY/app:TAG}, the image reference of a tag pushed to ECR in moto. */
    static String image(String tag) {
        return ServiceFixtures.image(tag);
    }

    /**
     * A pipeline on the agent that rolls {@code service} with {@code args} (e.g. {@code image: '...'})
     * and the AWS options {@code aws}, writing the report to reports/ecs.html and echoing the result.
     */
    static String pipeline(String service, String args, String aws) {
        return """
                node('ecs-fargate') {
                  def d = ecsServiceDeploy cluster: '%s', service: '%s', %s,
                      report: 'reports/ecs.html', %s
                  echo "keys=${d.keySet()}"
                  echo "taskDefinitionArn=${d.taskDefinitionArn}"
                  echo "previousTaskDefinitionArn=${d.previousTaskDefinitionArn}"
                  echo "deploymentId=${d.deploymentId}"
                  echo "rolloutState=${d.rolloutState}"
                  echo "runningCount=${d.runningCount}"
                  echo "web=${d.images.web}"
                  echo "logRouter=${d.images['log-router']}"
                  echo "containers=${d.images.keySet()}"
                  echo "noChanges=${d.noChanges}"
                }
                """.formatted(CLUSTER, service, args, aws);
    }
}
