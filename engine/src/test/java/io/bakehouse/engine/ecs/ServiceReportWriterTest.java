package io.bakehouse.engine.ecs;

import static io.bakehouse.engine.ecs.FakeEcsService.circuitBreakerRollsBackTo;
import static io.bakehouse.engine.ecs.FakeEcsService.rollout;
import static io.bakehouse.engine.ecs.FakeEcsService.say;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.DetachedException;
import io.bakehouse.engine.report.ServiceHtmlReportTest;
import io.bakehouse.testkit.RecordingReporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The report of each way a deployment ends, from the scripted ECS (the emulator has no events or
 * moving rollouts): what it says happened, in what order, and when it is written at all.
 */
public class ServiceReportWriterTest {

    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private final FakeEcsService fake = new FakeEcsService();
    private final RecordingReporter reporter = new RecordingReporter();

    private ServiceDeployer deployer() {
        return new ServiceDeployer(new ServiceDeployer.Settings(fake, reporter, ServiceRolloutTest.FAST,
                Duration.ofMillis(500), s -> { }));
    }

    private Path report() {
        return dir.getRoot().toPath().resolve("reports/ecs.html");
    }

    private EcsServiceDeployRequest request(String image) {
        return EcsServiceDeployRequest.builder("prod", "app").image(image).report(report().toString()).build();
    }

    private String html() throws Exception {
        assertTrue("no report at " + report() + "; the step said:\n" + reporter.text(), Files.isRegularFile(report()));
        return Files.readString(report(), StandardCharsets.UTF_8);
    }

    /** The timeline's rows as "source|what happened", oldest first. */
    private List<String> timeline() throws Exception {
        return ServiceHtmlReportTest.rows(html()).stream()
                .map(r -> r.substring(r.indexOf('|', r.indexOf('|') + 1) + 1)).toList();
    }

    @Test
    public void completed_reportsTheDeploymentsEventsAndCountsInOrder() throws Exception {
        fake.onUpdateTo(4, List.of(rollout("IN_PROGRESS", 0, 2, 0),
                say("(service app) has started 2 tasks: (task a) (task b)."), rollout("IN_PROGRESS", 1, 1, 0),
                say("(service app) has reached a steady state."), rollout("COMPLETED", 2, 0, 0)));

        deployer().deploy(request("app:v2"), new CancelToken());

        assertTrue(html(), html().contains("class=\"status good\">COMPLETED</span>"));
        assertTrue(html(), html().contains("<p id=\"summary\">Service app runs app:4 (2 running)</p>"));
        assertEquals(List.of(
                "rollout|ECS created deployment ecs-svc/101 of app:4",
                "rollout|Deployment ecs-svc/101 (app:4) IN_PROGRESS: 0 of 2 running, 2 pending",
                "ECS event|(service app) has started 2 tasks: (task a) (task b).",
                "rollout|Deployment ecs-svc/101 (app:4) IN_PROGRESS: 1 of 2 running, 1 pending",
                "ECS event|(service app) has reached a steady state.",
                "rollout|Deployment ecs-svc/101 (app:4) COMPLETED: 2 of 2 running, 0 pending",
                "step|Service app runs app:4: deployment ecs-svc/101 COMPLETED"), timeline());
        assertTrue(reporter.text(), reporter.contains("Wrote the deployment report to " + report()));
    }

    @Test
    public void failedAndRolledBackByEcs_reportsTheFailureItsCausesAndTheRollback() throws Exception {
        fake.onUpdateTo(4, List.of(rollout("IN_PROGRESS", 0, 2, 2), circuitBreakerRollsBackTo(3),
                rollout("COMPLETED", 2, 0, 0)));

        RolloutFailedException e = assertThrows(RolloutFailedException.class,
                () -> deployer().deploy(request("app:v2"), new CancelToken()));

        String html = html();
        assertTrue(html, html.contains("class=\"status bad\">FAILED</span>"));
        assertTrue(html, html.contains("<p id=\"summary\">" + e.getMessage() + "</p>"));
        List<String> rows = timeline();
        assertTrue(rows.toString(), rows.contains("rollout|Deployment ecs-svc/101 (app:4) FAILED: 0 of 2 running, 2"
                + " pending, 2 failed"));
        assertTrue(rows.toString(), rows.contains("problem|Deployment ecs-svc/101 FAILED: ECS deployment circuit"
                + " breaker: tasks failed to start."));
        assertTrue(rows.toString(), rows.contains("ECS event|(service app) rolling back to deployment ecs-svc/102."));
        assertTrue(rows.toString(), rows.indexOf("ECS event|(service app) rolling back to deployment ecs-svc/102.")
                < rows.indexOf("rollout|Deployment ecs-svc/102 (app:3) COMPLETED: 2 of 2 running, 0 pending"));
        assertTrue(html, html.contains("<g class=\"bar failed\">"));
        assertTrue(html, html.contains("<g class=\"bar rollback\">"));
    }

    @Test
    public void noChanges_reportsTheRunningRevisionWithoutATimeline() throws Exception {
        deployer().deploy(request("app:v1"), new CancelToken());

        assertTrue(html(), html().contains("class=\"status good\">NO CHANGES</span>"));
        assertTrue(html(), html().contains("No changes: app:3 already runs these images"));
        assertEquals(List.of(), timeline());
        assertTrue(html(), html().contains("No deployment was watched."));
    }

    @Test
    public void interrupted_reportsTheRollback() throws Exception {
        CancelToken cancel = new CancelToken();
        reporter.onProgress(line -> {
            if (line.contains("(app:4) IN_PROGRESS")) {
                cancel.cancel("aborted");
            }
        });

        assertThrows(CancelledException.class, () -> deployer().deploy(request("app:v2"), cancel));

        assertTrue(html(), html().contains("class=\"status bad\">INTERRUPTED</span>"));
        assertTrue(timeline().toString(), timeline().stream().anyMatch(r -> r.startsWith(
                "step|Rolled service app back to app:3: deployment ecs-svc/102")));
    }

    @Test
    public void timedOut_isReportedSo() throws Exception {
        fake.onUpdateTo(4, FakeEcsService.steps(List.of(rollout("IN_PROGRESS", 0, 2, 0)), 10_000));
        EcsServiceDeployRequest r = EcsServiceDeployRequest.builder("prod", "app").image("app:v2")
                .timeout(Duration.ofMillis(300)).report(report().toString()).build();

        assertThrows(BakehouseException.class,
                () -> deployer().deploy(r, new CancelToken()));

        assertTrue(html(), html().contains("class=\"status bad\">TIMED OUT</span>"));
    }

    @Test
    public void resumedWait_stillReportsTheEventsItsFirstPartPrinted() throws Exception {
        fake.onUpdateTo(4, List.of(say("(service app) has started 2 tasks: (task a) (task b)."),
                rollout("IN_PROGRESS", 1, 1, 0), rollout("COMPLETED", 2, 0, 0)));
        ServiceLaunch launch = deployer().launch(request("app:v2"), new CancelToken());
        // The first wait saw the first event and was cut off by a restart after its checkpoint.
        String printed = fake.describeService("prod", "app").orElseThrow().events().get(0).id();

        deployer().resume(launch.rollout().seen(printed), Duration.ofSeconds(5), new CancelToken());

        assertFalse("printed once, before the restart", reporter.contains("has started 2 tasks"));
        assertTrue(timeline().toString(), timeline().contains(
                "ECS event|(service app) has started 2 tasks: (task a) (task b)."));
        assertTrue(html(), html().contains("class=\"status good\">COMPLETED</span>"));
    }

    @Test
    public void rollBackWithoutWaiting_reportsTheAbort() throws Exception {
        ServiceLaunch launch = deployer().launch(request("app:v2"), new CancelToken());

        deployer().rollBack(launch.rollout());

        assertTrue(html(), html().contains("class=\"status bad\">INTERRUPTED</span>"));
        assertTrue(html(), html().contains("Deployment ecs-svc/101 of service app was aborted: Rolled service app back"
                + " to app:3 (deployment ecs-svc/102)"));
        assertTrue(timeline().toString(), timeline().contains(
                "rollout|Deployment ecs-svc/101 (app:4) IN_PROGRESS: 0 of 2 running, 0 pending"));
    }

    @Test
    public void aWaitThatOnlyDetaches_writesNoReport() throws Exception {
        fake.onUpdateTo(4, FakeEcsService.steps(List.of(rollout("IN_PROGRESS", 0, 2, 0)), 10_000));
        ServiceLaunch launch = deployer().launch(request("app:v2"), new CancelToken());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread watcher = new Thread(() -> {
            try {
                deployer().resume(launch.rollout(), Duration.ofSeconds(30), CancelToken.explicitOnly());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        watcher.start();
        Thread.sleep(50);
        watcher.interrupt();
        watcher.join(5_000);

        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof DetachedException);
        assertFalse(Files.exists(report()));
    }

    @Test
    public void aReportThatCannotBeWritten_isAWarningNotTheOutcome() throws Exception {
        fake.onUpdateTo(4, List.of(rollout("COMPLETED", 2, 0, 0)));
        Path blocked = dir.newFile("not-a-dir").toPath().resolve("ecs.html");

        EcsServiceDeployResult result = deployer().deploy(EcsServiceDeployRequest.builder("prod", "app")
                .image("app:v2").report(blocked.toString()).build(), new CancelToken());

        assertEquals("COMPLETED", result.rolloutState());
        assertTrue(reporter.text(), reporter.contains("warn: Could not write the deployment report to " + blocked));
    }
}
