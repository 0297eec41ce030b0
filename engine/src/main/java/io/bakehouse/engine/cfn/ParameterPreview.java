package io.bakehouse.engine.cfn;

import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.Secrets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters a deployment would send, resolved and checked as {@link StackDeployer#deploy}
 * does before its first write, for a dry run ({@link StackDeployer#preview}). A {@code NoEcho}
 * parameter's value is never held here: it is {@link Secrets#MASK}.
 *
 * @param stack       the stack
 * @param template    the template, as the request names it
 * @param stackStatus the stack's status now, or {@code null} when there is no stack
 * @param create      whether the deployment would create the stack (none yet, one waiting for its first
 *                    change set, or one a failed create left, which is replaced)
 * @param parameters  stack parameter → the value it would be sent, {@code ssm:} values read; NoEcho ones masked
 * @param fromSsm     stack parameter → the SSM parameter its value was read from
 * @param keep        parameters that would keep their previous value
 * @param noEcho      the parameters among {@code parameters} whose value is masked
 * @param tags        the stack's tags
 */
public record ParameterPreview(String stack, String template, String stackStatus, boolean create,
                               Map<String, String> parameters, Map<String, String> fromSsm, List<String> keep,
                               List<String> noEcho, Map<String, String> tags) implements JsonValue {

    public ParameterPreview {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        fromSsm = Collections.unmodifiableMap(new LinkedHashMap<>(fromSsm));
        keep = List.copyOf(keep);
        noEcho = List.copyOf(noEcho);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * What a deployment planned with {@code plan}: the values it sends (those of NoEcho
     * parameters masked, and any secret the deployment knows masked within the others), where
     * the {@code ssm:} ones came from, and what keeps its previous value.
     */
    static ParameterPreview of(CfnDeployRequest request, StackState existing, boolean create,
                               List<TemplateParameter> declared, ParameterPlan plan, Map<String, String> sources,
                               Map<String, String> tags, Secrets secrets) {
        Set<String> masked = TemplateParameter.noEchoKeys(declared);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> fromSsm = new LinkedHashMap<>();
        List<String> noEcho = new ArrayList<>();
        plan.values().forEach((key, value) -> {
            if (value == null) {
                return; // kept
            }
            boolean secret = masked.contains(key);
            values.put(key, secret ? Secrets.MASK : secrets.mask(value));
            if (secret) {
                noEcho.add(key);
            }
            if (sources.containsKey(key)) {
                fromSsm.put(key, sources.get(key));
            }
        });
        return new ParameterPreview(request.stack(), request.template(), existing == null ? null : existing.status(),
                create, values, fromSsm, plan.kept(), noEcho, tags);
    }

    @Override
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stack", stack);
        m.put("template", template);
        m.put("stackStatus", stackStatus);
        m.put("create", create);
        m.put("parameters", parameters);
        m.put("fromSsm", fromSsm);
        m.put("keep", keep);
        m.put("noEcho", noEcho);
        m.put("tags", tags);
        return m;
    }
}
