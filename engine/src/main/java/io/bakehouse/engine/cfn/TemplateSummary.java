package io.bakehouse.engine.cfn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a template declares and needs before it is deployed: read from the file itself, or
 * from {@code GetTemplateSummary} for a template in S3.
 *
 * @param parameters   the template's parameters
 * @param capabilities each capability a deployment of it must acknowledge → why, in words
 */
public record TemplateSummary(List<TemplateParameter> parameters, Map<String, String> capabilities) {

    public TemplateSummary {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        capabilities = capabilities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(capabilities));
    }
}
