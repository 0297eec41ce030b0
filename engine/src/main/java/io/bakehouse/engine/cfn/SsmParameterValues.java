package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.CfnCalls.call;

import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;

/**
 * Stack parameter values written {@code ssm:NAME} (e.g. {@code ssm:/DeploymentConfig/dev/Network/VpcId},
 * optionally with a {@code :version} or {@code :label} selector), replaced by the value of that
 * SSM parameter before anything is created. Only String and StringList parameters are read: a
 * SecureString is refused by name (its value is never fetched decrypted, nor shown), because a
 * stack parameter's value is visible to anyone who can describe the stack.
 *
 * @param values  every given value, the {@code ssm:} ones resolved
 * @param sources stack parameter → the SSM parameter its value was read from
 */
record SsmParameterValues(Map<String, String> values, Map<String, String> sources) {

    static final String PREFIX = "ssm:";
    /** GetParameters takes at most ten names a call. */
    private static final int BATCH = 10;

    SsmParameterValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** Resolves the {@code ssm:} values of {@code given}; {@code ssm} is only asked for when one is written. */
    static SsmParameterValues resolve(Map<String, String> given, Supplier<SsmClient> ssm, String region) {
        Map<String, String> sources = new LinkedHashMap<>();
        given.forEach((key, value) -> {
            if (value != null && value.startsWith(PREFIX)) {
                String name = value.substring(PREFIX.length()).trim();
                if (name.isEmpty()) {
                    throw new InvalidInputException("params", "stack parameter " + key + " is written '" + PREFIX
                            + "' without an SSM parameter name; nothing was created",
                            "write it as ssm:/path/of/the/parameter");
                }
                sources.put(key, name);
            }
        });
        if (sources.isEmpty()) {
            return new SsmParameterValues(given, sources);
        }
        Map<String, Parameter> found = read(new LinkedHashSet<>(sources.values()), ssm.get(), sources, region);
        Map<String, String> values = new LinkedHashMap<>(given);
        sources.forEach((key, name) -> values.put(key, found.get(name).value()));
        return new SsmParameterValues(values, sources);
    }

    /** Lines saying where each resolved value came from. */
    List<String> report() {
        List<String> lines = new ArrayList<>();
        sources.forEach((key, name) -> lines.add("Parameter " + key + " = " + values.get(key) + " (from SSM " + name + ")"));
        return lines;
    }

    private static Map<String, Parameter> read(Set<String> names, SsmClient ssm, Map<String, String> sources,
                                               String region) {
        Map<String, Parameter> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        // SSM names hold no ':', so one marks a version or label selector (or an ARN): those are read one by one,
        // because GetParameters answers with the bare name, and not every implementation adds the selector.
        List<String> plain = names.stream().filter(n -> n.indexOf(':') < 0).toList();
        for (int from = 0; from < plain.size(); from += BATCH) {
            List<String> batch = plain.subList(from, Math.min(plain.size(), from + BATCH));
            GetParametersResponse response = call("reading SSM parameters " + String.join(", ", batch),
                    () -> ssm.getParameters(r -> r.names(batch).withDecryption(false)));
            response.parameters().forEach(p -> found.put(p.name(), p));
            missing.addAll(response.invalidParameters());
        }
        for (String selected : names.stream().filter(n -> n.indexOf(':') >= 0).toList()) {
            try {
                found.put(selected, ssm.getParameter(r -> r.name(selected).withDecryption(false)).parameter());
            } catch (ParameterNotFoundException | ParameterVersionNotFoundException e) {
                missing.add(selected);
            } catch (SdkException e) {
                throw AwsErrors.translate("reading SSM parameter " + selected, e);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("params", "SSM parameter" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (for stack parameter" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", keysOf(missing, sources)) + ") " + (missing.size() == 1 ? "does" : "do")
                    + " not exist in " + region + "; nothing was created",
                    "create it first (e.g. publishAmiParam / aws ssm put-parameter) or fix the parameter value");
        }
        for (String name : names) {
            Parameter p = found.get(name);
            if (p == null) {
                throw new InvalidInputException("params", "SSM did not return parameter " + name + "; nothing was created");
            }
            if (p.type() == ParameterType.SECURE_STRING) {
                throw new InvalidInputException("params", "SSM parameter " + name + " (for stack parameter "
                        + String.join(", ", keysOf(List.of(name), sources)) + ") is a SecureString; stack parameters"
                        + " are visible to anyone who can describe the stack, so it is not read; nothing was created",
                        "use a String parameter, or a {{resolve:ssm-secure:...}} dynamic reference in the template");
            }
        }
        return found;
    }

    private static List<String> keysOf(List<String> names, Map<String, String> sources) {
        List<String> keys = new ArrayList<>();
        sources.forEach((key, name) -> {
            if (names.contains(name)) {
                keys.add(key);
            }
        });
        return keys;
    }
}
