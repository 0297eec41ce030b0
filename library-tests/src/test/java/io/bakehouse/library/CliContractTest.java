package io.bakehouse.library;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.bakehouse.cli.Bakehouse;
import io.bakehouse.engine.contract.CliOption;
import io.bakehouse.engine.contract.Face;
import io.bakehouse.engine.contract.Parameter;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import io.bakehouse.harness.PipelineHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.junit.Before;
import org.junit.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The shared library against the real CLI: every parameter of every step renders an option
 * that the picocli command declares (read from its {@code @Option} annotations through
 * picocli's model), of the right kind, and a call with every parameter parses back to the
 * values given. The reverse holds too: each option of a command is some parameter's, unless
 * the step contract makes it CLI-only.
 */
public class CliContractTest {

    /** Options picocli adds to every command. */
    private static final Set<String> STANDARD_HELP = Set.of("--help", "-h", "--version", "-V");
    private static final StepContract CONTRACT = StepContract.load();

    /**
     * Options of a command that no library parameter renders: those of parameters the library
     * does not take (the step contract's CLI-only ones, such as --output, which the library always
     * sets to json, or ecs-run's --describe-containers), and the second option of a parameter the
     * library renders through its first (a secret's --sensitive-var-file: the library binds
     * secrets to environment variables).
     */
    private static Set<String> cliOnly(String command) {
        Set<String> options = new TreeSet<>(STANDARD_HELP);
        for (Step step : List.of(CONTRACT.common(), CONTRACT.steps().stream().filter(s -> s.command().equals(command))
                .findFirst().orElseThrow())) {
            for (Parameter p : step.parameters()) {
                List<CliOption> spelt = CONTRACT.options(step, p);
                for (int i = 0; i < spelt.size(); i++) {
                    if (!p.in(Face.LIBRARY) || i > 0) {
                        options.add(spelt.get(i).name());
                        options.addAll(spelt.get(i).aliases());
                    }
                }
            }
        }
        return options;
    }

    /** The renderings and types of src/io/bakehouse/library/Parameter.groovy (compiled by the harness, not javac). */
    private static final class Rendering {
        static final String OPTION = "option";
        static final String FLAG = "flag";
        static final String NEGATABLE = "negatable";
        static final String REPEATED = "repeated";
        static final String PAIRS = "pairs";
        static final String JOINED = "joined";
        static final String CREDENTIAL_ENV = "credential-env";
        static final String POSITIONAL = "positional";
        static final String BINDING = "binding";
    }

    private static final class Type {
        static final String BOOLEAN = "boolean";
        static final String INT = "int";
        static final String DURATION = "duration";
        static final String LIST = "list";
        static final String MAP = "map";
    }

    private List<Object> specs;
    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();

    @Before
    public void setUp() throws IOException {
        PipelineHarness harness = new PipelineHarness(PipelineHarness.repositoryRoot(),
                Files.createTempDirectory("cli-contract"));
        specs = List.copyOf((List<?>) InvokerHelper.invokeStaticMethod(
                harness.libraryClass("io.bakehouse.library.Steps"), "all", null));
        Bakehouse.withEveryStep().getSubcommands().forEach((name, cmd) -> commands.put(name, cmd.getCommandSpec()));
    }

    @Test
    public void everyStep_runsACommandOfTheCli() {
        for (Object spec : specs) {
            assertTrue(name(spec) + ": no command " + command(spec), commands.containsKey(command(spec)));
        }
    }

    @Test
    public void everyParameter_rendersAnOptionTheCommandDeclares_ofTheSameKind() {
        for (Object spec : specs) {
            CommandSpec command = commands.get(command(spec));
            for (Object p : parameters(spec)) {
                String rendering = prop(p, "rendering");
                if (List.of(Rendering.BINDING, Rendering.POSITIONAL).contains(rendering)) {
                    continue;
                }
                String where = name(spec) + "." + prop(p, "name");
                String option = (String) InvokerHelper.invokeMethod(p, "option", null);
                OptionSpec declared = command.findOption(option);
                assertNotNull(where + ": " + command(spec) + " declares no " + option, declared);
                assertKind(where, rendering, prop(p, "type"), declared);
            }
        }
    }

    @Test
    public void everyOptionOfACommand_isAParameterOfItsStep_orCliOnly() {
        for (Object spec : specs) {
            Set<String> rendered = new TreeSet<>();
            for (Object p : parameters(spec)) {
                String option = (String) InvokerHelper.invokeMethod(p, "option", null);
                rendered.add(option);
                rendered.add("--no-" + option.substring(2));
            }
            Set<String> unmatched = new TreeSet<>();
            Set<String> cliOnly = cliOnly(command(spec));
            for (OptionSpec o : commands.get(command(spec)).options()) {
                // a hidden option is no option to use: --sensitive-var is there only to be refused
                if (o.names().length > 0 && !o.hidden() && !cliOnly.contains(o.longestName())
                        && !rendered.contains(o.longestName())) {
                    unmatched.add(o.longestName());
                }
            }
            assertEquals(command(spec) + " options that no " + name(spec) + " parameter sets", Set.of(), unmatched);
        }
    }

    @Test
    public void positionalParameters_comeAfterDoubleDash_inTheOrderTheCommandTakesThem() {
        Object spec = step("ecsDeployRunner");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("container", "terraform");
        args.put("script", "plan");
        args.put("args", List.of("--path", "envs/dev"));
        args.put("config", "runner.yaml");
        List<String> words = arguments(spec, args);
        assertEquals(List.of("ecs-run", "--config", "runner.yaml", "--output", "json", "--", "terraform", "plan",
                "--path", "envs/dev"), words);
        ParseResult parsed = parse(words);
        assertEquals(List.of("terraform", "plan", "--path", "envs/dev"), parsed.matchedPositionalValue(0, List.of()));
    }

    @Test
    public void aCallWithEveryParameter_parsesBackToTheGivenValues() {
        for (Object spec : specs) {
            Map<String, Object> args = new LinkedHashMap<>();
            for (Object p : parameters(spec)) {
                args.put(prop(p, "name"), sample(p));
            }
            args.remove("credentialsId");
            args.remove("amis"); // publishAmiParam: the engine takes exactly one of amiId and amis
            args.remove("config"); // ecsDeployRunner: the engine takes exactly one of invoker and config
            ParseResult parsed = parse(arguments(spec, args));
            CommandSpec command = commands.get(command(spec));
            for (Object p : parameters(spec)) {
                String name = prop(p, "name");
                if (!args.containsKey(name) || prop(p, "rendering").equals(Rendering.POSITIONAL)) {
                    continue;
                }
                OptionSpec option = command.findOption((String) InvokerHelper.invokeMethod(p, "option", null));
                Object value = parsed.matchedOptionValue(option.longestName(), null);
                assertEquals(name(spec) + "." + name, expected(p, args.get(name)), normalise(value));
            }
            Object output = parsed.matchedOptionValue("--output", null);
            assertEquals("json", String.valueOf(output));
        }
    }

    // ---- helpers

    private static void assertKind(String where, String rendering, String type, OptionSpec o) {
        boolean isBoolean = o.type() == boolean.class || o.type() == Boolean.class;
        switch (rendering) {
            case Rendering.FLAG -> assertTrue(where + " is a flag", isBoolean && o.arity().max() == 0 && !o.negatable());
            case Rendering.NEGATABLE -> assertTrue(where + " is negatable", isBoolean && o.negatable());
            case Rendering.OPTION, Rendering.JOINED -> {
                assertFalse(where + " takes one value", isBoolean || o.isMultiValue());
                if (Type.INT.equals(type)) {
                    assertTrue(where + " is a whole number", o.type() == Integer.class || o.type() == int.class);
                }
            }
            case Rendering.REPEATED -> assertTrue(where + " is repeatable", o.isMultiValue() && !o.typeInfo().isMap());
            case Rendering.PAIRS, Rendering.CREDENTIAL_ENV -> assertTrue(where + " takes K=V", o.typeInfo().isMap());
            default -> throw new AssertionError(where + ": unknown rendering " + rendering);
        }
    }

    private static Object sample(Object p) {
        return switch (prop(p, "type")) {
            case Type.BOOLEAN -> !Rendering.NEGATABLE.equals(prop(p, "rendering"));
            case Type.INT -> 7;
            case Type.DURATION -> "90s";
            case Type.LIST -> List.of("first", "second");
            case Type.MAP -> new LinkedHashMap<>(Map.of("Key", "value"));
            default -> prop(p, "name") + "-value";
        };
    }

    /** What the CLI holds after parsing {@code given}. */
    private static Object expected(Object p, Object given) {
        if (Rendering.JOINED.equals(prop(p, "rendering"))) {
            return "Key=value";
        }
        if (Rendering.CREDENTIAL_ENV.equals(prop(p, "rendering"))) {
            return Map.of("Key", "BAKEHOUSE_SENSITIVE_1"); // the credential is bound to this variable
        }
        return given instanceof Integer ? given : given instanceof List || given instanceof Map ? given : String.valueOf(given);
    }

    private static Object normalise(Object parsed) {
        if (parsed instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (parsed instanceof Map<?, ?> || parsed instanceof Integer) {
            return parsed;
        }
        return String.valueOf(parsed);
    }

    /** The argument vector the library runs. */
    private static List<String> arguments(Object spec, Map<String, Object> args) {
        Object call = InvokerHelper.invokeMethod(spec, "cliCall", args);
        List<String> words = new ArrayList<>();
        for (Object word : (List<?>) InvokerHelper.invokeMethod(call, "arguments", null)) {
            words.add(String.valueOf(word));
        }
        return words;
    }

    private ParseResult parse(List<String> words) {
        ParseResult root = Bakehouse.withEveryStep().parseArgs(words.toArray(String[]::new));
        assertTrue(words.toString(), root.hasSubcommand());
        return root.subcommand();
    }

    private Object step(String name) {
        return specs.stream().filter(s -> name(s).equals(name)).findFirst().orElseThrow();
    }


    private static List<?> parameters(Object spec) {
        return (List<?>) InvokerHelper.getProperty(spec, "parameters");
    }

    private static String name(Object spec) {
        return prop(spec, "name");
    }

    private static String command(Object spec) {
        return prop(spec, "command");
    }

    private static String prop(Object o, String property) {
        return (String) InvokerHelper.getProperty(o, property);
    }
}
