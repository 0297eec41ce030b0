package io.bakehouse.build.contract;

import io.bakehouse.engine.contract.CliOption;
import io.bakehouse.engine.contract.Face;
import io.bakehouse.engine.contract.FaceText;
import io.bakehouse.engine.contract.Markup;
import io.bakehouse.engine.contract.Parameter;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of docs/steps.md: each sits between {@code <!-- contract:KEY -->} and
 * {@code <!-- /contract:KEY -->} ({@code common}, {@code STEP:parameters}, {@code STEP:result}),
 * and only those lines are rewritten; the prose around them is the page's own. A step with no
 * section yet gets one at the end of the page.
 */
final class StepsDoc {

    static final String PATH = "docs/steps.md";
    private static final Pattern BLOCK = Pattern.compile(
            "(?s)(<!-- contract:([A-Za-z:]+) -->\\n)(.*?)(<!-- /contract:\\2 -->)");
    private static final String DASH = "—";
    /** How the docs label what a face says differently, and its own default. */
    private static final Map<String, String> TITLES = Map.of("pipeline", "In Jenkins", "jenkins", "Jenkins plugin",
            "library", "Shared library", "cli", "CLI");
    private static final Map<String, String> DEFAULT_TITLES = Map.of("pipeline", "Default in Jenkins",
            "jenkins", "Default in the Jenkins plugin", "library", "Default in the shared library", "cli", "Default on the CLI");

    private StepsDoc() {
    }

    /** {@code page} with every block rewritten (and a section added for a step it lacks). */
    static String rewrite(StepContract contract, String page) {
        Map<String, String> blocks = blocks(contract);
        StringBuilder text = new StringBuilder(page);
        for (Step step : contract.steps()) {
            if (!page.contains("<!-- contract:" + step.name() + ":parameters -->")) {
                text.append("\n## ").append(step.name()).append(" — `bakehouse ").append(step.command()).append("`\n\n")
                        .append("<!-- contract:").append(step.name()).append(":parameters -->\n")
                        .append("<!-- /contract:").append(step.name()).append(":parameters -->\n\n")
                        .append("<!-- contract:").append(step.name()).append(":result -->\n")
                        .append("<!-- /contract:").append(step.name()).append(":result -->\n");
            }
        }
        Matcher m = BLOCK.matcher(text);
        StringBuilder out = new StringBuilder();
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            String key = m.group(2);
            String block = blocks.get(key);
            if (block == null) {
                throw new IllegalArgumentException(PATH + ": the block " + key + " belongs to no step of the contract");
            }
            seen.add(key);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + block + m.group(4)));
        }
        m.appendTail(out);
        if (!seen.containsAll(blocks.keySet())) {
            List<String> missing = new ArrayList<>(blocks.keySet());
            missing.removeAll(seen);
            throw new IllegalArgumentException(PATH + " lacks the blocks " + missing);
        }
        return out.toString();
    }

    private static Map<String, String> blocks(StepContract contract) {
        Map<String, String> blocks = new LinkedHashMap<>();
        Step common = contract.common();
        StringBuilder table = new StringBuilder("| parameter | CLI | default | meaning |\n| --- | --- | --- | --- |\n");
        for (Parameter p : common.parameters()) {
            row(table, contract, common, p, false);
        }
        blocks.put("common", table.toString());
        for (Step step : contract.steps()) {
            StringBuilder rows = new StringBuilder("| parameter | CLI | type | default | meaning |\n"
                    + "| --- | --- | --- | --- | --- |\n");
            for (Parameter p : step.parameters()) {
                row(rows, contract, step, p, true);
            }
            blocks.put(step.name() + ":parameters", rows.toString());
            blocks.put(step.name() + ":result", "Result: " + Sources.results(step)
                    .markdown(contract.spelling(step, Face.LIBRARY)) + ".\n");
        }
        return blocks;
    }

    private static void row(StringBuilder table, StepContract contract, Step step, Parameter p, boolean withType) {
        boolean pipeline = p.in(Face.JENKINS) || p.in(Face.LIBRARY);
        UnaryOperator<String> spelling = contract.spelling(step, pipeline ? Face.LIBRARY : Face.CLI);
        List<String> cells = new ArrayList<>();
        cells.add(pipeline ? "`" + p.name() + "`" : DASH);
        List<String> usages = new ArrayList<>();
        for (CliOption o : contract.options(step, p)) {
            o.aliases().forEach(a -> usages.add("`" + a + "`"));
            usages.add("`" + o.usage() + "`");
        }
        cells.add(usages.isEmpty() ? DASH : String.join(", ", usages).replace("|", "\\|"));
        if (withType) {
            cells.add(p.type().key() + (p.of() == null ? "" : " " + p.of()));
        }
        cells.add(requirementOrDefault(step, p, spelling));
        cells.add(meaning(contract, step, p, spelling));
        table.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String requirementOrDefault(Step step, Parameter p, UnaryOperator<String> spelling) {
        if (p.required()) {
            return "required";
        }
        if (p.requiredUnless() != null) {
            return "required unless `" + p.requiredUnless() + "`";
        }
        if (!step.exactlyOneOf(p.name()).isEmpty()) {
            return "one of " + String.join(", ", step.exactlyOneOf(p.name()).stream().map(n -> "`" + n + "`").toList());
        }
        Markup d = p.genericDefault();
        return d == null ? "" : d.markdown(spelling);
    }

    /** The description and details, then what a face says differently, each labelled with the face. */
    private static String meaning(StepContract contract, Step step, Parameter p, UnaryOperator<String> spelling) {
        List<String> parts = new ArrayList<>();
        parts.add(p.description().markdown(spelling));
        if (p.details() != null) {
            parts.add(p.details().markdown(spelling));
        }
        for (String key : List.of("pipeline", "jenkins", "library", "cli")) {
            FaceText t = p.faceTexts().get(key);
            if (t == null) {
                continue;
            }
            String title = TITLES.get(key);
            UnaryOperator<String> faceSpelling = key.equals("cli") ? contract.spelling(step, Face.CLI) : spelling;
            if (t.description() != null) {
                parts.add("*" + title + ":* " + t.description().markdown(faceSpelling));
            }
            if (t.note() != null) {
                parts.add("*" + title + ":* " + t.note().markdown(faceSpelling));
            }
            if (t.defaultText() != null) {
                parts.add("*" + DEFAULT_TITLES.get(key) + ":* " + t.defaultText().markdown(faceSpelling) + ".");
            }
        }
        p.absent().forEach((face, why) -> parts.add("*Not in the " + face.title() + ":* " + why.replace("|", "\\|") + "."));
        return String.join(" ", parts);
    }
}
