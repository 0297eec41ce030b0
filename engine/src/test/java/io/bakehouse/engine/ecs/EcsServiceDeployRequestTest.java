package io.bakehouse.engine.ecs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.Test;

public class EcsServiceDeployRequestTest {

    private static String field(Runnable build) {
        return assertThrows(InvalidInputException.class, build::run).field();
    }

    @Test
    public void defaults_timeout30mNoLimitsNoForce() {
        EcsServiceDeployRequest r = EcsServiceDeployRequest.builder("prod", "app").image("app:v2").build();
        assertEquals(Duration.ofMinutes(30), r.timeout());
        assertEquals(FindingLimits.NONE, r.maxFindings());
        assertEquals("app:v2", r.image().text());
        assertEquals(Map.of(), r.images());
    }

    @Test
    public void arns_areAcceptedAndShortenedForMessages() {
        EcsServiceDeployRequest r = EcsServiceDeployRequest.builder("arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                "arn:aws:ecs:us-east-1:123456789012:service/prod/app").image("app:v2").build();
        assertEquals("prod", r.clusterName());
        assertEquals("app", r.serviceName());
    }

    @Test
    public void badRequests_nameTheParameter() {
        assertEquals("cluster", field(() -> EcsServiceDeployRequest.builder(" ", "app").image("a:1").build()));
        assertEquals("cluster", field(() -> EcsServiceDeployRequest.builder("my cluster", "app").image("a:1").build()));
        assertEquals("service", field(() -> EcsServiceDeployRequest.builder("prod", null).image("a:1").build()));
        assertEquals("image", field(() -> EcsServiceDeployRequest.builder("prod", "app").build()));
        assertEquals("images", field(() -> EcsServiceDeployRequest.builder("prod", "app").image("a:1")
                .images(Map.of("web", "a:2")).build()));
        assertEquals("images", field(() -> EcsServiceDeployRequest.builder("prod", "app")
                .images(Map.of("bad name", "a:2")).build()));
        assertEquals("images", field(() -> EcsServiceDeployRequest.builder("prod", "app")
                .images(Map.of("web", "Bad:2")).build()));
        assertEquals("image", field(() -> EcsServiceDeployRequest.builder("prod", "app").image("a::1").build()));
        assertEquals("timeout", field(() -> EcsServiceDeployRequest.builder("prod", "app").image("a:1")
                .timeout(Duration.ZERO).build()));
        assertEquals("maxFindings", field(() -> EcsServiceDeployRequest.builder("prod", "app").image("a:1")
                .maxFindings("SEVERE=1").build()));
    }

    @Test
    public void report_blankIsNoReport_aFileIsKept_aDirectoryIsRefused() {
        assertEquals(null, EcsServiceDeployRequest.builder("prod", "app").image("a:1").report(" ").build().report());
        assertEquals("reports/ecs.html", EcsServiceDeployRequest.builder("prod", "app").image("a:1")
                .report(" reports/ecs.html ").build().report());
        assertEquals("report", field(() -> EcsServiceDeployRequest.builder("prod", "app").image("a:1")
                .report(System.getProperty("java.io.tmpdir")).build()));
    }

    @Test
    public void withPathsResolved_resolvesTheReportAndCarriesEveryOtherField() throws Exception {
        EcsServiceDeployRequest request = EcsServiceDeployRequest.builder("prod", "app").images(Map.of("web", "a:2"))
                .timeout(Duration.ofMinutes(7)).maxFindings("HIGH=0").forceNewDeployment(true)
                .report("reports/ecs.html").build();
        assertEquals(request, request.withPathsResolved(p -> p));

        EcsServiceDeployRequest resolved = request.withPathsResolved(p -> "/workspace/" + p);
        List<String> changed = new ArrayList<>();
        for (RecordComponent c : EcsServiceDeployRequest.class.getRecordComponents()) {
            Object before = c.getAccessor().invoke(request);
            Object after = c.getAccessor().invoke(resolved);
            if (!Objects.equals(before, after)) {
                assertEquals(c.getName(), "/workspace/" + before, after);
                changed.add(c.getName());
            }
        }
        assertEquals(List.of("report"), changed);
        assertEquals(null, EcsServiceDeployRequest.builder("prod", "app").image("a:1").build()
                .withPathsResolved(p -> "/workspace/" + p).report());
    }
}
