package io.bakehouse.build.contract;

import io.bakehouse.engine.contract.CliOption;
import io.bakehouse.engine.contract.Face;
import io.bakehouse.engine.contract.Markup;
import io.bakehouse.engine.contract.Parameter;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The shared library's files made from the contract, committed because Jenkins loads the
 * library from git: each step's var ({@code vars/<step>.groovy}) and help page
 * ({@code vars/<step>.txt}, shown under Pipeline Syntax → Global Variables Reference), and the
 * table of steps and parameters the library checks calls against ({@code StepTable.groovy}).
 */
final class LibraryFiles {

    static final String TABLE = "src/io/bakehouse/library/StepTable.groovy";

    private LibraryFiles() {
    }

    static Map<String, String> files(StepContract contract) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Step step : contract.steps()) {
            files.put("vars/" + step.name() + ".groovy", var(step));
            files.put("vars/" + step.name() + ".txt", helpPage(contract, step));
        }
        files.put(TABLE, table(contract));
        return files;
    }

    /**
     * How the library renders a parameter as CLI arguments (the renderings of
     * src/io/bakehouse/library/Parameter.groovy): by the CLI option that sets it.
     */
    static String rendering(StepContract contract, Step step, Parameter p) {
        if (!p.in(Face.CLI)) {
            return "binding";
        }
        List<CliOption> options = contract.options(step, p);
        if (options.size() == 2) {
            return "credential-env"; // secret-pairs: the library binds a credential to a variable and names it
        }
        return switch (options.get(0).kind()) {
            case FLAG -> "flag";
            case NEGATABLE -> "negatable";
            case REPEATED -> "repeated";
            case PAIRS -> "pairs";
            case POSITIONAL -> "positional";
            case VALUE -> p.type().collection() ? "joined" : "option";
        };
    }

    private static String var(Step step) {
        return "import io.bakehouse.library.BakehouseCli\n\n"
                + "/**\n"
                + " * " + step.name() + ": runs `bakehouse " + step.command() + "` on the agent and returns its result as a map.\n"
                + " * Parameters and result: vars/" + step.name() + ".txt and docs/steps.md. Generated from the step\n"
                + " * contract (" + Sources.CONTRACT + ") by `make contract`.\n"
                + " */\n"
                + "Map call(Map args = [:]) {\n"
                + "    return new BakehouseCli(this).run('" + step.name() + "', args)\n"
                + "}\n";
    }

    private static String helpPage(StepContract contract, Step step) {
        UnaryOperator<String> spelling = contract.spelling(step, Face.LIBRARY);
        StringBuilder html = new StringBuilder();
        html.append("<p><b>").append(step.name()).append("</b>: ").append(step.summary().html(spelling)).append("</p>\n");
        html.append("<dl>\n");
        for (Parameter p : step.parameters()) {
            if (p.in(Face.LIBRARY)) {
                entry(html, step, p, spelling, "  ");
            }
        }
        Step common = contract.common();
        html.append("<dt>Connection (every step, all optional)</dt>\n<dd><dl>\n");
        for (Parameter p : common.parameters()) {
            if (p.in(Face.LIBRARY)) {
                entry(html, common, p, contract.spelling(common, Face.LIBRARY), "  ");
            }
        }
        html.append("</dl></dd>\n</dl>\n");
        for (Markup note : step.notes(Face.LIBRARY)) {
            html.append("<p>").append(note.html(spelling)).append("</p>\n");
        }
        html.append("<p>Returns a map: ").append(Sources.results(step).html(spelling)).append(".</p>\n");
        html.append("<pre>\n").append(Sources.pre(step.example())).append("\n</pre>\n");
        for (Markup note : common.notes(Face.LIBRARY)) {
            html.append("<p>").append(note.html(spelling)).append("</p>\n");
        }
        return html.toString();
    }

    private static void entry(StringBuilder html, Step step, Parameter p, UnaryOperator<String> spelling, String indent) {
        List<String> facts = new ArrayList<>();
        facts.add(p.type().key() + (p.of() == null ? "" : " " + Markup.escapeHtml(p.of())));
        if (p.required()) {
            facts.add("required");
        } else if (p.requiredUnless() != null) {
            facts.add("required unless <code>" + p.requiredUnless() + "</code>");
        } else if (!step.exactlyOneOf(p.name()).isEmpty()) {
            facts.add("one of " + String.join(", ", step.exactlyOneOf(p.name()).stream()
                    .map(n -> "<code>" + n + "</code>").toList()));
        }
        Markup defaults = p.defaultFor(Face.LIBRARY);
        if (defaults != null) {
            facts.add("default " + defaults.html(spelling));
        }
        html.append(indent).append("<dt><code>").append(p.name()).append("</code> (").append(String.join(", ", facts))
                .append(")</dt><dd>").append(p.text(Face.LIBRARY).html(spelling)).append("</dd>\n");
    }

    private static String table(StepContract contract) {
        StringBuilder groovy = new StringBuilder();
        groovy.append("package io.bakehouse.library\n\n")
                .append("import com.cloudbees.groovy.cps.NonCPS\n\n")
                .append("/**\n")
                .append(" * The steps of the shared library and their parameters: name, type, how the value becomes CLI\n")
                .append(" * arguments (a rendering of Parameter), whether it is required (unless, by the step's\n")
                .append(" * requiredUnless, the parameter named there is given), and the CLI option where the\n")
                .append(" * spelling rule does not give it. Generated from the step contract\n")
                .append(" * (").append(Sources.CONTRACT).append(") by `make contract`: edit the contract, not this.\n")
                .append(" */\n")
                .append("class StepTable {\n")
                .append("    /** Each step with its own parameters. */\n")
                .append("    @NonCPS\n")
                .append("    static List<Map> steps() {\n")
                .append("        return [\n");
        for (Step step : contract.steps()) {
            List<String> unless = new ArrayList<>();
            for (Parameter p : step.parameters()) {
                if (p.requiredUnless() != null) {
                    unless.add(p.name() + ": '" + p.requiredUnless() + "'");
                }
            }
            groovy.append("                [name: '").append(step.name()).append("', command: '").append(step.command())
                    .append("', requiredUnless: [").append(unless.isEmpty() ? ":" : String.join(", ", unless))
                    .append("], parameters: [\n");
            parameters(groovy, contract, step, "                        ");
            groovy.append("                ]],\n");
        }
        groovy.append("        ]\n    }\n\n")
                .append("    /** The parameters every step takes, after its own. */\n")
                .append("    @NonCPS\n")
                .append("    static List<Map> common() {\n")
                .append("        return [\n");
        parameters(groovy, contract, contract.common(), "                ");
        return groovy.append("        ]\n    }\n}\n").toString();
    }

    private static void parameters(StringBuilder groovy, StepContract contract, Step step, String indent) {
        for (Parameter p : step.parameters()) {
            if (p.in(Face.LIBRARY)) {
                groovy.append(indent).append("[name: '").append(p.name()).append("', type: '").append(p.type().key())
                        .append("', rendering: '").append(rendering(contract, step, p)).append("', required: ")
                        // required unless another is given: StepSpec reads requiredUnless for that
                        .append(p.required() || p.requiredUnless() != null);
                if (p.in(Face.CLI) && p.cli().option() != null) {
                    // an option the spelling rule does not give (images: --images, as --image is image's)
                    groovy.append(", option: '").append(p.cli().option()).append("'");
                }
                groovy.append("],\n");
            }
        }
    }
}
