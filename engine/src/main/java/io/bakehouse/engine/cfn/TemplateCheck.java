package io.bakehouse.engine.cfn;

import java.util.List;

/**
 * What {@code ValidateTemplate} says about a template.
 *
 * @param parameters         the template's parameters (empty when the service does not list them)
 * @param capabilities       capabilities a deployment of it must acknowledge
 * @param capabilitiesReason why, in CloudFormation's words, or {@code null}
 */
public record TemplateCheck(List<TemplateParameter> parameters, List<String> capabilities, String capabilitiesReason) {

    public TemplateCheck {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }
}
