package io.bakehouse.cli;

import io.bakehouse.engine.aws.AwsClients;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * What a deployment left, in terms two stacks of different names can be compared by: the
 * stack's name in values is written {@code ${AWS::StackName}}, NoEcho values are masked and
 * resources are compared by logical ID, type and status (physical IDs differ by nature).
 *
 * @param outputs   key → value, and {@code key (export)} → export name
 * @param resources logical ID → {@code type status}
 */
record StackSnapshot(String status, Map<String, String> parameters, Map<String, String> outputs,
                     Map<String, String> tags, Map<String, String> resources) {

    static final String MASK = "****";

    static StackSnapshot of(AwsClients clients, String name, Collection<String> noEcho) {
        Stack stack = clients.cloudFormation().describeStacks(r -> r.stackName(name)).stacks().get(0);
        Map<String, String> parameters = new TreeMap<>();
        stack.parameters().forEach(p -> parameters.put(p.parameterKey(),
                noEcho.contains(p.parameterKey()) ? MASK : general(p.parameterValue(), name)));
        Map<String, String> outputs = new TreeMap<>();
        stack.outputs().forEach(o -> {
            outputs.put(o.outputKey(), general(o.outputValue(), name));
            if (o.exportName() != null) {
                outputs.put(o.outputKey() + " (export)", general(o.exportName(), name));
            }
        });
        Map<String, String> tags = new TreeMap<>();
        stack.tags().forEach(t -> tags.put(t.key(), general(t.value(), name)));
        Map<String, String> resources = new TreeMap<>();
        for (StackResourceSummary r : clients.cloudFormation().listStackResourcesPaginator(b -> b.stackName(name))
                .stackResourceSummaries()) {
            resources.put(r.logicalResourceId(), r.resourceType() + " " + r.resourceStatusAsString());
        }
        return new StackSnapshot(stack.stackStatusAsString(), parameters, outputs, tags, resources);
    }

    private static String general(String value, String stackName) {
        return value == null ? null : value.replace(stackName, "${AWS::StackName}");
    }
}
