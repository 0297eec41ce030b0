package io.bakehouse.engine.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one object of a configuration tree, naming the full key of anything wrong. */
final class ConfigReader {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final JsonNode node;
    private final String path;

    ConfigReader(JsonNode node, String path, Set<String> keys) {
        if (node == null || !node.isObject()) {
            throw invalid(path.isEmpty() ? "(top level)" : path, "must be a mapping of keys to values");
        }
        this.node = node;
        this.path = path;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!keys.contains(key)) {
                throw invalid(key(key), "unknown key (known here: " + String.join(", ", keys) + ")");
            }
        }
    }

    static InvalidInputException invalid(String key, String message) {
        return new InvalidInputException("config", "runner configuration key '" + key + "': " + message,
                "fix the runner configuration file; docs/steps/ecs-run.md (\"The runner configuration\") lists every key");
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return node.hasNonNull(name);
    }

    String string(String name, String fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw invalid(key(name), "must be a string");
        }
        return v.asText();
    }

    int integer(String name, int fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isTextual() && v.asText().matches("\\d{1,9}")) {
            return Integer.parseInt(v.asText());
        }
        if (!v.isInt()) {
            throw invalid(key(name), "must be a whole number");
        }
        return v.asInt();
    }

    boolean bool(String name, boolean fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw invalid(key(name), "must be true or false");
        }
        return v.asBoolean();
    }

    List<String> strings(String name) {
        JsonNode v = node.get(name);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.add(v.asText());
            return out;
        }
        if (!v.isArray()) {
            throw invalid(key(name), "must be a list of strings");
        }
        for (JsonNode item : v) {
            if (!item.isTextual() && !item.isNumber()) {
                throw invalid(key(name), "must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        objects(name).forEach((k, v) -> {
            if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
                throw invalid(key(name) + "." + k, "must be a string");
            }
            out.put(k, v.asText());
        });
        return out;
    }

    Map<String, JsonNode> objects(String name) {
        JsonNode v = node.get(name);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw invalid(key(name), "must be a mapping");
        }
        v.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    JsonNode child(String name) {
        return node.get(name);
    }

    static Pattern pattern(String key, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw invalid(key, "'" + regex + "' is not a regular expression: " + e.getDescription());
        }
    }
}
