package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.contract.CliOption;
import io.bakehouse.engine.contract.CliOption.Kind;
import io.bakehouse.engine.contract.Parameter;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The CLI face of the step contract: each step's command takes exactly the options the contract
 * spells for it and the common parameters (names, aliases, value labels, how they take their
 * value, requirement, default), each described by the contract's text (the commands name the
 * generated {@code Descriptions} constants), and its positional words are the contract's
 * positional parameters. picocli's own {@code --help} and {@code --version} and hidden options
 * (kept only to refuse them) are not parameters.
 */
public class StepContractOptionsTest {

    private static final StepContract CONTRACT = StepContract.load();
    private static final Map<String, CommandLine> COMMANDS = Bakehouse.withEveryStep().getSubcommands();

    @Test
    public void everyCommand_isAStepOfTheContract_andEveryStepACommand() {
        Set<String> steps = new TreeSet<>(CONTRACT.steps().stream().map(Step::command).toList());
        assertEquals(steps, new TreeSet<>(COMMANDS.keySet()));
    }

    @Test
    public void everyCommand_takesExactlyTheContractsOptions() {
        for (Step step : CONTRACT.steps()) {
            Set<String> expected = new TreeSet<>();
            expected(step).forEach(o -> expected.add(o.name()));
            Set<String> declared = new TreeSet<>();
            options(step).forEach(o -> declared.add(o.longestName()));
            assertEquals(step.command() + ": options", expected, declared);
        }
    }

    @Test
    public void everyOption_isSpeltAndTakesItsValue_asTheContractSays() {
        for (Step step : CONTRACT.steps()) {
            CommandSpec command = COMMANDS.get(step.command()).getCommandSpec();
            for (CliOption expected : expected(step)) {
                String where = step.command() + " " + expected.name();
                OptionSpec o = command.findOption(expected.name());
                assertNotNull(where, o);
                Set<String> names = new TreeSet<>(expected.aliases());
                names.add(expected.name());
                assertEquals(where + ": names", names, new TreeSet<>(Arrays.asList(o.names())));
                assertKind(where, expected.kind(), o);
                if (expected.label() != null) {
                    assertEquals(where + ": value label", expected.label(), o.paramLabel());
                }
                Parameter p = CONTRACT.parameter(step, expected.parameter());
                assertEquals(where + ": required", p.required(), o.required());
                if (p.type() == io.bakehouse.engine.contract.ParamType.INT) {
                    assertTrue(where + " takes a whole number", o.type() == Integer.class || o.type() == int.class);
                }
                if (o.defaultValue() != null) {
                    assertEquals(where + ": picocli's default is the contract's", p.defaultValue(), o.defaultValue());
                }
            }
        }
    }

    @Test
    public void everyOption_isDescribedByTheContractsText() {
        for (Step step : CONTRACT.steps()) {
            CommandSpec command = COMMANDS.get(step.command()).getCommandSpec();
            for (CliOption expected : expected(step)) {
                OptionSpec o = command.findOption(expected.name());
                // picocli formats descriptions: a % of the text is written %%
                assertEquals(step.command() + " " + expected.name(), List.of(expected.text().replace("%", "%%")),
                        List.of(o.description()));
            }
        }
    }

    @Test
    public void positionalWords_areTheContractsPositionalParameters_inOrder() {
        for (Step step : CONTRACT.steps()) {
            List<String> expected = new ArrayList<>();
            for (CliOption o : CONTRACT.cliOptions(step)) {
                if (o.kind() == Kind.POSITIONAL) {
                    expected.add(o.label().replace("...", ""));
                }
            }
            List<PositionalParamSpec> positionals = COMMANDS.get(step.command()).getCommandSpec().positionalParameters();
            if (expected.isEmpty()) {
                assertEquals(step.command() + " takes no positional words", List.of(), positionals);
                continue;
            }
            assertEquals(step.command() + ": one list of positional words", 1, positionals.size());
            PositionalParamSpec words = positionals.get(0);
            assertEquals(step.command(), String.join(" ", expected), words.paramLabel());
            assertTrue(step.command() + ": as many words as given", words.arity().max() == Integer.MAX_VALUE);
        }
    }

    @Test
    public void optionsOfEveryCommand_beginWithTheCommonOnes_inTheContractsOrder() {
        List<String> common = CONTRACT.cliOptions(CONTRACT.common()).stream().map(CliOption::name).toList();
        for (Step step : CONTRACT.steps()) {
            List<String> first = options(step).stream().map(OptionSpec::longestName).limit(common.size()).toList();
            assertEquals(step.command(), common, first);
        }
    }

    /** The contract's options of {@code step}: the common ones, then its own (positional words apart). */
    private static List<CliOption> expected(Step step) {
        List<CliOption> all = new ArrayList<>(CONTRACT.cliOptions(CONTRACT.common()));
        CONTRACT.cliOptions(step).stream().filter(o -> o.kind() != Kind.POSITIONAL).forEach(all::add);
        return all;
    }

    /** The options a command declares, less picocli's help options and hidden ones. */
    private static List<OptionSpec> options(Step step) {
        return COMMANDS.get(step.command()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp() && !o.hidden()).toList();
    }

    private static void assertKind(String where, Kind kind, OptionSpec o) {
        boolean isBoolean = o.type() == boolean.class || o.type() == Boolean.class;
        switch (kind) {
            case FLAG -> assertTrue(where + " is a flag", isBoolean && o.arity().max() == 0 && !o.negatable());
            case NEGATABLE -> assertTrue(where + " is negatable", isBoolean && o.negatable());
            case VALUE -> assertTrue(where + " takes one value", !isBoolean && !o.isMultiValue());
            case REPEATED -> assertTrue(where + " is repeatable", o.isMultiValue() && !o.typeInfo().isMap());
            case PAIRS -> assertTrue(where + " takes KEY=VALUE, repeatable", o.typeInfo().isMap());
            default -> throw new AssertionError(where + ": " + kind + " is no option");
        }
    }
}
