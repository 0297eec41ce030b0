package io.bakehouse.engine.ecs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * An in-memory ECS service for what the emulator cannot do: deployments whose rollout moves
 * (IN_PROGRESS → COMPLETED or FAILED), the circuit breaker's rollback, service events, tasks that
 * stopped with reasons. An update starts a new PRIMARY deployment and queues the script given for
 * its task definition; every {@code describeService} plays the next step of the queue.
 */
final class FakeEcsService implements EcsServiceApi {

    static final String CLUSTER = "prod";
    static final String SERVICE = "app";
    static final String TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/app:";

    /** A deployment as it changes. */
    static final class Dep {
        final String id;
        final String taskDefinition;
        String status = "PRIMARY";
        String rolloutState = "IN_PROGRESS";
        String reason;
        int running;
        int pending;
        int failed;
        final int desired;
        final Instant createdAt = Instant.now();

        Dep(String id, String taskDefinition, int desired) {
            this.id = id;
            this.taskDefinition = taskDefinition;
            this.desired = desired;
        }

        Deployment toSdk() {
            return Deployment.builder().id(id).createdAt(createdAt).status(status).taskDefinition(taskDefinition)
                    .rolloutState(rolloutState)
                    .rolloutStateReason(reason).desiredCount(desired).runningCount(running).pendingCount(pending)
                    .failedTasks(failed).build();
        }
    }

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<RegisterTaskDefinitionRequest> registered = new ArrayList<>();
    final List<Dep> deployments = new ArrayList<>();
    final Map<String, TaskDefinition> taskDefinitions = new LinkedHashMap<>();
    final Map<String, List<Consumer<FakeEcsService>>> scripts = new HashMap<>();
    final Deque<Consumer<FakeEcsService>> queue = new ArrayDeque<>();
    final Deque<RuntimeException> describeFailures = new ArrayDeque<>();
    final List<Task> stopped = new ArrayList<>();
    final List<AlarmState> alarms = new ArrayList<>();
    final Map<String, PushedImage> images = new HashMap<>();
    /** Image label → the scans ECR answers, one per call; the last one again once they run out. */
    final Map<String, Deque<ScanReport>> scans = new HashMap<>();
    /** Thrown by the next {@code updateService}, if set. */
    RuntimeException updateFailure;
    private final List<ServiceEvent> events = new ArrayList<>(); // newest first, as ECS lists them
    String taskDefinition;
    DeploymentConfiguration configuration = DeploymentConfiguration.builder()
            .deploymentCircuitBreaker(b -> b.enable(true).rollback(true)).build();
    boolean exists = true;
    int desired = 2;
    private int deploymentCounter = 100;
    private int eventCounter;
    private int describes;
    Consumer<Integer> onDescribe = n -> { };

    /** A service running revision 3 of family app (container web, image app:v1), deployed and steady. */
    FakeEcsService() {
        TaskDefinition td = TaskDefinition.builder().taskDefinitionArn(TD + "3").family("app").revision(3)
                .containerDefinitions(ContainerDefinition.builder().name("web").image("app:v1").essential(true).build())
                .build();
        taskDefinitions.put(td.taskDefinitionArn(), td);
        taskDefinition = td.taskDefinitionArn();
        Dep first = new Dep("ecs-svc/" + deploymentCounter++, taskDefinition, desired);
        first.rolloutState = "COMPLETED";
        first.running = desired;
        deployments.add(first);
        event("(service app) has reached a steady state.");
    }

    /** Steps played after an update to revision {@code revision} of app. */
    FakeEcsService onUpdateTo(int revision, List<Consumer<FakeEcsService>> steps) {
        scripts.put(TD + revision, steps);
        return this;
    }

    /** Steps played from the next describe on, whatever happens. */
    synchronized FakeEcsService now(List<Consumer<FakeEcsService>> steps) {
        queue.addAll(steps);
        return this;
    }

    synchronized void event(String message) {
        eventCounter++;
        events.add(0, ServiceEvent.builder().id("ev-" + eventCounter)
                .createdAt(Instant.now()).message(message).build());
    }

    Dep newest() {
        return deployments.get(deployments.size() - 1);
    }

    /** Sets the newest deployment's rollout and counts. */
    static Consumer<FakeEcsService> rollout(String state, int running, int pending, int failed) {
        return f -> {
            Dep d = f.newest();
            d.rolloutState = state;
            d.running = running;
            d.pending = pending;
            d.failed = failed;
        };
    }

    static Consumer<FakeEcsService> say(String message) {
        return f -> f.event(message);
    }

    /** The circuit breaker's rollback: the failed deployment turns ACTIVE, a new PRIMARY runs the previous revision. */
    static Consumer<FakeEcsService> circuitBreakerRollsBackTo(int revision) {
        return f -> {
            Dep failed = f.newest();
            failed.rolloutState = "FAILED";
            failed.reason = "ECS deployment circuit breaker: tasks failed to start.";
            failed.status = "ACTIVE";
            Dep back = new Dep("ecs-svc/" + f.deploymentCounter++, TD + revision, f.desired);
            f.deployments.add(back);
            f.taskDefinition = TD + revision;
            f.event("(service app) (deployment " + failed.id + ") deployment failed: tasks failed to start.");
            f.event("(service app) rolling back to deployment " + back.id + ".");
        };
    }

    static List<Consumer<FakeEcsService>> steps(List<Consumer<FakeEcsService>> first, int idle) {
        List<Consumer<FakeEcsService>> all = new ArrayList<>(first);
        for (int i = 0; i < idle; i++) {
            all.add(f -> { });
        }
        return all;
    }

    private synchronized Service service() {
        return Service.builder().serviceName(SERVICE).status("ACTIVE").taskDefinition(taskDefinition)
                .desiredCount(desired).runningCount(deployments.stream().filter(d -> d.status.equals("PRIMARY"))
                        .mapToInt(d -> d.running).sum()).deploymentConfiguration(configuration)
                .deployments(deployments.stream().map(Dep::toSdk).toList()).events(List.copyOf(events)).build();
    }

    @Override
    public synchronized Optional<Service> describeService(String cluster, String service) {
        calls.add("describeService");
        onDescribe.accept(++describes);
        if (!describeFailures.isEmpty()) {
            throw describeFailures.poll();
        }
        Consumer<FakeEcsService> step = queue.poll();
        if (step != null) {
            step.accept(this);
        }
        return exists ? Optional.of(service()) : Optional.empty();
    }

    @Override
    public DescribeTaskDefinitionResponse describeTaskDefinition(String arn) {
        calls.add("describeTaskDefinition " + ImagePlan.name(arn));
        return DescribeTaskDefinitionResponse.builder().taskDefinition(taskDefinitions.get(arn))
                .tags(Tag.builder().key("team").value("web").build()).build();
    }

    @Override
    public synchronized String registerTaskDefinition(RegisterTaskDefinitionRequest request) {
        registered.add(request);
        int revision = taskDefinitions.size() + 3;
        String arn = TD + revision;
        taskDefinitions.put(arn, TaskDefinition.builder().taskDefinitionArn(arn).family(request.family())
                .revision(revision).containerDefinitions(request.containerDefinitions()).build());
        calls.add("registerTaskDefinition app:" + revision);
        return arn;
    }

    @Override
    public void deregisterTaskDefinition(String arn) {
        calls.add("deregisterTaskDefinition " + ImagePlan.name(arn));
    }

    @Override
    public synchronized Service updateService(String cluster, String service, String td, boolean force) {
        calls.add("updateService " + ImagePlan.name(td) + (force ? " force" : ""));
        if (updateFailure != null) {
            RuntimeException e = updateFailure;
            updateFailure = null;
            throw e;
        }
        deployments.forEach(d -> d.status = d.status.equals("PRIMARY") ? "ACTIVE" : d.status);
        deployments.add(new Dep("ecs-svc/" + deploymentCounter++, td, desired));
        taskDefinition = td;
        queue.addAll(scripts.getOrDefault(td, List.of()));
        return service();
    }

    @Override
    public List<Task> stoppedTasks(String cluster, String startedBy, int limit) {
        calls.add("stoppedTasks " + startedBy);
        return stopped;
    }

    @Override
    public List<AlarmState> alarms(List<String> names) {
        calls.add("alarms " + names);
        return alarms.stream().filter(a -> names.contains(a.name())).toList();
    }

    @Override
    public PushedImage describeImage(EcrImage image) {
        PushedImage p = images.get(image.label());
        if (p == null) {
            throw ImageNotFoundException.builder().message("not found").build();
        }
        return p;
    }

    @Override
    public synchronized ScanReport scanFindings(EcrImage image) {
        calls.add("scanFindings " + image.label());
        Deque<ScanReport> answers = scans.get(image.label());
        if (answers == null) {
            throw ScanNotFoundException.builder().message("no scan").build();
        }
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    void scan(String label, ScanReport... answers) {
        scans.put(label, new ArrayDeque<>(List.of(answers)));
    }
}
