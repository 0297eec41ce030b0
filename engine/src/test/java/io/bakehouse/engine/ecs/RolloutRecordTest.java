package io.bakehouse.engine.ecs;

import static org.junit.Assert.assertEquals;

import io.bakehouse.engine.report.ServiceReport;
import java.time.Instant;
import java.util.List;
import org.junit.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

public class RolloutRecordTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static ServiceEvent event(String id, int second, String message) {
        return ServiceEvent.builder().id(id).createdAt(T0.plusSeconds(second)).message(message).build();
    }

    private static Service service(ServiceEvent... newestFirst) {
        return Service.builder().serviceName("app").events(newestFirst).build();
    }

    private static List<String> texts(RolloutRecord record) {
        return record.entries().stream().map(e -> e.kind() + " " + e.text()).toList();
    }

    @Test
    public void saw_takesEachEventOnceFromTheDeploymentsCreationOn() {
        RolloutRecord record = new RolloutRecord();
        Deployment d = Deployment.builder().id("ecs-svc/1").taskDefinition("arn:td/app:4").createdAt(T0.plusSeconds(10))
                .build();
        ServiceEvent before = event("e1", 5, "(service app) has reached a steady state.");
        ServiceEvent started = event("e2", 12, "(service app) has started 1 tasks.");

        record.saw(service(started, before), d);
        record.printed(List.of(started));
        record.saw(service(event("e3", 20, "(service app) has reached a steady state."), started, before), d);

        assertEquals(List.of("ROLLOUT ECS created deployment ecs-svc/1 of app:4",
                "EVENT (service app) has started 1 tasks.",
                "EVENT (service app) has reached a steady state."), texts(record));
        assertEquals(T0.plusSeconds(10), record.entries().get(0).at());
    }

    @Test
    public void saw_takesEventsOfTheSameInstantInTheOrderEcsWroteThem() {
        RolloutRecord record = new RolloutRecord();
        Deployment d = Deployment.builder().id("ecs-svc/1").taskDefinition("arn:td/app:4").createdAt(T0).build();

        record.saw(service(event("e3", 5, "third"), event("e2", 5, "second"), event("e1", 5, "first")), d);

        assertEquals(List.of("ROLLOUT ECS created deployment ecs-svc/1 of app:4", "EVENT first", "EVENT second",
                "EVENT third"), texts(record));
    }

    @Test
    public void rollout_ofADeploymentFirstSeenThere_recordsItsCreationToo() {
        RolloutRecord record = new RolloutRecord();
        Deployment rollback = Deployment.builder().id("ecs-svc/2").taskDefinition("arn:td/app:3")
                .createdAt(T0.plusSeconds(30)).rolloutState("IN_PROGRESS").build();

        record.rollout(rollback, "Deployment ecs-svc/2 (app:3) IN_PROGRESS: 0 of 1 running, 1 pending");
        record.rollout(rollback, "Deployment ecs-svc/2 (app:3) IN_PROGRESS: 1 of 1 running, 0 pending");

        assertEquals(List.of("ROLLOUT ECS created deployment ecs-svc/2 of app:3",
                "ROLLOUT Deployment ecs-svc/2 (app:3) IN_PROGRESS: 0 of 1 running, 1 pending",
                "ROLLOUT Deployment ecs-svc/2 (app:3) IN_PROGRESS: 1 of 1 running, 0 pending"), texts(record));
        assertEquals("ecs-svc/2", record.entries().get(0).deploymentId());
    }

    @Test
    public void withoutTheDeploymentsCreation_onlyThePrintedEventsAreTaken() {
        RolloutRecord record = new RolloutRecord();

        record.saw(service(event("e1", 5, "old news")), null);
        record.printed(List.of(event("e2", 12, "(service app) has started 1 tasks.")));

        assertEquals(List.of("EVENT (service app) has started 1 tasks."), texts(record));
    }

    @Test
    public void rollout_recordsAChangeOnceWithTheDeploymentAndItsState() {
        RolloutRecord record = new RolloutRecord();
        Deployment d = Deployment.builder().id("ecs-svc/1").rolloutState("IN_PROGRESS").build();

        record.rollout(d, "Deployment ecs-svc/1 (app:4) IN_PROGRESS: 0 of 1 running, 1 pending");
        record.rollout(d, "Deployment ecs-svc/1 (app:4) IN_PROGRESS: 0 of 1 running, 1 pending");
        record.warning("Deployment ecs-svc/1 FAILED");

        List<ServiceReport.Entry> entries = record.entries();
        assertEquals(2, entries.size());
        assertEquals("ecs-svc/1", entries.get(0).deploymentId());
        assertEquals("IN_PROGRESS", entries.get(0).state());
        assertEquals(ServiceReport.Kind.WARNING, entries.get(1).kind());
    }
}
