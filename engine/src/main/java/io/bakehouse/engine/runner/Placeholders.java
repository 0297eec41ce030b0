package io.bakehouse.engine.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${Name}} placeholders of a runner configuration template: CloudFormation
 * {@code Fn::Sub} variables ({@code ${Cluster}}, {@code ${Bucket.Arn}}, {@code ${AWS::Region}})
 * that the deploy-runner stack fills in. YAML cannot read some of them where they stand
 * ({@code subnets: [${SubnetList}]}), so each is swapped for a plain word before parsing and
 * swapped back in whatever is shown.
 */
final class Placeholders {

    /** A variable name as Fn::Sub takes it, and the underscores of other templating ({@code ${SUBNET_ID}}). */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_]+(?:(?:\\.|::)[A-Za-z0-9_]+)*}");

    private final String masked;
    private final Map<String, String> placeholderByToken;

    private Placeholders(String masked, Map<String, String> placeholderByToken) {
        this.masked = masked;
        this.placeholderByToken = placeholderByToken;
    }

    /** {@code text} with every placeholder replaced by a word that occurs nowhere else in it. */
    static Placeholders mask(String text) {
        String prefix = "bakehousePlaceholder";
        while (text.contains(prefix)) {
            prefix += "X";
        }
        String unique = prefix;
        Map<String, String> tokenByPlaceholder = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // "Z" ends each token, so no token is the start of another (…1Z, …10Z).
            String token = tokenByPlaceholder.computeIfAbsent(m.group(), p -> unique + tokenByPlaceholder.size() + "Z");
            m.appendReplacement(out, token);
        }
        m.appendTail(out);
        Map<String, String> byToken = new LinkedHashMap<>();
        tokenByPlaceholder.forEach((placeholder, token) -> byToken.put(token, placeholder));
        return new Placeholders(out.toString(), byToken);
    }

    String masked() {
        return masked;
    }

    /** The placeholders in the keys and values of {@code root} (a comment's do not count), in order. */
    Set<String> in(JsonNode root) {
        Set<String> found = new LinkedHashSet<>();
        collect(root, found);
        Set<String> ordered = new LinkedHashSet<>();
        placeholderByToken.forEach((token, placeholder) -> {
            if (found.contains(token)) {
                ordered.add(placeholder);
            }
        });
        return ordered;
    }

    private void collect(JsonNode node, Set<String> found) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            tokensIn(node.asText(), found);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            tokensIn(field.getKey(), found);
            collect(field.getValue(), found);
        }
        if (node.isArray()) {
            node.forEach(item -> collect(item, found));
        }
    }

    private void tokensIn(String text, Set<String> found) {
        for (String token : placeholderByToken.keySet()) {
            if (text.contains(token)) {
                found.add(token);
            }
        }
    }

    /** {@code text} with the placeholders back in place of their words. */
    String restore(String text) {
        String out = text;
        for (Map.Entry<String, String> e : placeholderByToken.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /** {@link #restore(String)} for every string in {@code value}, a map or list (nested), copied. */
    Object restoreAll(Object value) {
        if (value instanceof String s) {
            return restore(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(restoreAll(k), restoreAll(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(restoreAll(v)));
            return out;
        }
        return value;
    }
}
