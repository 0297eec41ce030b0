package io.bakehouse.engine.ecs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.time.Duration;
import java.util.Map;
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
}
