package io.bakehouse.engine.cfn;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parameter a template declares.
 *
 * @param key        its name
 * @param hasDefault whether the template gives it a default value
 * @param noEcho     whether its value is secret ({@code NoEcho: true})
 */
public record TemplateParameter(String key, boolean hasDefault, boolean noEcho) {

    /** The names of the {@code NoEcho} parameters among {@code declared}, sorted. */
    static Set<String> noEchoKeys(List<TemplateParameter> declared) {
        Set<String> keys = new TreeSet<>();
        declared.stream().filter(TemplateParameter::noEcho).forEach(p -> keys.add(p.key()));
        return keys;
    }
}
