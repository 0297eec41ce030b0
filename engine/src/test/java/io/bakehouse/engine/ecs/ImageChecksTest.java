package io.bakehouse.engine.ecs;

import static io.bakehouse.engine.ecs.FakeEcsService.rollout;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.testkit.RecordingReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Scan states moto cannot hold (a scan still running, a failed scan, continuous enhanced
 * scanning), through the scripted ECS and ECR; the refusals and tables on real ECR answers are in
 * {@link ServiceDeployerTest}.
 */
public class ImageChecksTest {

    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v2";

    private final FakeEcsService fake = new FakeEcsService();
    private final RecordingReporter reporter = new RecordingReporter();

    public ImageChecksTest() {
        fake.images.put("app:v2", new EcsServiceApi.PushedImage("sha256:" + "ab".repeat(32), List.of("v2"),
                Instant.parse("2026-01-01T00:00:00Z")));
        fake.onUpdateTo(4, List.of(rollout("COMPLETED", 2, 0, 0)));
    }

    private EcsServiceDeployResult deploy(String maxFindings, CancelToken cancel) {
        return new ServiceDeployer(new ServiceDeployer.Settings(fake, reporter, ServiceRolloutTest.FAST,
                Duration.ofSeconds(1), s -> { })).deploy(EcsServiceDeployRequest.builder("prod", "app").image(IMAGE)
                .maxFindings(maxFindings).build(), cancel);
    }

    private static EcsServiceApi.ScanReport scan(String status, Map<String, Integer> counts) {
        return new EcsServiceApi.ScanReport(status, status.equals("FAILED") ? "UnsupportedImageError" : null, counts);
    }

    @Test
    public void scanStillRunning_withLimits_isWaitedForThenJudged() {
        fake.scan("app:v2", scan("IN_PROGRESS", Map.of()), scan("IN_PROGRESS", Map.of()),
                scan("COMPLETE", Map.of("HIGH", 1)));

        ScanRefusedException e = assertThrows(ScanRefusedException.class,
                () -> deploy("HIGH=0", new CancelToken()));

        assertEquals(List.of("HIGH"), e.exceeded());
        assertEquals(3, fake.calls.stream().filter(c -> c.startsWith("scanFindings")).count());
        assertTrue(reporter.text(), reporter.contains("Waiting for the scan of app:v2 to finish (IN_PROGRESS)"));
        assertFalse(fake.calls.toString(), fake.calls.stream().anyMatch(c -> c.startsWith("register")));
    }

    @Test
    public void scanStillRunning_withoutLimits_isReportedNotWaitedFor() {
        fake.scan("app:v2", scan("IN_PROGRESS", Map.of()), scan("COMPLETE", Map.of()));

        EcsServiceDeployResult result = deploy(null, new CancelToken());

        assertEquals("COMPLETED", result.rolloutState());
        assertEquals(1, fake.calls.stream().filter(c -> c.startsWith("scanFindings")).count());
        assertTrue(reporter.text(), reporter.contains("warn: The scan of ECR image app:v2 is IN_PROGRESS"));
    }

    @Test
    public void cancelWhileWaitingForTheScan_changesNothing() {
        EcsServiceApi.ScanReport[] running = new EcsServiceApi.ScanReport[50];
        java.util.Arrays.fill(running, scan("IN_PROGRESS", Map.of()));
        fake.scan("app:v2", running);
        CancelToken cancel = new CancelToken();
        reporter.onProgress(line -> {
            if (line.startsWith("Waiting for the scan")) {
                cancel.cancel();
            }
        });

        CancelledException e = assertThrows(CancelledException.class, () -> deploy("CRITICAL=0", cancel));

        assertTrue(e.getMessage(), e.getMessage().endsWith("nothing was changed"));
        assertFalse(fake.calls.toString(), fake.calls.stream().anyMatch(c -> c.startsWith("register")
                || c.startsWith("update")));
    }

    @Test
    public void scanThatNeverFinishes_timesOutWithinTheDeploymentsTime() {
        EcsServiceApi.ScanReport[] running = new EcsServiceApi.ScanReport[500];
        java.util.Arrays.fill(running, scan("PENDING", Map.of()));
        fake.scan("app:v2", running);

        BakehouseException e = assertThrows(BakehouseException.class, () -> new ServiceDeployer(
                new ServiceDeployer.Settings(fake, reporter, ServiceRolloutTest.FAST, Duration.ofSeconds(1), s -> { }))
                .deploy(EcsServiceDeployRequest.builder("prod", "app").image(IMAGE).maxFindings("CRITICAL=0")
                        .timeout(Duration.ofMillis(100)).build(), new CancelToken()));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Timed out waiting for the scan of ECR image app:v2"));
    }

    @Test
    public void failedScan_withLimits_isRefusedAsUnjudgeable() {
        fake.scan("app:v2", scan("FAILED", Map.of()));

        ScanRefusedException e = assertThrows(ScanRefusedException.class, () -> deploy("CRITICAL=0", new CancelToken()));

        assertEquals("The scan of ECR image app:v2 is FAILED (UnsupportedImageError), so maxFindings CRITICAL=0 cannot"
                + " be checked; nothing was changed", e.getMessage());
        assertEquals(List.of(), e.exceeded());
    }

    @Test
    public void continuousEnhancedScan_isJudged_untriagedIncluded() {
        fake.scan("app:v2", scan("ACTIVE", Map.of("UNTRIAGED", 3, "LOW", 1)));

        EcsServiceDeployResult result = deploy("CRITICAL=0,HIGH=0", new CancelToken());

        assertEquals("COMPLETED", result.rolloutState());
        assertTrue(reporter.text(), reporter.text().contains(String.join("\n",
                "progress:   Severity   Findings  Allowed",
                "progress:   ---------  --------  -------",
                "progress:   CRITICAL   0         0",
                "progress:   HIGH       0         0",
                "progress:   LOW        1         -",
                "progress:   UNTRIAGED  3         -")));
    }

    @Test
    public void table_withNothingFoundOrLimited_saysNoFindings() {
        assertEquals(List.of("no findings"), ImageChecks.table(Map.of("LOW", 0), FindingLimits.NONE));
    }
}
