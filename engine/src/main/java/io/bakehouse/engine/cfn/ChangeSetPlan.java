package io.bakehouse.engine.cfn;

import java.util.List;
import java.util.Map;

/**
 * The change set a deployment is about to create, as {@link ChangeSetPlanner} worked it out
 * before anything was changed.
 *
 * @param existing the stack as it is, or {@code null} when there is none
 * @param replace  whether {@code existing} is left by a failed create and is deleted first
 * @param create   whether the change set creates the stack (CREATE) or updates it (UPDATE)
 * @param template where CloudFormation reads the template from
 * @param values   the parameter values to send; a {@code null} value keeps the previous one
 * @param kept     the parameters that keep their previous value
 * @param tags     the stack's tags
 * @param policy   the stack policy's text, or {@code null}
 * @param declared the template's parameters
 */
record ChangeSetPlan(StackState existing, boolean replace, boolean create, TemplateRef template,
                     Map<String, String> values, List<String> kept, Map<String, String> tags, String policy,
                     List<TemplateParameter> declared) {

    /** Whether the deployment made the stack for itself, so that a failure before execution deletes it again. */
    boolean ownsStack() {
        return existing == null || replace;
    }

    ChangeSetSpec spec(CfnDeployRequest request, String name) {
        return new ChangeSetSpec(request.stack(), name, create, template, values, tags, request);
    }

    /** What the report shows before the change set exists. */
    ReportFacts facts(String name) {
        return ReportFacts.named(name).withParameters(declared, values);
    }
}
