package io.bakehouse.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the contract's YAML files into the model, refusing what it does not know. */
final class ContractReader {
    private final YAMLMapper yaml = new YAMLMapper();

    Fields fields(String text, String where) {
        try {
            JsonNode node = yaml.readTree(text);
            return new Fields(node, where);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not YAML: " + e.getMessage(), e);
        }
    }

    Step step(String text, String where) {
        Fields f = fields(text, where);
        String name = f.text("name");
        boolean isCommon = StepContract.COMMON.equals(name);
        String command = isCommon ? null : f.text("command");
        Markup summary = isCommon ? null : f.sentences("summary");
        String request = f.text("request");
        String result = isCommon ? null : f.text("result");
        Map<String, String> notParameters = new LinkedHashMap<>();
        Fields np = f.optFields("not-parameters");
        if (np != null) {
            np.keys().forEach(k -> notParameters.put(k, np.text(k)));
            np.finish();
        }
        List<List<String>> exactlyOne = new ArrayList<>();
        Fields groups = f.optFields("exactly-one");
        if (groups != null) {
            groups.keys().forEach(k -> exactlyOne.add(groups.strings(k)));
            groups.finish();
        }
        Fields jenkins = f.fields("jenkins");
        String jenkinsClass = jenkins.text("class");
        String section = isCommon ? jenkins.text("section") : null;
        Map<String, List<Markup>> notes = new LinkedHashMap<>();
        List<Markup> jenkinsNotes = jenkins.optParagraphs("notes");
        if (!jenkinsNotes.isEmpty()) {
            notes.put("jenkins", jenkinsNotes);
        }
        jenkins.finish();
        String example = null;
        for (String face : List.of("pipeline", "library", "cli")) {
            Fields faceFields = f.optFields(face);
            if (faceFields != null) {
                List<Markup> paragraphs = faceFields.optParagraphs("notes");
                if (!paragraphs.isEmpty()) {
                    notes.put(face, paragraphs);
                }
                if (face.equals("pipeline") && !isCommon) {
                    example = faceFields.text("example").strip();
                }
                faceFields.finish();
            }
        }
        if (example == null && !isCommon) {
            throw new IllegalArgumentException(where + ": pipeline.example is missing");
        }
        List<Parameter> parameters = new ArrayList<>();
        for (Fields p : f.list("parameters")) {
            parameters.add(parameter(p));
        }
        List<ResultKey> results = new ArrayList<>();
        if (!isCommon) {
            for (Fields r : f.list("results")) {
                results.add(new ResultKey(r.text("name"), r.optPhrase("description")));
                r.finish();
            }
        }
        f.finish();
        return new Step(name, command, summary, request, result, notParameters, exactlyOne, jenkinsClass,
                section, notes, example, parameters, results);
    }

    Parameter parameter(Fields f) {
        String name = f.text("name");
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException(f.where + ": '" + name + "' is no camelCase name");
        }
        ParamType type = ParamType.of(f.text("type"));
        String of = f.optText("of");
        Set<Face> faces = EnumSet.noneOf(Face.class);
        List<String> faceKeys = f.has("faces") ? f.strings("faces") : List.of("jenkins", "library", "cli");
        faceKeys.forEach(k -> faces.add(Face.of(k)));
        boolean required = f.optBoolean("required");
        String requiredUnless = f.optText("required-unless");
        String defaultValue = f.optText("default");
        Markup defaultText = f.optPhrase("default-text");
        if ((required || requiredUnless != null) && (defaultValue != null || defaultText != null)) {
            throw new IllegalArgumentException(f.where + ": a required parameter has no default");
        }
        if (defaultValue != null && defaultText != null) {
            throw new IllegalArgumentException(f.where + ": give default or default-text, not both");
        }
        if (type == ParamType.BOOLEAN && (required || (defaultValue != null && !defaultValue.matches("true|false")))) {
            throw new IllegalArgumentException(f.where + ": a boolean is optional and defaults to true or false");
        }
        Markup description = f.sentences("description");
        Markup details = f.optSentences("details");
        String example = f.optText("example");
        String engine = f.optText("engine");
        Map<String, FaceText> faceTexts = new LinkedHashMap<>();
        Parameter.JenkinsField jenkinsField = null;
        Parameter.CliSpelling cli = null;
        for (String key : List.of("pipeline", "jenkins", "library", "cli")) {
            Fields t = f.optFields(key);
            if (t == null) {
                if (key.equals("cli") && faces.contains(Face.CLI)) {
                    cli = new Parameter.CliSpelling(null, List.of(), null, null, null, null);
                }
                continue;
            }
            faceTexts.put(key, new FaceText(t.optSentences("description"), t.optSentences("note"),
                    t.optPhrase("default-text")));
            if (key.equals("jenkins")) {
                String label = t.optText("label");
                if (label != null) {
                    jenkinsField = new Parameter.JenkinsField(label, t.has("widget") ? t.text("widget") : widget(type));
                }
            }
            if (key.equals("cli")) {
                cli = new Parameter.CliSpelling(t.optText("option"), t.has("aliases") ? t.strings("aliases") : List.of(),
                        t.optText("label"), t.optText("form"), subOption(t, "env"), subOption(t, "file"));
            }
            t.finish();
        }
        Map<Face, String> absent = new LinkedHashMap<>();
        Fields why = f.optFields("absent");
        if (why != null) {
            why.keys().forEach(k -> absent.put(Face.of(k), why.text(k)));
            why.finish();
        }
        f.finish();
        Parameter p = new Parameter(name, type, of, faces, required, requiredUnless, defaultValue, defaultText,
                description, details, example, engine, faceTexts, absent, jenkinsField, cli);
        checkFaces(p, f.where);
        return p;
    }

    private static void checkFaces(Parameter p, String where) {
        boolean formField = p.in(Face.JENKINS) && !p.type().collection();
        if (formField != (p.jenkins() != null)) {
            throw new IllegalArgumentException(where + ": " + (formField
                    ? "a Jenkins parameter that is no list or map needs jenkins.label (its form field's title)"
                    : "only a Jenkins parameter that is no list or map has a form field (jenkins.label)"));
        }
        if (p.in(Face.CLI)) {
            String form = p.cli().form();
            if (form != null && !List.of("positional", "joined", "secret-pairs").contains(form)) {
                throw new IllegalArgumentException(where + ": cli.form is positional, joined or secret-pairs");
            }
            boolean flag = p.type() == ParamType.BOOLEAN;
            boolean secret = "secret-pairs".equals(form);
            if (!flag && !secret && p.cli().label() == null) {
                throw new IllegalArgumentException(where + ": a CLI option that takes a value needs cli.label");
            }
            if (secret != (p.cli().env() != null && p.cli().file() != null)) {
                throw new IllegalArgumentException(where + ": cli.env and cli.file go with cli.form secret-pairs");
            }
        } else if (p.cli() != null) {
            throw new IllegalArgumentException(where + ": cli is for a parameter the CLI takes");
        }
    }

    private static Parameter.SubOption subOption(Fields cli, String key) {
        Fields sub = cli.optFields(key);
        if (sub == null) {
            return null;
        }
        Parameter.SubOption o = new Parameter.SubOption(sub.text("label"), sub.sentences("description"));
        sub.finish();
        return o;
    }

    private static String widget(ParamType type) {
        return switch (type) {
            case BOOLEAN -> "checkbox";
            case INT -> "number";
            default -> "textbox";
        };
    }

    /** One YAML mapping, read key by key; {@link #finish()} refuses the keys nobody read. */
    static final class Fields {
        final JsonNode node;
        final String where;
        private final Set<String> read = new LinkedHashSet<>();

        Fields(JsonNode node, String where) {
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

        Fields fields(String key) {
            return present(key, optFields(key));
        }

        Fields optFields(String key) {
            read.add(key);
            JsonNode v = node.get(key);
            return v == null ? null : new Fields(v, where + ", " + key);
        }

        List<Fields> list(String key) {
            read.add(key);
            JsonNode v = node.get(key);
            if (v == null || !v.isArray()) {
                throw new IllegalArgumentException(where + ": " + key + " is a list");
            }
            List<Fields> items = new ArrayList<>();
            for (JsonNode item : v) {
                JsonNode name = item.get("name");
                items.add(new Fields(item, where + ", " + (name == null ? key : name.asText())));
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
}
