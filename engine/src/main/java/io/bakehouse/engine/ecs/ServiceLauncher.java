package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The start of a deployment, up to the service's update: reads the service and its task definition,
 * checks the request against them and the new images (ECR, scans), registers the new revision and
 * points the service at it. Everything that can refuse the request does so before the first write,
 * and a revision registered for an update that then fails is deregistered again.
 */
final class ServiceLauncher {

    private ServiceLauncher() {
    }

    static ServiceLaunch launch(Rollout d, EcsServiceDeployRequest request) {
        Service service = describe(d, request);
        String name = request.serviceName();
        String previousArn = service.taskDefinition();
        DescribeTaskDefinitionResponse current = AwsErrors.call("reading task definition "
                + ImagePlan.name(previousArn), () -> d.api().describeTaskDefinition(previousArn));
        ImagePlan plan = ImagePlan.of(current.taskDefinition(), request);
        d.reporter().progress("Service " + name + " in cluster " + request.clusterName() + " runs "
                + ImagePlan.name(previousArn) + "; on failure " + (ServiceRollback.ecsRollsBack(service)
                ? "ECS rolls it back" : "it is rolled back here (ECS's rollback is off)"));
        Map<String, String> changes = plan.changes();
        changes.forEach((container, image) -> d.reporter().progress("  " + container + ": "
                + plan.before().get(container) + " -> " + image));
        ImageChecks.check(d, plan, request.maxFindings());
        d.checkCancelled(name, "while checking the images");
        if (changes.isEmpty() && !request.forceNewDeployment()) {
            EcsServiceDeployResult result = unchanged(d, service, previousArn, plan);
            ServiceReportWriter.unchanged(d, request, result);
            return new ServiceLaunch(result, null);
        }
        String newArn = changes.isEmpty() ? previousArn : register(d, current, plan);
        Service updated = update(d, request, newArn, !newArn.equals(previousArn));
        Deployment primary = RolloutWatch.primary(updated);
        if (primary == null) {
            throw BakehouseException.failure("ECS answered the update of service " + name
                    + " without a primary deployment", "look at the service in the ECS console");
        }
        RolloutState state = new RolloutState(request.cluster(), request.service(), primary.id(), newArn, previousArn,
                plan.after(), newestEventId(service), request.report());
        d.reporter().progress("Updated service " + name + " to " + ImagePlan.name(newArn)
                + (request.forceNewDeployment() ? " (forced new deployment)" : "") + ": deployment " + primary.id());
        d.checkpoint().accept(state);
        return new ServiceLaunch(null, state);
    }

    /** The service, checked: it exists, is active, and ECS deploys it (rolling updates). */
    private static Service describe(Rollout d, EcsServiceDeployRequest request) {
        Service service;
        try {
            service = d.api().describeService(request.cluster(), request.service()).orElse(null);
        } catch (ClusterNotFoundException e) {
            throw new InvalidInputException("cluster", "cluster " + request.clusterName() + " does not exist",
                    "check the cluster's name, the account and the region (aws ecs list-clusters)");
        } catch (SdkException e) {
            throw AwsErrors.translate("reading service " + request.serviceName(), e);
        }
        if (service == null) {
            throw new InvalidInputException("service", "cluster " + request.clusterName() + " has no active service "
                    + request.serviceName(), "check the service's name (aws ecs list-services --cluster "
                    + request.clusterName() + ")");
        }
        DeploymentController controller = service.deploymentController();
        if (controller != null && controller.type() != null && !"ECS".equals(controller.typeAsString())) {
            throw new InvalidInputException("service", "service " + request.serviceName() + " uses the "
                    + controller.typeAsString() + " deployment controller, which ecsServiceDeploy does not drive",
                    "ecsServiceDeploy rolls services that ECS deploys itself (deployment controller ECS)");
        }
        if (service.taskDefinition() == null) {
            throw new InvalidInputException("service", "service " + request.serviceName()
                    + " has no task definition of its own (it runs task sets)", null);
        }
        return service;
    }

    private static EcsServiceDeployResult unchanged(Rollout d, Service service, String arn, ImagePlan plan) {
        Deployment primary = RolloutWatch.primary(service);
        d.reporter().progress("No changes: " + ImagePlan.name(arn) + " already runs "
                + String.join(", ", plan.given().values().stream().map(ImageReference::text).distinct().toList()));
        return new EcsServiceDeployResult(arn, arn, primary == null ? null : primary.id(),
                primary == null ? null : primary.rolloutStateAsString(),
                primary == null ? service.runningCount() : primary.runningCount(), plan.after(), true);
    }

    private static String register(Rollout d, DescribeTaskDefinitionResponse current, ImagePlan plan) {
        String arn = AwsErrors.call("registering a new revision of " + current.taskDefinition().family(),
                () -> d.api().registerTaskDefinition(TaskDefinitionCopy.of(current.taskDefinition(), current.tags(),
                        plan.changes())));
        d.reporter().progress("Registered task definition " + ImagePlan.name(arn) + " (" + ImagePlan.name(current
                .taskDefinition()) + " with the new image" + (plan.changes().size() == 1 ? "" : "s") + ")");
        return arn;
    }

    /** Updates the service; a revision registered for it ({@code registered}) is deregistered if that fails. */
    private static Service update(Rollout d, EcsServiceDeployRequest request, String arn, boolean registered) {
        try {
            d.checkCancelled(request.serviceName(), "before the service was updated");
            return AwsErrors.call("updating service " + request.serviceName(), () -> d.api().updateService(
                    request.cluster(), request.service(), arn, request.forceNewDeployment()));
        } catch (BakehouseException e) {
            if (registered) {
                deregister(d, arn, e);
            }
            throw e;
        }
    }

    private static void deregister(Rollout d, String arn, BakehouseException cause) {
        try {
            d.api().deregisterTaskDefinition(arn);
            d.reporter().progress("Deregistered task definition " + ImagePlan.name(arn) + " (the service never ran it)");
        } catch (SdkException e) {
            cause.addSuppressed(e);
            d.reporter().warn("Could not deregister task definition " + ImagePlan.name(arn) + " ("
                    + AwsErrors.translate("deregistering it", e).getMessage() + "); deregister it by hand");
        }
    }

    private static String newestEventId(Service service) {
        return service.events().isEmpty() ? null : service.events().get(0).id();
    }
}
