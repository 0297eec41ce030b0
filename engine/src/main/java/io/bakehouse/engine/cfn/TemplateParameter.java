package io.bakehouse.engine.cfn;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parameter a template declares.
 *
 * @param key           its name
 * @param type          its type ({@code String}, {@code Number}, {@code AWS::SSM::Parameter::Value<String>}...),
 *                      or {@code null} when not known
 * @param hasDefault    whether the template gives it a default value
 * @param noEcho        whether its value is secret ({@code NoEcho: true})
 * @param allowedValues the values it may take ({@code AllowedValues}); empty when any
 */
public record TemplateParameter(String key, String type, boolean hasDefault, boolean noEcho,
                                List<String> allowedValues) {

    public TemplateParameter {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }

    /** A parameter known only by these facts (e.g. the NoEcho ones a deployment in progress remembers). */
    public TemplateParameter(String key, boolean hasDefault, boolean noEcho) {
        this(key, null, hasDefault, noEcho, List.of());
    }

    /** The names of the {@code NoEcho} parameters among {@code declared}, sorted. */
    static Set<String> noEchoKeys(List<TemplateParameter> declared) {
        Set<String> keys = new TreeSet<>();
        declared.stream().filter(TemplateParameter::noEcho).forEach(p -> keys.add(p.key()));
        return keys;
    }

    /** What a value for it looks like, when the template says more than "a String"; empty otherwise. */
    String valueHint() {
        if (!allowedValues.isEmpty()) {
            return key + " takes one of: " + String.join(", ", allowedValues);
        }
        if (type != null && type.startsWith("AWS::SSM::Parameter::Value<")) {
            return key + " takes the name of an SSM parameter (" + type + ")";
        }
        return "";
    }
}
