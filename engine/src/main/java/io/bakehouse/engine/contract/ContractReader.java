package io.bakehouse.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.json.Yaml;
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
    ContractFields fields(String text, String where) {
        try {
            JsonNode node = Yaml.MAPPER.readTree(text);
            return new ContractFields(node, where);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not YAML: " + e.getMessage(), e);
        }
    }

    Step step(String text, String where) {
        ContractFields f = fields(text, where);
        String name = f.text("name");
        boolean isCommon = StepContract.COMMON.equals(name);
        String command = isCommon ? null : f.text("command");
        Markup summary = isCommon ? null : f.sentences("summary");
        String request = f.text("request");
        String result = isCommon ? null : f.text("result");
        Map<String, String> notParameters = new LinkedHashMap<>();
        ContractFields np = f.optFields("not-parameters");
        if (np != null) {
            np.keys().forEach(k -> notParameters.put(k, np.text(k)));
            np.finish();
        }
        List<List<String>> exactlyOne = new ArrayList<>();
        ContractFields groups = f.optFields("exactly-one");
        if (groups != null) {
            groups.keys().forEach(k -> exactlyOne.add(groups.strings(k)));
            groups.finish();
        }
        ContractFields jenkins = f.fields("jenkins");
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
            ContractFields faceFields = f.optFields(face);
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
        for (ContractFields p : f.list("parameters")) {
            parameters.add(parameter(p));
        }
        List<ResultKey> results = new ArrayList<>();
        if (!isCommon) {
            for (ContractFields r : f.list("results")) {
                results.add(new ResultKey(r.text("name"), r.optPhrase("description")));
                r.finish();
            }
        }
        f.finish();
        return new Step(name, command, summary, request, result, notParameters, exactlyOne, jenkinsClass,
                section, notes, example, parameters, results);
    }

    Parameter parameter(ContractFields f) {
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
            ContractFields t = f.optFields(key);
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
        ContractFields why = f.optFields("absent");
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

    private static Parameter.SubOption subOption(ContractFields cli, String key) {
        ContractFields sub = cli.optFields(key);
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
}
