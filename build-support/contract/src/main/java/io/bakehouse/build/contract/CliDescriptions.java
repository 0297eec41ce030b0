package io.bakehouse.build.contract;

import io.bakehouse.engine.contract.CliOption;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CLI's option descriptions as a class of constants ({@code io.bakehouse.cli.Descriptions}),
 * which the commands' {@code @Option} annotations name: the help comes from the contract, and a
 * command's start reads nothing (the compiler puts the text in the annotations).
 */
final class CliDescriptions {

    static final String PATH = "io/bakehouse/cli/Descriptions.java";

    private CliDescriptions() {
    }

    static Map<String, String> files(StepContract contract) {
        StringBuilder java = new StringBuilder();
        java.append("package io.bakehouse.cli;\n\n")
                .append("/**\n")
                .append(" * The descriptions of the commands' options, one constant per option, named after it.\n")
                .append(" * Generated from the step contract (").append(Sources.CONTRACT).append(")\n")
                .append(" * when the CLI is built: edit the contract, not this.\n")
                .append(" */\n")
                .append("final class Descriptions {\n\n")
                .append("    private Descriptions() {\n    }\n");
        klass(java, "Common", "The options every command takes.", contract, contract.common());
        for (Step step : contract.steps()) {
            klass(java, className(step.name()), "{@code bakehouse " + step.command() + "}.", contract, step);
        }
        java.append("}\n");
        return Map.of(PATH, java.toString());
    }

    /** {@code cfnDeploy} → {@code CfnDeploy}. */
    static String className(String step) {
        return Character.toUpperCase(step.charAt(0)) + step.substring(1);
    }

    /** {@code --ami-id} → {@code AMI_ID}. */
    static String constant(String option) {
        return option.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static void klass(StringBuilder java, String name, String doc, StepContract contract, Step step) {
        java.append("\n    /** ").append(doc).append(" */\n")
                .append("    static final class ").append(name).append(" {\n\n")
                .append("        private ").append(name).append("() {\n        }\n");
        for (CliOption o : contract.cliOptions(step)) {
            if (o.kind() == CliOption.Kind.POSITIONAL) {
                continue;
            }
            java.append("\n        /** {@code ").append(o.usage()).append("} */\n")
                    .append("        static final String ").append(constant(o.name())).append(" =\n")
                    .append(literal(picocli(o.text()), "                ")).append(";\n");
        }
        java.append("    }\n");
    }

    /** {@code text} as picocli reads a description: {@code %} and {@code ${} are its own marks. */
    static String picocli(String text) {
        return text.replace("%", "%%").replace("${", "$${");
    }

    /** A Java string literal, split into lines of about 100 characters. */
    private static String literal(String text, String indent) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String word : text.split("(?<= )")) {
            if (piece.length() + word.length() > 96 && piece.length() > 0) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            piece.append(word);
        }
        pieces.add(piece.toString());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            String escaped = pieces.get(i).replace("\\", "\\\\").replace("\"", "\\\"");
            out.append(indent).append(i == 0 ? "" : "+ ").append('"').append(escaped).append('"');
            if (i < pieces.size() - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
