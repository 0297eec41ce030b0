package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Which container gets which image. {@code image} goes to the task definition's main container:
 * its only container, or else its only essential one (ECS counts a container without
 * {@code essential} as essential); with several essential containers {@code images} must name them.
 *
 * @param field  the request's parameter the images came from ({@code image} or {@code images})
 * @param before every container → the image it runs now, in the task definition's order
 * @param given  container → the image the request gives it
 */
record ImagePlan(String field, Map<String, String> before, Map<String, ImageReference> given) {

    ImagePlan {
        before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
        given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /** The plan for {@code request} on {@code current}; a container it cannot find is a usage error. */
    static ImagePlan of(TaskDefinition current, EcsServiceDeployRequest request) {
        Map<String, String> before = new LinkedHashMap<>();
        current.containerDefinitions().forEach(c -> before.put(c.name(), c.image()));
        String name = name(current);
        if (request.image() != null) {
            String main = mainContainer(current, name);
            return new ImagePlan("image", before, Map.of(main, request.image()));
        }
        for (String container : request.images().keySet()) {
            if (!before.containsKey(container)) {
                throw new InvalidInputException("images", "task definition " + name + " has no container '"
                        + container + "'", "its containers: " + String.join(", ", before.keySet()));
            }
        }
        return new ImagePlan("images", before, request.images());
    }

    private static String mainContainer(TaskDefinition td, String name) {
        List<ContainerDefinition> containers = td.containerDefinitions();
        if (containers.size() == 1) {
            return containers.get(0).name();
        }
        List<String> essential = new ArrayList<>();
        containers.stream().filter(c -> !Boolean.FALSE.equals(c.essential())).forEach(c -> essential.add(c.name()));
        if (essential.size() == 1) {
            return essential.get(0);
        }
        throw new InvalidInputException("image", "task definition " + name + " has " + containers.size()
                + " containers and " + (essential.isEmpty() ? "none" : essential.size()) + " of them essential ("
                + String.join(", ", essential) + "), so image cannot tell which one to change",
                "name the containers in images instead, e.g. images "
                        + (essential.isEmpty() ? containers.get(0).name() : essential.get(0)) + "=IMAGE");
    }

    /** {@code family:revision}, the short name of a task definition. */
    static String name(TaskDefinition td) {
        return td.family() + ":" + td.revision();
    }

    /** The short name of a task definition ARN: {@code family:revision}. */
    static String name(String taskDefinitionArn) {
        return taskDefinitionArn == null ? null : taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    /** Container → its new image, for the containers whose image changes. */
    Map<String, String> changes() {
        Map<String, String> changes = new LinkedHashMap<>();
        given.forEach((container, ref) -> {
            if (!ref.text().equals(before.get(container))) {
                changes.put(container, ref.text());
            }
        });
        return changes;
    }

    boolean noChanges() {
        return changes().isEmpty();
    }

    /** Every container → the image it runs once the plan is deployed. */
    Map<String, String> after() {
        Map<String, String> after = new LinkedHashMap<>(before);
        after.putAll(changes());
        return after;
    }
}
