package io.bakehouse.jenkins.ecs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.ecs.EcsServiceDeployRequest;
import io.bakehouse.engine.ecs.FindingLimits;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;
import io.bakehouse.jenkins.ContractParameters;
import io.bakehouse.jenkins.StepErrors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Step parameters → engine request, and the words a wrong parameter gets (docs/steps.md, ecsServiceDeploy). */
public class EcsServiceDeployStepTest {

    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:9f1c2ab";

    private static EcsServiceDeployStep step() {
        EcsServiceDeployStep step = new EcsServiceDeployStep("app-prod", "app");
        step.setImage(IMAGE);
        return step;
    }

    private static String failure(EcsServiceDeployStep step) {
        InvalidInputException e = assertThrows(InvalidInputException.class, step::toRequest);
        return StepErrors.describe(EcsServiceDeployStep.FUNCTION_NAME, e, new Secrets());
    }

    @Test
    public void toRequest_onlyRequiredParameters_givesTheEngineDefaults() {
        EcsServiceDeployRequest r = step().toRequest();
        assertEquals(EcsServiceDeployRequest.builder("app-prod", "app").image(IMAGE).build(), r);
        assertEquals(Duration.ofMinutes(30), r.timeout());
        assertEquals(FindingLimits.NONE, r.maxFindings());
        assertFalse(r.forceNewDeployment());
    }

    @Test
    public void toRequest_everyParameter_mapsToTheRequest() {
        EcsServiceDeployStep step = new EcsServiceDeployStep("app-prod", "app");
        Map<String, Object> images = new LinkedHashMap<>();
        images.put("web", IMAGE);
        images.put("log-router", "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4");
        step.setImages(images);
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("HIGH", 3);
        limits.put("critical", "0");
        step.setMaxFindings(limits);
        step.setTimeout("20m");
        step.setForceNewDeployment(true);
        step.setReport("reports/ecs-prod.html");
        EcsServiceDeployRequest r = step.toRequest();
        assertEquals("app-prod", r.cluster());
        assertEquals("app", r.service());
        assertNull(r.image());
        assertEquals(List.of("web", "log-router"), List.copyOf(r.images().keySet()));
        assertEquals(IMAGE, r.images().get("web").text());
        assertEquals(Map.of("CRITICAL", 0, "HIGH", 3), r.maxFindings().limits());
        assertEquals(Duration.ofMinutes(20), r.timeout());
        assertTrue(r.forceNewDeployment());
        assertEquals("reports/ecs-prod.html", r.report());
        assertEquals("reports/ecs-prod.html", step.getReport());
    }

    @Test
    public void setters_blankText_meansNotGiven() {
        EcsServiceDeployStep step = step();
        step.setTimeout(" ");
        step.setReport("");
        assertNull(step.getTimeout());
        assertNull(step.getReport());
        assertEquals(EcsServiceDeployRequest.builder("app-prod", "app").image(IMAGE).build(), step.toRequest());
    }

    @Test
    public void getters_returnWhatWasSet_forTheSnippetGenerator() {
        EcsServiceDeployStep step = step();
        step.setMaxFindings(Map.of("CRITICAL", 0));
        step.setTimeout("45m");
        assertEquals("app-prod", step.getCluster());
        assertEquals("app", step.getService());
        assertEquals(IMAGE, step.getImage());
        assertNull(step.getImages());
        assertEquals(Map.of("CRITICAL", 0), step.getMaxFindings());
        assertEquals("45m", step.getTimeout());
        assertFalse(step.isForceNewDeployment());
    }

    @Test
    public void toRequest_noImageNorImages_saysOneIsRequired() {
        assertTrue(failure(new EcsServiceDeployStep("app-prod", "app")),
                failure(new EcsServiceDeployStep("app-prod", "app")).startsWith("ecsServiceDeploy: image (or images) is required"));
    }

    @Test
    public void toRequest_imageAndImages_namesImages() {
        EcsServiceDeployStep step = step();
        step.setImages(Map.of("web", IMAGE));
        assertEquals("images", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_noService_saysServiceIsRequired() {
        EcsServiceDeployStep step = new EcsServiceDeployStep("app-prod", " ");
        step.setImage(IMAGE);
        assertTrue(failure(step), failure(step).startsWith("ecsServiceDeploy: service is required"));
    }

    @Test
    public void toRequest_malformedImage_namesImage() {
        EcsServiceDeployStep step = step();
        step.setImage("App:Latest Version");
        assertEquals("image", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_unknownSeverity_namesMaxFindings() {
        EcsServiceDeployStep step = step();
        step.setMaxFindings(Map.of("SEVERE", 0));
        assertEquals("maxFindings", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_badTimeout_namesTimeout() {
        EcsServiceDeployStep step = step();
        step.setTimeout("later");
        assertEquals("timeout", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void parameters_areExactlyThoseOfTheStepContract() {
        assertEquals(ContractParameters.jenkins(EcsServiceDeployStep.FUNCTION_NAME),
                ContractParameters.dataBound(EcsServiceDeployStep.class));
    }
}
