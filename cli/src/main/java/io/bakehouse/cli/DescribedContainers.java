package io.bakehouse.cli;

import java.util.List;
import java.util.Map;

/** The text form of {@code ecs-run --describe-containers}. */
final class DescribedContainers {

    private DescribedContainers() {
    }

    static String text(Map<String, Object> described) {
        StringBuilder s = new StringBuilder();
        if (described.get("placeholders") instanceof List<?> placeholders) {
            s.append("A template: the deploy-runner stack fills in ")
                    .append(String.join(", ", placeholders.stream().map(String::valueOf).toList()))
                    .append("; nothing runs from it as it is.\n");
        }
        Object containers = described.get("containers");
        if (containers instanceof Map<?, ?> byName) {
            byName.forEach((name, container) -> {
                s.append(name).append('\n');
                Object scripts = container instanceof Map<?, ?> c ? c.get("scripts") : null;
                if (scripts instanceof Map<?, ?> byScript) {
                    byScript.forEach((script, rules) -> {
                        s.append("  ").append(script).append(rules(rules)).append('\n');
                        if (rules instanceof Map<?, ?> r && r.get("description") instanceof String description) {
                            s.append("    ").append(description).append('\n');
                        }
                    });
                }
            });
        }
        s.append("task size: default ").append(described.get("defaultCpu")).append(" CPU / ")
                .append(described.get("defaultMemory")).append(" MiB, at most ").append(described.get("maxCpu"))
                .append(" CPU / ").append(described.get("maxMemory")).append(" MiB; max wait ")
                .append(described.get("maxWaitTime"));
        return s.toString();
    }

    private static String rules(Object rules) {
        if (!(rules instanceof Map<?, ?> r)) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        append(s, "options", r.get("allowedOptions"));
        append(s, "flags", r.get("allowedFlags"));
        if (Boolean.TRUE.equals(r.get("allowPositionalArgs"))) {
            s.append("; positional arguments");
        }
        return s.length() == 0 ? ": no arguments" : ":" + s.substring(1);
    }

    private static void append(StringBuilder s, String label, Object values) {
        if (values instanceof List<?> list && !list.isEmpty()) {
            s.append("; ").append(label).append(' ').append(String.join(" ", list.stream().map(String::valueOf).toList()));
        }
    }
}
