package io.bakehouse.engine.cfn;

/**
 * One line of a change set: what happens to which resource.
 *
 * @param action       Add, Modify, Remove, Import, Dynamic
 * @param logicalId    the resource's logical ID
 * @param resourceType e.g. {@code AWS::SSM::Parameter}
 * @param replacement  True, False, Conditional, or {@code null} (only Modify has one)
 */
public record ChangeRow(String action, String logicalId, String resourceType, String replacement) {
}
