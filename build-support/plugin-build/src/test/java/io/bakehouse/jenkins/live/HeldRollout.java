package io.bakehouse.jenkins.live;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A service rollout that takes as long as a test wants, played by a {@link FaultProxy} in front of
 * moto, as {@link HeldStack} plays a stack update. moto never moves a rollout: its deployment of a
 * service that wants one task reads COMPLETED from the start, an update starts no deployment, and
 * it writes no service events. So from the service's update on, DescribeServices is answered with
 * moto's own service (its ARN, task definition, deployment ID and creation time), its deployment
 * IN_PROGRESS with no task running yet, and the first {@link #show(int) N} of {@link #EVENTS}, as
 * ECS would list them while it starts the new task; {@link #release()} answers the deployment
 * COMPLETED with its task running, and every event. Only one service's rollout goes through the
 * proxy at a time: the proxy sees the action, not which service a request names.
 */
final class HeldRollout {

    /** What ECS writes while it rolls a service that wants one task behind no load balancer. */
    static final List<String> EVENTS = List.of(
            "has started 1 tasks: (task held-1).",
            "has begun draining connections on 1 tasks.",
            "deregistered 1 targets in (target-group held).",
            "has stopped 1 running tasks: (task held-0).",
            "has reached a steady state.");
    /** How many of {@link #EVENTS} the rollout has written once it is released: all. */
    static final int ALL = EVENTS.size();

    private final AwsClients moto;
    private final String cluster;
    private final String service;
    private final List<Instant> written = new ArrayList<>();
    private volatile boolean updated;
    private volatile boolean held = true;
    private volatile int shown;

    /** Holds {@code service}'s rollout; {@code moto} reaches moto directly (not through the proxy). */
    HeldRollout(FaultProxy proxy, AwsClients moto, String cluster, String service) {
        this.moto = moto;
        this.cluster = cluster;
        this.service = service;
        proxy.always("UpdateService", (client, request) -> {
            updated = true;
            return false; // forwarded: moto points the service at the new revision
        });
        proxy.always("DescribeServices", (client, request) -> updated
                && Fault.respond(200, "application/x-amz-json-1.1", describeServices()).apply(client, request));
    }

    /** The service's first {@code n} events are written; ECS's time of each is when it is first shown. */
    synchronized void show(int n) {
        while (written.size() < n) {
            written.add(Instant.now());
        }
        shown = n;
    }

    /** The new task runs: the deployment is COMPLETED, every event written. */
    void release() {
        show(ALL);
        held = false;
    }

    /** Event {@code i}'s ID (0-based), unique to this service: what a checkpoint saves. */
    String eventId(int i) {
        return service + "-event-" + (i + 1);
    }

    /** Event {@code i}'s message as ECS words it. */
    String message(int i) {
        return "(service " + service + ") " + EVENTS.get(i);
    }

    private synchronized String describeServices() {
        Service s = moto.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().get(0);
        Deployment d = s.deployments().get(0);
        boolean done = !held;
        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("id", d.id());
        deployment.put("status", "PRIMARY");
        deployment.put("taskDefinition", s.taskDefinition());
        deployment.put("desiredCount", 1);
        deployment.put("pendingCount", done ? 0 : 1);
        deployment.put("runningCount", done ? 1 : 0);
        deployment.put("failedTasks", 0);
        deployment.put("rolloutState", done ? "COMPLETED" : "IN_PROGRESS");
        deployment.put("rolloutStateReason", "ECS deployment " + d.id() + (done ? " completed." : " in progress."));
        deployment.put("createdAt", seconds(d.createdAt()));
        deployment.put("updatedAt", seconds(Instant.now()));
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = shown - 1; i >= 0; i--) { // newest first, as ECS lists them
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", eventId(i));
            e.put("createdAt", seconds(written.get(i)));
            e.put("message", message(i));
            events.add(e);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("serviceArn", s.serviceArn());
        answer.put("serviceName", s.serviceName());
        answer.put("clusterArn", s.clusterArn());
        answer.put("status", s.status());
        answer.put("desiredCount", 1);
        answer.put("runningCount", done ? 1 : 0);
        answer.put("pendingCount", done ? 0 : 1);
        answer.put("taskDefinition", s.taskDefinition());
        answer.put("deployments", List.of(deployment));
        answer.put("events", events);
        return Json.write(Map.of("services", List.of(answer), "failures", List.of()));
    }

    /** ECS's JSON timestamps: seconds since the epoch, with a fraction. */
    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
