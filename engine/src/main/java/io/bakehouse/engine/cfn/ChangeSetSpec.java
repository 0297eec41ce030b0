package io.bakehouse.engine.cfn;

import java.util.Map;

/**
 * A change set to create: everything {@code CreateChangeSet} is given.
 *
 * @param stack       stack name
 * @param name        change set name
 * @param create      CREATE (new stack) or UPDATE
 * @param template    the template
 * @param parameters  key → value; a {@code null} value means "use the previous value"
 * @param tags        stack tags
 * @param request     the deployment's options (capabilities, role, triggers, ...)
 */
public record ChangeSetSpec(String stack, String name, boolean create, TemplateRef template,
                            Map<String, String> parameters, Map<String, String> tags, CfnDeployRequest request) {
}
