package io.bakehouse.engine.ecs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A new revision of a task definition that differs only in container images: every field
 * {@code RegisterTaskDefinition} takes is carried from {@code DescribeTaskDefinition}'s answer, tags
 * included ({@code TaskDefinitionCopyTest} fails when the SDK grows a field this does not carry).
 * Enumerations travel as ECS wrote them, so values newer than the SDK survive too.
 */
final class TaskDefinitionCopy {

    private TaskDefinitionCopy() {
    }

    /**
     * The registration of {@code source} with {@code tags}, the container named by each key of
     * {@code images} running that image instead of its own. Deprecated fields (inference accelerators)
     * are carried too: a revision keeps what its source has.
     */
    @SuppressWarnings("deprecation")
    static RegisterTaskDefinitionRequest of(TaskDefinition source, List<Tag> tags, Map<String, String> images) {
        RegisterTaskDefinitionRequest.Builder b = RegisterTaskDefinitionRequest.builder()
                .family(source.family())
                .taskRoleArn(source.taskRoleArn())
                .executionRoleArn(source.executionRoleArn())
                .networkMode(source.networkModeAsString())
                .containerDefinitions(withImages(source.containerDefinitions(), images))
                .volumes(source.volumes())
                .placementConstraints(source.placementConstraints())
                .requiresCompatibilitiesWithStrings(source.requiresCompatibilitiesAsStrings())
                .cpu(source.cpu())
                .memory(source.memory())
                .pidMode(source.pidModeAsString())
                .ipcMode(source.ipcModeAsString())
                .proxyConfiguration(source.proxyConfiguration())
                .inferenceAccelerators(source.inferenceAccelerators())
                .ephemeralStorage(source.ephemeralStorage())
                .runtimePlatform(source.runtimePlatform())
                .enableFaultInjection(source.enableFaultInjection())
                .trustedExecutionConfiguration(source.trustedExecutionConfiguration());
        if (tags != null && !tags.isEmpty()) {
            b.tags(tags); // an empty list would be sent as one, which some endpoints refuse
        }
        return b.build();
    }

    private static List<ContainerDefinition> withImages(List<ContainerDefinition> containers, Map<String, String> images) {
        List<ContainerDefinition> out = new ArrayList<>();
        for (ContainerDefinition c : containers) {
            String image = images.get(c.name());
            out.add(image == null ? c : c.toBuilder().image(image).build());
        }
        return out;
    }
}
