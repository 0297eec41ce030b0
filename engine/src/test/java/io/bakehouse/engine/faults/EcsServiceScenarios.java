package io.bakehouse.engine.faults;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.ecs.EcsServiceDeployRequest;
import io.bakehouse.engine.ecs.EcsServiceDeployResult;
import io.bakehouse.engine.ecs.FastServiceDeployer;
import io.bakehouse.engine.ecs.RolloutFailedException;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.ServiceFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * The fault matrix's rows for ecsServiceDeploy. Each run rolls a service of its own ({@code fm-ID},
 * in the cluster of {@link ServiceFixtures}) whose task definition family is its own too, so what
 * a run registered and left is told apart from the others'. moto says a service that wants one
 * task runs it, so its deployment reads COMPLETED at once; the ECR image app:v2 has a completed
 * scan (one HIGH finding), which the run's limit (no CRITICAL) lets through. moto judges no
 * deployment, so the failed rollout is ECS's answer played by the run's proxy: its deployment
 * FAILED by the circuit breaker, with rollback off, so the step reads the stopped task it left
 * (started by the deployment and stopped in moto) and rolls the service back itself.
 */
final class EcsServiceScenarios {

    static final String STEP = "ecsServiceDeploy";
    private static final String REGION = "us-east-1";
    private static AwsClients direct;
    private static TaskDefinition template;

    private EcsServiceScenarios() {
    }

    /** The images, the cluster and the task definition each run's family copies (app:1 on app:v1). */
    static void fixtures(AwsClients clients) {
        direct = clients;
        String first = ServiceFixtures.create(clients);
        ServiceFixtures.scan(clients, "v2", "COMPLETE", Map.of("HIGH", 1));
        template = clients.ecs().describeTaskDefinition(r -> r.taskDefinition(first)
                .include(TaskDefinitionField.TAGS)).taskDefinition();
    }

    static String service(String id) {
        return "fm-" + id;
    }

    /** Revision {@code n} of run {@code id}'s family. */
    static String revision(String id, int n) {
        return "arn:aws:ecs:" + REGION + ":" + ServiceFixtures.ACCOUNT + ":task-definition/" + service(id) + ":" + n;
    }

    /** The family's revision 1 and a service on it that wants {@code desired} tasks. */
    static void createService(String id, int desired) {
        String arn = direct.ecs().registerTaskDefinition(r -> r.family(service(id)).cpu(template.cpu())
                .memory(template.memory()).containerDefinitions(template.containerDefinitions())).taskDefinition()
                .taskDefinitionArn();
        direct.ecs().createService(r -> r.cluster(ServiceFixtures.CLUSTER).serviceName(service(id)).taskDefinition(arn)
                .desiredCount(desired).launchType(LaunchType.EC2));
    }

    static Service describe(String id) {
        return direct.ecs().describeServices(r -> r.cluster(ServiceFixtures.CLUSTER).services(service(id)))
                .services().get(0);
    }

    /** A task definition ARN of run {@code id}'s family as its revision ({@code :2}), for summaries. */
    static String rev(String id, String arn) {
        return arn == null ? "none" : arn.replace(revision(id, 0).replaceAll("0$", ""), ":");
    }

    /** The family's active revisions, for summaries. */
    static List<String> revisions(String id) {
        return direct.ecs().listTaskDefinitions(r -> r.familyPrefix(service(id))).taskDefinitionArns().stream()
                .map(a -> rev(id, a)).toList();
    }

    static EcsServiceDeployRequest request(String id) {
        return EcsServiceDeployRequest.builder(ServiceFixtures.CLUSTER, service(id)).image(ServiceFixtures.image("v2"))
                .maxFindings("CRITICAL=0").timeout(Duration.ofMinutes(2)).build();
    }

    /**
     * Revisions registered and never run: what a step that refused or failed before its update must
     * deregister again, or name.
     */
    static List<FaultMatrixTest.Leftover> orphans(String id) {
        String runs = describe(id).taskDefinition();
        List<FaultMatrixTest.Leftover> left = new ArrayList<>();
        for (String arn : direct.ecs().listTaskDefinitions(r -> r.familyPrefix(service(id))).taskDefinitionArns()) {
            if (!arn.equals(revision(id, 1)) && !arn.equals(runs)) {
                String name = arn.substring(arn.lastIndexOf('/') + 1);
                left.add(new FaultMatrixTest.Leftover("task definition " + name + " registered, not run", name));
            }
        }
        return left;
    }

    /** Masks what differs from run to run besides its id: deployment and task IDs. */
    static String normalizedIds(String warning) {
        return warning.replaceAll("ecs-svc/\\d+", "ecs-svc/<n>").replaceAll("\\b[0-9a-f]{32}\\b|\\b[0-9a-f-]{36}\\b",
                "<task>");
    }

    abstract static class EcsScenario extends FaultMatrixTest.Scenario {
        EcsScenario(String variant, String... rows) {
            super(STEP, variant, rows);
        }

        @Override
        String normalized(String warning, String id) {
            return normalizedIds(super.normalized(warning, id));
        }
    }

    /** A new image rolled out: every call of a deployment that completes. */
    static final class Rollout extends EcsScenario {
        Rollout() {
            super("new image, rolled out", "ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecr:DescribeImages",
                    "ecr:DescribeImageScanFindings", "ecs:RegisterTaskDefinition", "ecs:UpdateService");
        }

        @Override
        void prepare(String id) {
            createService(id, 1);
        }

        @Override
        String run(FaultMatrixTest.Cell cell) {
            String id = cell.id;
            EcsServiceDeployResult r = FastServiceDeployer.of(cell.clients, cell.reporter).deploy(request(id),
                    new CancelToken());
            return "taskDefinition=" + rev(id, r.taskDefinitionArn()) + " previous=" + rev(id, r.previousTaskDefinitionArn())
                    + " rollout=" + r.rolloutState() + " running=" + r.runningCount() + " noChanges=" + r.noChanges()
                    + " images=" + r.images() + " serviceRuns=" + rev(id, describe(id).taskDefinition())
                    + " revisions=" + revisions(id);
        }

        @Override
        List<FaultMatrixTest.Leftover> leftovers(String id, boolean failed) {
            return orphans(id);
        }
    }

    /** ECS refuses the update: the step deregisters the revision it registered for it. */
    static final class CleanUp extends EcsScenario {
        static final String REFUSAL = "refused by the fault matrix";

        CleanUp() {
            super("update refused, revision deregistered", "ecs:DeregisterTaskDefinition");
        }

        @Override
        void prepare(String id) {
            createService(id, 1);
        }

        @Override
        void standingFaults(FaultProxy proxy, String id) {
            proxy.always(r -> "ecs:UpdateService".equals(FaultMatrixTest.site(r)),
                    Fault.awsError(400, "InvalidParameterException", REFUSAL));
        }

        @Override
        String run(FaultMatrixTest.Cell cell) {
            String id = cell.id;
            try {
                FastServiceDeployer.of(cell.clients, cell.reporter).deploy(request(id), new CancelToken());
                return "deployed although the update was refused";
            } catch (BakehouseException e) {
                if (!e.getMessage().contains(REFUSAL)) {
                    throw e;
                }
                return "refused: " + e.getMessage().replace(service(id), "<service>") + " serviceRuns="
                        + rev(id, describe(id).taskDefinition()) + " (a failure by design)";
            }
        }

        @Override
        List<FaultMatrixTest.Leftover> leftovers(String id, boolean failed) {
            return orphans(id);
        }
    }

    /**
     * The rollout FAILED (ECS's answer, played by the proxy from the service's update on until the
     * step's own rollback): the step reads the stopped task for the root cause, rolls the service
     * back and fails. These are the rows of the root cause's calls.
     */
    static final class Failed extends EcsScenario {
        static final String REASON = "CannotPullContainerError: pull image manifest has been retried 5 time(s)";
        private final Map<String, String> deployments = new ConcurrentHashMap<>();

        Failed() {
            super("rollout failed, rolled back here", "ecs:ListTasks", "ecs:DescribeTasks");
        }

        @Override
        void prepare(String id) {
            createService(id, 1);
            // moto's update keeps the service's deployment, so the deployment ECS fails is this one
            String deployment = describe(id).deployments().get(0).id();
            deployments.put(id, deployment);
            ServiceFixtures.failTaskOf(direct, deployment, REASON);
        }

        @Override
        void standingFaults(FaultProxy proxy, String id) {
            proxy.always(r -> "ecs:DescribeServices".equals(FaultMatrixTest.site(r)) && proxy.requests("UpdateService") == 1,
                    (client, request) -> Fault.respond(200, "application/x-amz-json-1.1", failed(id)).apply(client, request));
        }

        /** ECS's DescribeServices once the circuit breaker failed the deployment to revision 2 (rollback off). */
        private String failed(String id) {
            Service s = describe(id);
            Map<String, Object> deployment = new LinkedHashMap<>();
            deployment.put("id", deployments.get(id));
            deployment.put("status", "PRIMARY");
            deployment.put("taskDefinition", revision(id, 2));
            deployment.put("desiredCount", 1);
            deployment.put("runningCount", 0);
            deployment.put("pendingCount", 0);
            deployment.put("failedTasks", 1);
            deployment.put("rolloutState", "FAILED");
            deployment.put("rolloutStateReason", "ECS deployment circuit breaker: tasks failed to start.");
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("serviceArn", s.serviceArn());
            service.put("serviceName", s.serviceName());
            service.put("clusterArn", s.clusterArn());
            service.put("status", "ACTIVE");
            service.put("taskDefinition", revision(id, 2));
            service.put("desiredCount", 1);
            service.put("runningCount", 0);
            service.put("deploymentConfiguration", Map.of("deploymentCircuitBreaker",
                    Map.of("enable", true, "rollback", false)));
            service.put("deployments", List.of(deployment));
            service.put("events", List.of());
            return Json.write(Map.of("services", List.of(service), "failures", List.of()));
        }

        @Override
        String run(FaultMatrixTest.Cell cell) {
            String id = cell.id;
            try {
                FastServiceDeployer.of(cell.clients, cell.reporter).deploy(request(id), new CancelToken());
                return "deployed although the rollout failed";
            } catch (RolloutFailedException e) {
                String explained = e.getMessage().contains(REASON) ? "the stopped task's reason"
                        : e.getMessage().contains("could not read the deployment's stopped tasks")
                        ? "could not read the stopped tasks, and said so" : "no";
                return "FAILED explained=" + explained + " rolledBackTo=" + rev(id, e.rolledBackTo()) + " serviceRuns="
                        + rev(id, describe(id).taskDefinition()) + " (a failure by design)";
            }
        }

        @Override
        List<FaultMatrixTest.Leftover> leftovers(String id, boolean failed) {
            // Revision 2 stays registered after a failed rollout, as ECS leaves it: it is the service that must be back.
            String runs = describe(id).taskDefinition();
            return runs.equals(revision(id, 1)) ? List.of()
                    : List.of(new FaultMatrixTest.Leftover("service " + service(id) + " still on " + rev(id, runs),
                    service(id)));
        }
    }
}
