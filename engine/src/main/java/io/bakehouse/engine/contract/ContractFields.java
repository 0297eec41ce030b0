package io.bakehouse.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One YAML mapping, read key by key; {@link #finish()} refuses the keys nobody read. */
final class ContractFields {
    final JsonNode node;
    final String where;
    private final Set<String> read = new LinkedHashSet<>();

    ContractFields(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": a mapping is expected");
        }
        this.node = node;
        this.where = where;
    }

    boolean has(String key) {
        return node.has(key);
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    String text(String key) {
        return present(key, optText(key));
    }

    private <T> T present(String key, T value) {
        if (value == null) {
            throw new IllegalArgumentException(where + ": " + key + " is missing");
        }
        return value;
    }

    String optText(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(where + ": " + key + " is a single value");
        }
        return v.asText();
    }

    boolean optBoolean(String key) {
        String v = optText(key);
        if (v != null && !v.matches("true|false")) {
            throw new IllegalArgumentException(where + ": " + key + " is true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** Text of whole sentences: ends with a full stop. */
    Markup sentences(String key) {
        return present(key, optSentences(key));
    }

    Markup optSentences(String key) {
        String v = optText(key);
        if (v == null) {
            return null;
        }
        Markup m = markup(key, v);
        if (!m.source().endsWith(".")) {
            throw new IllegalArgumentException(where + ": " + key + " is whole sentences, ending with a full stop");
        }
        return m;
    }

    /** Text that goes into a sentence: no full stop of its own. */
    Markup optPhrase(String key) {
        String v = optText(key);
        if (v == null) {
            return null;
        }
        Markup m = markup(key, v);
        if (m.source().endsWith(".")) {
            throw new IllegalArgumentException(where + ": " + key + " goes into a sentence: no full stop");
        }
        return m;
    }

    List<Markup> optParagraphs(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null) {
            return List.of();
        }
        List<Markup> paragraphs = new ArrayList<>();
        for (JsonNode item : v) {
            Markup m = markup(key, item.asText());
            if (!m.source().endsWith(".")) {
                throw new IllegalArgumentException(where + ": each of " + key + " ends with a full stop");
            }
            paragraphs.add(m);
        }
        return paragraphs;
    }

    private Markup markup(String key, String v) {
        for (char c : v.toCharArray()) {
            if (c > 127 && c != '→') {
                throw new IllegalArgumentException(where + ": " + key + " holds '" + c + "': write ASCII (and →)"
                        + " so that every console shows it");
            }
        }
        try {
            return Markup.of(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + key + ": " + e.getMessage(), e);
        }
    }

    List<String> strings(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(where + ": " + key + " is a list");
        }
        List<String> items = new ArrayList<>();
        v.forEach(item -> items.add(item.asText()));
        return items;
    }

    ContractFields fields(String key) {
        return present(key, optFields(key));
    }

    ContractFields optFields(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null ? null : new ContractFields(v, where + ", " + key);
    }

    List<ContractFields> list(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(where + ": " + key + " is a list");
        }
        List<ContractFields> items = new ArrayList<>();
        for (JsonNode item : v) {
            JsonNode name = item.get("name");
            items.add(new ContractFields(item, where + ", " + (name == null ? key : name.asText())));
        }
        return items;
    }

    void finish() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!read.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown key " + name);
            }
        }
    }
}
