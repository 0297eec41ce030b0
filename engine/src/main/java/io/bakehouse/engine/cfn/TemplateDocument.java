package io.bakehouse.engine.cfn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Json;
import io.bakehouse.engine.json.Yaml;
import java.io.IOException;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A template's text read into a tree, as CloudFormation reads it: JSON, or YAML whose
 * short-form intrinsic tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, {@code !If},
 * {@code !Transform}...) become their long forms ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}).
 */
final class TemplateDocument {

    /** The functions with a YAML short form {@code !Name} for {@code Fn::Name}. */
    private static final Set<String> FUNCTIONS = Set.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAtt",
            "GetAZs", "If", "ImportValue", "Join", "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString",
            "Transform");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TemplateDocument() {
    }

    /** The template's top-level map; {@code origin} names it in messages. */
    static ObjectNode parse(String origin, String body) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body; // a byte order mark some editors write
        JsonNode root;
        try {
            root = text.stripLeading().startsWith("{") ? json(text) : yaml(text);
        } catch (IOException e) {
            throw new InvalidInputException("template", "template " + origin + " is neither JSON nor YAML: "
                    + problem(e));
        }
        if (!(root instanceof ObjectNode map)) {
            throw new InvalidInputException("template", "template " + origin
                    + " is not a CloudFormation template (no top-level map)");
        }
        return map;
    }

    /** The parser's complaint and where, in one line, without its dump of the source. */
    private static String problem(IOException e) {
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            return y.getProblem() + " (line " + (y.getProblemMark().getLine() + 1) + ", column "
                    + (y.getProblemMark().getColumn() + 1) + ")";
        }
        if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            String message = Lines.firstLine(p.getOriginalMessage())
                    .replaceAll(" \\(for \\w+ starting at \\[Source:.*", "");
            return message + " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr()
                    + ")";
        }
        return Lines.firstLine(e.getMessage());
    }

    /** JSON first (a tab-indented JSON file is no YAML); a YAML flow map also starts with a brace. */
    private static JsonNode json(String body) throws IOException {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException notJson) {
            try {
                return yaml(body);
            } catch (IOException notYaml) {
                throw notJson;
            }
        }
    }

    private static JsonNode yaml(String body) throws IOException {
        try (JsonParser p = Yaml.MAPPER.getFactory().createParser(body)) {
            return p.nextToken() == null ? null : node(p);
        }
    }

    /** The value at the parser's current token, its tag applied. */
    private static JsonNode node(JsonParser p) throws IOException {
        Object tag = p.getTypeId(); // the tag without its leading '!': "Ref", "Sub", or YAML's own "tag:yaml.org,..."
        JsonNode value;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode map = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    map.set(key, node(p));
                }
                value = map;
            }
            case START_ARRAY -> {
                ArrayNode list = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(node(p));
                }
                value = list;
            }
            case VALUE_NUMBER_INT -> value = switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> value = decimal(p.getText());
            case VALUE_TRUE, VALUE_FALSE -> value = NODES.booleanNode(p.getBooleanValue());
            case VALUE_NULL -> value = NODES.nullNode();
            default -> value = NODES.textNode(p.getText());
        }
        return tag == null ? value : intrinsic(tag.toString(), value);
    }

    private static JsonNode decimal(String text) {
        try {
            return NODES.numberNode(new java.math.BigDecimal(text));
        } catch (NumberFormatException notDecimal) {
            return NODES.textNode(text); // YAML's .inf and .nan
        }
    }

    /** {@code !Ref x} → {@code {"Ref": "x"}}, {@code !GetAtt a.b} → {@code {"Fn::GetAtt": ["a", "b"]}}, ... */
    private static JsonNode intrinsic(String tag, JsonNode value) {
        ObjectNode call = NODES.objectNode();
        if (tag.equals("Ref") || tag.equals("Condition")) {
            return call.set(tag, value);
        }
        if (!FUNCTIONS.contains(tag)) {
            return value; // a YAML type tag such as !!str, or one CloudFormation itself will judge
        }
        if (tag.equals("GetAtt") && value.isTextual() && value.asText().contains(".")) {
            String text = value.asText();
            int dot = text.indexOf('.');
            value = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
        }
        return call.set("Fn::" + tag, value);
    }
}
