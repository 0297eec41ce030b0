package io.bakehouse.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * The library's steps, made from {@link StepTable} (generated from the step contract, as
 * docs/steps.md lists it): each as a {@link StepSpec} that checks a call and renders it.
 */
class Steps {
    @NonCPS
    static List<StepSpec> all() {
        List<Parameter> common = parameters(StepTable.common())
        return StepTable.steps().collect { Map step ->
            new StepSpec((String) step.name, (String) step.command, parameters((List<Map>) step.parameters) + common,
                    (Map<String, String>) step.requiredUnless)
        }
    }

    @NonCPS
    static StepSpec named(String name) {
        StepSpec spec = all().find { it.name == name }
        if (spec == null) {
            throw new IllegalArgumentException("no bakehouse step named '${name}'")
        }
        return spec
    }

    @NonCPS
    static List<Parameter> parameters(List<Map> rows) {
        return rows.collect { Map p -> new Parameter((String) p.name, (String) p.type, (String) p.rendering, (boolean) p.required,
                (String) p.option) }
    }
}
