package io.bakehouse.cli;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.ecs.EcsServiceDeployRequest;
import io.bakehouse.engine.ecs.EcsServiceDeployResult;
import io.bakehouse.engine.ecs.ServiceDeployer;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

final class EcsServiceDeployCommand extends StepCommand {

    static final String NAME = "ecs-service-deploy";

    @Override
    Model usage() {
        return Model.of(this, NAME,
                new String[] {"Roll an ECS service to new container images, with rollback.",
                "Registers a revision of the service's task definition that differs only in the images, updates the"
                        + " service, and streams its events and the deployment's rollout until it completes. A failed"
                        + " rollout is explained and rolled back; Ctrl-C and the timeout roll the service back to its"
                        + " previous task definition."},
                new String[] {"", "Examples:",
                "  bakehouse ecs-service-deploy --cluster app-prod --service app \\",
                "      --image 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:9f1c2ab --max-findings CRITICAL=0,HIGH=0",
                "  bakehouse ecs-service-deploy --cluster app-prod --service app --output json \\",
                "      --images web=123456789012.dkr.ecr.us-east-1.amazonaws.com/app:9f1c2ab \\",
                "      --images log-router=public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4",
                "", ExitCodes.TABLE});
    }

    @Override
    void declare(Model m) {
        m.option("--cluster").label("NAME|ARN").description(Descriptions.EcsServiceDeploy.CLUSTER).required()
                .string(() -> cluster, v -> cluster = v);
        m.option("--service").label("NAME|ARN").description(Descriptions.EcsServiceDeploy.SERVICE).required()
                .string(() -> service, v -> service = v);
        m.option("--image").label("IMAGE").description(Descriptions.EcsServiceDeploy.IMAGE)
                .string(() -> image, v -> image = v);
        m.option("--images").label("CONTAINER=IMAGE").description(Descriptions.EcsServiceDeploy.IMAGES).split(",")
                .map(() -> images, v -> images = v);
        m.option("--timeout").label("DURATION").description(Descriptions.EcsServiceDeploy.TIMEOUT)
                .string(() -> timeout, v -> timeout = v);
        m.option("--max-findings").label("SEVERITY=N[,...]").description(Descriptions.EcsServiceDeploy.MAX_FINDINGS)
                .string(() -> maxFindings, v -> maxFindings = v);
        m.option("--force-new-deployment").description(Descriptions.EcsServiceDeploy.FORCE_NEW_DEPLOYMENT)
                .flag(() -> forceNewDeployment, v -> forceNewDeployment = v);
        m.option("--report").label("FILE").description(Descriptions.EcsServiceDeploy.REPORT)
                .string(() -> report, v -> report = v);
    }

    /** How long Ctrl-C waits for the engine to roll the service back and see the rollback settle. */
    private static final long SHUTDOWN_WAIT_MINUTES = 16;

    String cluster;

    String service;

    String image;

    Map<String, String> images = new LinkedHashMap<>();

    String timeout;

    String maxFindings;

    boolean forceNewDeployment;

    String report;

    @Override
    int execute(CliContext context, AwsClients clients, Reporter reporter) {
        EcsServiceDeployRequest request = EcsServiceDeployRequest.builder(cluster, service)
                .image(image).images(images).maxFindings(maxFindings).forceNewDeployment(forceNewDeployment)
                .timeout(timeout == null ? null : Durations.parse("timeout", timeout)).report(report)
                .build();
        CancelToken cancel = new CancelToken();
        EcsServiceDeployResult result = OnSignal.cancelling(context, "bakehouse-ecs-service-deploy-cancel",
                () -> cancel.cancel("interrupted by a signal"), Duration.ofMinutes(SHUTDOWN_WAIT_MINUTES),
                () -> ServiceDeployer.of(clients, reporter).deploy(request, cancel));
        return print(context, result, summary(lastPart(service), result));
    }

    static String summary(String service, EcsServiceDeployResult r) {
        StringBuilder s = new StringBuilder(service).append(": ");
        if (r.noChanges()) {
            s.append("no changes (").append(lastPart(r.taskDefinitionArn())).append(" already runs these images)");
        } else {
            s.append("deployment ").append(r.deploymentId()).append(' ').append(r.rolloutState()).append(", ")
                    .append(lastPart(r.taskDefinitionArn())).append(" (").append(r.runningCount()).append(" running)");
        }
        r.images().forEach((container, img) -> s.append('\n').append("  ").append(container).append(" = ").append(img));
        return s.toString();
    }

    private static String lastPart(String nameOrArn) {
        return nameOrArn == null ? "-" : nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }
}
