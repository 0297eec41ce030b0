package io.bakehouse.engine.ecs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

public class ImagePlanTest {

    private static TaskDefinition td(ContainerDefinition... containers) {
        return TaskDefinition.builder().family("app").revision(3).containerDefinitions(containers).build();
    }

    private static ContainerDefinition container(String name, String image, Boolean essential) {
        return ContainerDefinition.builder().name(name).image(image).essential(essential).build();
    }

    private static EcsServiceDeployRequest image(String image) {
        return EcsServiceDeployRequest.builder("prod", "app").image(image).build();
    }

    private static EcsServiceDeployRequest images(Map<String, String> images) {
        return EcsServiceDeployRequest.builder("prod", "app").images(images).build();
    }

    @Test
    public void image_onlyContainer_isTheMainOne() {
        ImagePlan plan = ImagePlan.of(td(container("web", "app:v1", false)), image("app:v2"));
        assertEquals(Map.of("web", "app:v2"), plan.changes());
        assertEquals("image", plan.field());
    }

    @Test
    public void image_soleEssentialContainer_isTheMainOne_essentialUnsetCountsAsEssential() {
        ImagePlan plan = ImagePlan.of(td(container("log-router", "fluent-bit:3", false), container("web", "app:v1", null)),
                image("app:v2"));
        assertEquals(Map.of("web", "app:v2"), plan.changes());
        assertEquals(Map.of("log-router", "fluent-bit:3", "web", "app:v2"), plan.after());
        assertEquals(List.of("log-router", "web"), List.copyOf(plan.after().keySet()));
    }

    @Test
    public void image_severalEssentialContainers_asksForImages() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImagePlan.of(
                td(container("web", "app:v1", true), container("proxy", "envoy:1", true)), image("app:v2")));
        assertEquals("image", e.field());
        assertEquals("task definition app:3 has 2 containers and 2 of them essential (web, proxy), so image cannot"
                + " tell which one to change", e.getMessage());
        assertTrue(e.hint(), e.hint().contains("images web=IMAGE"));
    }

    @Test
    public void images_unknownContainer_isAUsageErrorListingTheContainers() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImagePlan.of(
                td(container("web", "app:v1", true), container("proxy", "envoy:1", true)),
                images(Map.of("worker", "app:v2"))));
        assertEquals("images", e.field());
        assertEquals("task definition app:3 has no container 'worker'", e.getMessage());
        assertEquals("its containers: web, proxy", e.hint());
    }

    @Test
    public void images_alreadyRunning_areNoChanges() {
        ImagePlan plan = ImagePlan.of(td(container("web", "app:v1", true), container("proxy", "envoy:1", true)),
                images(Map.of("web", "app:v1", "proxy", "envoy:1")));
        assertTrue(plan.noChanges());
    }

    @Test
    public void name_ofAnArn_isFamilyAndRevision() {
        assertEquals("app:12", ImagePlan.name("arn:aws:ecs:us-east-1:123456789012:task-definition/app:12"));
    }
}
