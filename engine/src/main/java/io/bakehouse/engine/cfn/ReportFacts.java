package io.bakehouse.engine.cfn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deployment's report shows besides the stack's status and outputs, as far as the
 * deployment got: each stage hands the next one these facts with what it learnt added.
 *
 * @param changeSetName the change set (a deployment is reported once it names one)
 * @param changes       its resource changes, once CloudFormation has made it
 * @param declared      the template's parameters; the NoEcho ones are masked in the report
 * @param values        the parameter values sent; a {@code null} value keeps the previous one
 * @param events        the stack events seen while the change set executed
 */
record ReportFacts(String changeSetName, List<ChangeRow> changes, List<TemplateParameter> declared,
                   Map<String, String> values, List<StackEvent> events) {

    ReportFacts {
        if (changeSetName == null) {
            throw new IllegalArgumentException("a deployment is reported once it names its change set");
        }
        changes = List.copyOf(changes);
        declared = List.copyOf(declared);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        events = List.copyOf(events);
    }

    /** A deployment that has named its change set and learnt nothing else yet. */
    static ReportFacts named(String changeSetName) {
        return new ReportFacts(changeSetName, List.of(), List.of(), Map.of(), List.of());
    }

    ReportFacts withParameters(List<TemplateParameter> declared, Map<String, String> values) {
        return new ReportFacts(changeSetName, changes, declared, values, events);
    }

    ReportFacts withChanges(List<ChangeRow> changes) {
        return new ReportFacts(changeSetName, changes, declared, values, events);
    }

    ReportFacts withEvents(List<StackEvent> events) {
        return new ReportFacts(changeSetName, changes, declared, values, events);
    }
}
