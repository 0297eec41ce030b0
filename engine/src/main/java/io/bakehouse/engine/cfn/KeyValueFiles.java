package io.bakehouse.engine.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads parameter and tag files in the forms people already have: the AWS CLI's JSON lists
 * ({@code [{"ParameterKey": .., "ParameterValue": ..}]}, {@code [{"Key": .., "Value": ..}]}),
 * a plain {@code {"K": "V"}} map in JSON or YAML, and the {@code {"Parameters": {..}}} form
 * of CodePipeline's template configuration files.
 */
final class KeyValueFiles {

    /** Values from a parameters file; {@code keep} lists keys marked {@code UsePreviousValue}. */
    record Params(Map<String, String> values, List<String> keep) {
    }

    private KeyValueFiles() {
    }

    static Params readParams(String file) {
        JsonNode root = read("paramsFile", file);
        Map<String, String> values = new LinkedHashMap<>();
        List<String> keep = new ArrayList<>();
        if (root.isObject() && root.size() == 1 && root.has("Parameters") && root.get("Parameters").isObject()) {
            root = root.get("Parameters");
        }
        if (root.isArray()) {
            for (JsonNode item : root) {
                String key = text(item.get("ParameterKey"));
                if (key == null) {
                    throw badForm("paramsFile", file);
                }
                if (item.path("UsePreviousValue").asBoolean(false)) {
                    keep.add(key);
                } else if (item.has("ParameterValue")) {
                    values.put(key, scalar("paramsFile", file, key, item.get("ParameterValue")));
                } else {
                    throw new InvalidInputException("paramsFile", "parameter " + key + " in " + file
                            + " has neither ParameterValue nor UsePreviousValue");
                }
            }
        } else if (root.isObject()) {
            values.putAll(map("paramsFile", file, root));
        } else {
            throw badForm("paramsFile", file);
        }
        return new Params(values, keep);
    }

    static Map<String, String> readTags(String file) {
        JsonNode root = read("tagsFile", file);
        if (root.isArray()) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (JsonNode item : root) {
                String key = text(item.get("Key"));
                if (key == null || !item.has("Value")) {
                    throw badForm("tagsFile", file);
                }
                tags.put(key, scalar("tagsFile", file, key, item.get("Value")));
            }
            return tags;
        }
        if (root.isObject()) {
            return map("tagsFile", file, root);
        }
        throw badForm("tagsFile", file);
    }

    private static JsonNode read(String field, String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(field, field + " " + file + " does not exist or is not a file");
        }
        try {
            JsonNode root = Yaml.MAPPER.readTree(path.toFile()); // YAML is a superset of JSON
            if (root == null || root.isMissingNode()) {
                throw badForm(field, file);
            }
            return root;
        } catch (IOException e) {
            throw new InvalidInputException(field, "cannot read " + field + " " + file + ": "
                    + Lines.firstLine(e.getMessage()), "it must be JSON or YAML");
        }
    }

    private static Map<String, String> map(String field, String file, JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            values.put(e.getKey(), scalar(field, file, e.getKey(), e.getValue()));
        }
        return values;
    }

    /** A text value; numbers and booleans as written; a list joined with commas (CommaDelimitedList). */
    private static String scalar(String field, String file, String key, JsonNode value) {
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(scalar(field, file, key, v)));
            return String.join(",", parts);
        }
        if (value.isValueNode() && !value.isNull()) {
            return value.asText();
        }
        throw new InvalidInputException(field, key + " in " + file + " needs a text value");
    }

    private static String text(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() ? null : node.asText();
    }

    private static InvalidInputException badForm(String field, String file) {
        return new InvalidInputException(field, field + " " + file + " is in none of the known forms",
                "write a {\"Key\": \"Value\"} map (JSON or YAML) or the AWS CLI's JSON list form");
    }
}
