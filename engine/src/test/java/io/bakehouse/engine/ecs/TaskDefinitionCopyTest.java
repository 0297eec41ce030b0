package io.bakehouse.engine.ecs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.InferenceAccelerator;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * The new revision keeps everything but the images. The check walks the SDK's own list of
 * RegisterTaskDefinition's fields, so when an SDK upgrade adds one, this fails until the copy
 * carries it (and the sample below sets it).
 */
public class TaskDefinitionCopyTest {

    private static final List<Tag> TAGS = List.of(Tag.builder().key("team").value("web").build(),
            Tag.builder().key("cost-centre").value("42").build());

    /** A task definition with every field RegisterTaskDefinition takes set to something. */
    static final TaskDefinition SAMPLE = TaskDefinition.builder()
            .taskDefinitionArn("arn:aws:ecs:us-east-1:123456789012:task-definition/app:3")
            .revision(3)
            .status("ACTIVE")
            .family("app")
            .taskRoleArn("arn:aws:iam::123456789012:role/app-task")
            .executionRoleArn("arn:aws:iam::123456789012:role/app-execution")
            .networkMode("awsvpc")
            .containerDefinitions(
                    ContainerDefinition.builder().name("web").image("app:v1").essential(true).cpu(256)
                            .environment(KeyValuePair.builder().name("MODE").value("prod").build())
                            .portMappings(PortMapping.builder().containerPort(8080).build()).build(),
                    ContainerDefinition.builder().name("log-router").image("fluent-bit:3").essential(false).build())
            .volumes(Volume.builder().name("scratch").build())
            .placementConstraints(TaskDefinitionPlacementConstraint.builder().type("memberOf")
                    .expression("attribute:ecs.os-type == linux").build())
            .requiresCompatibilities(Compatibility.FARGATE)
            .compatibilities(Compatibility.EC2, Compatibility.FARGATE)
            .cpu("512")
            .memory("1024")
            .pidMode("task")
            .ipcMode("none")
            .proxyConfiguration(p -> p.type("APPMESH").containerName("envoy")
                    .properties(KeyValuePair.builder().name("AppPorts").value("8080").build()))
            .inferenceAccelerators(InferenceAccelerator.builder().deviceName("gpu0").deviceType("eia2.medium").build())
            .ephemeralStorage(e -> e.sizeInGiB(30))
            .runtimePlatform(r -> r.cpuArchitecture("ARM64").operatingSystemFamily("LINUX"))
            .enableFaultInjection(true)
            .trustedExecutionConfiguration(t -> t.isolationMode("ISOLATED_SANDBOX").attestationPolicy("policy-1"))
            .build();

    @Test
    public void of_carriesEveryRegisterTaskDefinitionField() {
        RegisterTaskDefinitionRequest copy = TaskDefinitionCopy.of(SAMPLE, TAGS, Map.of("web", "app:v2"));

        List<SdkField<?>> fields = RegisterTaskDefinitionRequest.builder().sdkFields();
        assertTrue("the SDK lists RegisterTaskDefinition's fields", fields.size() >= 18);
        for (SdkField<?> field : fields) {
            String name = field.memberName();
            Object copied = field.getValueOrDefault(copy);
            assertTrue("RegisterTaskDefinition's " + name + " is not carried by TaskDefinitionCopy (or the sample"
                    + " here does not set it)", present(copied));
            if (name.equals("tags")) {
                assertEquals(TAGS, copied);
            } else if (!name.equals("containerDefinitions")) {
                SdkField<?> source = SAMPLE.sdkFieldNameToField().get(field.locationName());
                assertNotNull("DescribeTaskDefinition has no " + name + " to carry", source);
                assertEquals(name, source.getValueOrDefault(SAMPLE), copied);
            }
        }
    }

    @Test
    public void of_changesOnlyTheNamedContainersImage() {
        RegisterTaskDefinitionRequest copy = TaskDefinitionCopy.of(SAMPLE, TAGS, Map.of("web", "app:v2"));

        ContainerDefinition web = copy.containerDefinitions().get(0);
        assertEquals(SAMPLE.containerDefinitions().get(0).toBuilder().image("app:v2").build(), web);
        assertEquals(SAMPLE.containerDefinitions().get(1), copy.containerDefinitions().get(1));
    }

    @Test
    public void of_aBareTaskDefinition_sendsNoEmptyListsOrTags() {
        TaskDefinition bare = TaskDefinition.builder().family("app").revision(1)
                .containerDefinitions(ContainerDefinition.builder().name("web").image("app:v1").build()).build();

        RegisterTaskDefinitionRequest copy = TaskDefinitionCopy.of(bare, List.of(), Map.of("web", "app:v2"));

        assertFalse(copy.hasTags());
        assertFalse(copy.hasVolumes());
        assertFalse(copy.hasPlacementConstraints());
        assertEquals("app:v2", copy.containerDefinitions().get(0).image());
    }

    private static boolean present(Object value) {
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return value != null;
    }
}
