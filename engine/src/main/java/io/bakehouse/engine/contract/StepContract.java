package io.bakehouse.engine.contract;

import io.bakehouse.engine.contract.CliOption.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
        ContractReader reader = new ContractReader();
        ContractFields index = reader.fields(files.apply(INDEX), INDEX);
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
}
