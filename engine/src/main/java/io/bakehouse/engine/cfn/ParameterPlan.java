package io.bakehouse.engine.cfn;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.ssm.AmiIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameter values a change set is given, checked against what the template declares
 * before anything is created: names the template does not declare are refused, every
 * parameter without a default needs a value (on an update, the stack's previous value counts),
 * and a value for an AMI parameter ({@code AWS::EC2::Image::Id}) must be an AMI ID.
 *
 * @param values   key → value; a {@code null} value means "keep the previous value"
 * @param secrets  values of {@code NoEcho} parameters, to be masked in every message
 * @param kept     parameters that keep their previous value
 */
record ParameterPlan(Map<String, String> values, List<String> secrets, List<String> kept) {

    private static final String AMI_TYPE = "AWS::EC2::Image::Id";
    private static final String AMI_LIST_TYPE = "List<" + AMI_TYPE + ">";

    ParameterPlan {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secrets = List.copyOf(secrets);
        kept = List.copyOf(kept);
    }

    /**
     * @param declared      the template's parameters
     * @param given         values from the parameters file and the command line (the latter wins)
     * @param sources       stack parameter → the SSM parameter its given value was read from
     * @param keep          parameters to keep at their previous value
     * @param existingKeys  the parameters the stack has now, or {@code null} for a new stack
     */
    static ParameterPlan of(String template, List<TemplateParameter> declared, Map<String, String> given,
                            Map<String, String> sources, Collection<String> keep, Set<String> existingKeys) {
        Map<String, TemplateParameter> byKey = new LinkedHashMap<>();
        declared.forEach(p -> byKey.put(p.key(), p));
        Set<String> unknown = new LinkedHashSet<>();
        given.keySet().stream().filter(k -> !byKey.containsKey(k)).forEach(unknown::add);
        keep.stream().filter(k -> !byKey.containsKey(k)).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("params", "template " + template + " has no parameter"
                    + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown),
                    byKey.isEmpty() ? "the template declares no parameters"
                            : "the template declares: " + String.join(", ", byKey.keySet()));
        }
        boolean create = existingKeys == null;
        if (create && !keep.isEmpty()) {
            throw new InvalidInputException("keepParams", "cannot keep the previous value of " + String.join(", ", keep)
                    + ": the stack is new", "give these parameters values instead");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        List<TemplateParameter> missing = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (TemplateParameter p : byKey.values()) {
            String key = p.key();
            if (given.containsKey(key)) {
                requireValueOfItsType(p, given.get(key), sources.get(key));
                values.put(key, given.get(key));
                if (p.noEcho()) {
                    secrets.add(given.get(key));
                }
            } else if (!create && existingKeys.contains(key) && (keep.contains(key) || !p.hasDefault())) {
                values.put(key, null);
                kept.add(key);
            } else if (keep.contains(key)) {
                throw new InvalidInputException("keepParams", "stack has no previous value for " + key + " to keep",
                        "give " + key + " a value");
            } else if (!p.hasDefault()) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            TemplateParameter first = missing.get(0);
            String value = first.valueHint();
            throw new InvalidInputException("params", "template " + template + " needs a value for "
                    + String.join(", ", missing.stream().map(TemplateParameter::key).toList())
                    + " (no default); nothing was created", "pass --param " + first.key()
                    + "=VALUE (params) or add it to the parameters file" + (value.isEmpty() ? "" : "; " + value));
        }
        return new ParameterPlan(values, secrets, kept);
    }

    /**
     * Refuses a value CloudFormation would refuse for the parameter's type, where the type
     * says what a value looks like: an AMI ID for {@code AWS::EC2::Image::Id} (each one of a
     * {@code List<AWS::EC2::Image::Id>}). Other types are CloudFormation's to check.
     */
    private static void requireValueOfItsType(TemplateParameter p, String value, String ssmName) {
        boolean list = AMI_LIST_TYPE.equals(p.type());
        if (!list && !AMI_TYPE.equals(p.type())) {
            return;
        }
        List<String> amis = list ? List.of(value.split(",", -1)) : List.of(value);
        if (amis.stream().map(String::trim).allMatch(AmiIds::isAmiId)) {
            return;
        }
        String shown = p.noEcho() ? "a value" : "'" + value + "'";
        String what = list ? "a comma-separated list of AMI IDs" : "an AMI ID";
        if (ssmName != null) {
            throw new InvalidInputException("params", "SSM parameter " + ssmName + " (for stack parameter " + p.key()
                    + ", type " + p.type() + ") holds " + shown + ", which is not " + what + "; nothing was created",
                    "publish an AMI ID to " + ssmName + " (publishAmiParam / bakehouse publish-ami-param);"
                            + " AMI IDs look like ami-0123456789abcdef0");
        }
        throw new InvalidInputException("params", "stack parameter " + p.key() + " (type " + p.type() + ") is "
                + shown + ", which is not " + what + "; nothing was created",
                "AMI IDs look like ami-0123456789abcdef0");
    }
}
