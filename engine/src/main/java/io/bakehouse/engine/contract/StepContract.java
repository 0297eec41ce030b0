package io.bakehouse.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bakehouse.engine.contract.CliOption.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The step contract: every step's parameters (name, type, default, description, the faces that
 * take them and how each spells them) and results, read from one file per step in
 * {@code io/bakehouse/engine/contract/} ({@code contract.yaml} lists them; {@code common.yaml}
 * holds the parameters every step takes). The one source the faces' help, docs and checks come
 * from: the build generates the Jenkins help pages, the CLI's option descriptions, the shared
 * library's table and help pages and the docs' tables from it, and each face's tests check its
 * parameters against it (docs/contract.md).
 *
 * <p>Build and test time only: no face reads it while it runs.
 */
public final class StepContract {

    /** Where the contract's files are, on the class path. */
    public static final String RESOURCES = "io/bakehouse/engine/contract/";
    static final String INDEX = "contract.yaml";
    static final String COMMON = "common";

    private final Step common;
    private final List<Step> steps;

    private StepContract(Step common, List<Step> steps) {
        this.common = common;
        this.steps = List.copyOf(steps);
    }

    /** The contract on the class path. */
    public static StepContract load() {
        return read(file -> {
            try (InputStream in = StepContract.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
                if (in == null) {
                    throw new IllegalStateException("the step contract has no file " + RESOURCES + file);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The contract whose files {@code files} gives by name ({@code contract.yaml}, {@code common.yaml}, ...). */
    public static StepContract read(Function<String, String> files) {
        Reader reader = new Reader();
        Fields index = reader.fields(files.apply(INDEX), INDEX);
        List<String> names = index.strings("steps");
        index.finish();
        Step common = reader.step(files.apply(COMMON + ".yaml"), COMMON);
        List<Step> steps = new ArrayList<>();
        for (String name : names) {
            Step step = reader.step(files.apply(name + ".yaml"), name + ".yaml");
            if (!step.name().equals(name)) {
                throw new IllegalArgumentException(name + ".yaml: its name is " + step.name());
            }
            steps.add(step);
        }
        StepContract contract = new StepContract(common, steps);
        contract.check();
        return contract;
    }

    /** The parameters every step takes. */
    public Step common() {
        return common;
    }

    /** Every step, in the contract's order. */
    public List<Step> steps() {
        return steps;
    }

    /** The step {@code name}; an {@link IllegalArgumentException} when there is none. */
    public Step step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the step contract has no step " + name));
    }

    /** What {@code face} takes for {@code step}: its own parameters, then the common ones. */
    public List<Parameter> parameters(Step step, Face face) {
        List<Parameter> all = new ArrayList<>();
        step.parameters().stream().filter(p -> p.in(face)).forEach(all::add);
        if (step != common) {
            common.parameters().stream().filter(p -> p.in(face)).forEach(all::add);
        }
        return all;
    }

    /** Parameter {@code name} of {@code step} (its own or a common one), or {@code null}. */
    public Parameter parameter(Step step, String name) {
        Parameter own = step.parameter(name);
        return own != null ? own : common.parameter(name);
    }

    /** How {@code face} spells a reference to a parameter of {@code step}: {@code roleArn}, or {@code --role-arn} on the CLI. */
    public UnaryOperator<String> spelling(Step step, Face face) {
        return name -> {
            Parameter p = parameter(step, name);
            return face == Face.CLI && p != null && p.in(Face.CLI) ? optionName(p) : name;
        };
    }

    /** The CLI's first name for {@code p}: its option ({@code --ami-id}), or its label when positional. */
    private static String optionName(Parameter p) {
        Parameter.CliSpelling cli = p.cli();
        if ("positional".equals(cli.form())) {
            return cli.label();
        }
        if ("secret-pairs".equals(cli.form())) {
            return secretBase(p) + "-env";
        }
        Kind kind = kindOf(p, "joined".equals(cli.form()));
        boolean singular = kind == Kind.REPEATED || kind == Kind.PAIRS;
        return cli.option() != null ? cli.option() : "--" + Parameter.kebab(singular ? Parameter.singular(p.name()) : p.name());
    }

    private static String secretBase(Parameter p) {
        return p.cli().option() != null ? p.cli().option() : "--" + Parameter.kebab(Parameter.singular(p.name()));
    }

    /** The CLI options that set {@code step}'s own parameters (the common step: the options every command takes). */
    public List<CliOption> cliOptions(Step step) {
        List<CliOption> all = new ArrayList<>();
        step.parameters().stream().filter(p -> p.in(Face.CLI)).forEach(p -> all.addAll(options(step, p)));
        return all;
    }

    /** The CLI options that set {@code p} (two for {@code secret-pairs}), with their help text. */
    public List<CliOption> options(Step step, Parameter p) {
        if (!p.in(Face.CLI)) {
            return List.of();
        }
        Parameter.CliSpelling cli = p.cli();
        String form = cli.form();
        if ("secret-pairs".equals(form)) {
            return List.of(
                    secretOption(step, p, secretBase(p) + "-env", cli.env()),
                    secretOption(step, p, secretBase(p) + "-file", cli.file()));
        }
        Kind kind = "positional".equals(form) ? Kind.POSITIONAL : kindOf(p, "joined".equals(form));
        String name = optionName(p);
        Markup text = Markup.join(p.text(Face.CLI), p.requirementSentence(), p.defaultSentence(Face.CLI),
                kind == Kind.REPEATED || kind == Kind.PAIRS ? Markup.of("Repeatable.") : null);
        return List.of(new CliOption(p.name(), name, cli.aliases(), cli.label(), kind, text.plain(spelling(step, Face.CLI))));
    }

    private CliOption secretOption(Step step, Parameter p, String name, Parameter.SubOption sub) {
        Markup text = Markup.join(sub.description(), Markup.of("Repeatable."));
        return new CliOption(p.name(), name, List.of(), sub.label(), Kind.PAIRS, text.plain(spelling(step, Face.CLI)));
    }

    private static Kind kindOf(Parameter p, boolean joined) {
        return switch (p.type()) {
            case BOOLEAN -> "`true`".equals(p.genericDefault().source()) ? Kind.NEGATABLE : Kind.FLAG;
            case LIST -> Kind.REPEATED;
            case MAP -> joined ? Kind.VALUE : Kind.PAIRS;
            default -> Kind.VALUE;
        };
    }

    /** Rules that span files: unique names, references that resolve, options that do not clash. */
    private void check() {
        Set<String> commands = new LinkedHashSet<>();
        for (Step step : steps) {
            if (step.command() == null || !commands.add(step.command())) {
                throw new IllegalArgumentException(step.name() + ": a step needs a command of its own");
            }
        }
        for (Step step : concat(List.of(common), steps)) {
            String where = step == common ? COMMON + ".yaml" : step.name() + ".yaml";
            Set<String> names = new LinkedHashSet<>();
            for (Parameter p : step.parameters()) {
                if (!names.add(p.name()) || (step != common && common.parameter(p.name()) != null)) {
                    throw new IllegalArgumentException(where + ": parameter " + p.name() + " is given twice");
                }
            }
            for (Parameter p : step.parameters()) {
                checkReferences(step, where + ", " + p.name(), texts(p));
                if (p.requiredUnless() != null && step.parameter(p.requiredUnless()) == null) {
                    throw new IllegalArgumentException(where + ", " + p.name() + ": required-unless names no parameter");
                }
            }
            step.exactlyOne().forEach(group -> group.forEach(n -> {
                if (step.parameter(n) == null) {
                    throw new IllegalArgumentException(where + ": exactly-one names no parameter " + n);
                }
            }));
            List<Markup> stepTexts = new ArrayList<>();
            if (step.summary() != null) {
                stepTexts.add(step.summary());
            }
            step.notes().values().forEach(stepTexts::addAll);
            step.results().stream().map(ResultKey::description).filter(m -> m != null).forEach(stepTexts::add);
            checkReferences(step, where, stepTexts);
            if (step != common) {
                Set<String> options = new LinkedHashSet<>();
                for (CliOption o : concat(cliOptions(common), cliOptions(step))) {
                    if (o.kind() != Kind.POSITIONAL && !options.add(o.name())) {
                        throw new IllegalArgumentException(where + ": two parameters are the CLI option " + o.name());
                    }
                }
            }
        }
    }

    private void checkReferences(Step step, String where, List<Markup> texts) {
        for (Markup m : texts) {
            for (String ref : m.references()) {
                if (parameter(step, ref) == null) {
                    throw new IllegalArgumentException(where + ": {" + ref + "} is no parameter of the step");
                }
            }
        }
    }

    private static List<Markup> texts(Parameter p) {
        List<Markup> all = new ArrayList<>();
        for (Markup m : new Markup[] {p.description(), p.details(), p.defaultText()}) {
            if (m != null) {
                all.add(m);
            }
        }
        for (FaceText f : p.faceTexts().values()) {
            for (Markup m : new Markup[] {f.description(), f.note(), f.defaultText()}) {
                if (m != null) {
                    all.add(m);
                }
            }
        }
        if (p.cli() != null) {
            for (Parameter.SubOption sub : new Parameter.SubOption[] {p.cli().env(), p.cli().file()}) {
                if (sub != null) {
                    all.add(sub.description());
                }
            }
        }
        return all;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Reads the YAML files into the model, refusing what it does not know. */
    private static final class Reader {
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
            boolean isCommon = COMMON.equals(name);
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
    }

    /** One YAML mapping, read key by key; {@link #finish()} refuses the keys nobody read. */
    private static final class Fields {
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
            String v = optText(key);
            if (v == null) {
                throw new IllegalArgumentException(where + ": " + key + " is missing");
            }
            return v;
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
            Markup m = optSentences(key);
            if (m == null) {
                throw new IllegalArgumentException(where + ": " + key + " is missing");
            }
            return m;
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
            Fields f = optFields(key);
            if (f == null) {
                throw new IllegalArgumentException(where + ": " + key + " is missing");
            }
            return f;
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
