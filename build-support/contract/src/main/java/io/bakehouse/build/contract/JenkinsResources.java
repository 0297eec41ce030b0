package io.bakehouse.build.contract;

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
 * The plugin's help pages and forms, in the resource folder of each step class (and, for the
 * common parameters, of {@code AwsStep}, where Jenkins finds them for every step):
 * {@code help.html}, {@code help-<field>.html} for every parameter, {@code config.jelly} (the
 * Snippet Generator's form) and {@code aws-options.jelly} (its section for the common parameters).
 */
final class JenkinsResources {

    private static final String GENERATED = "Generated from the step contract (" + Sources.CONTRACT + "): edit it there.";

    private JenkinsResources() {
    }

    static Map<String, String> files(StepContract contract) {
        Map<String, String> files = new LinkedHashMap<>();
        Step common = contract.common();
        String commonFolder = folder(common.jenkinsClass());
        helpPages(files, contract, common, commonFolder);
        files.put(commonFolder + "aws-options.jelly", awsOptions(contract, common));
        for (Step step : contract.steps()) {
            String folder = folder(step.jenkinsClass());
            helpPages(files, contract, step, folder);
            files.put(folder + "help.html", stepHelp(contract, step));
            files.put(folder + "config.jelly", config(contract, step));
        }
        return files;
    }

    /** {@code io.bakehouse.jenkins.cfn.CfnDeployStep} → {@code io/bakehouse/jenkins/cfn/CfnDeployStep/}. */
    static String folder(String className) {
        return className.replace('.', '/') + "/";
    }

    private static void helpPages(Map<String, String> files, StepContract contract, Step step, String folder) {
        UnaryOperator<String> spelling = contract.spelling(step, Face.JENKINS);
        for (Parameter p : step.parameters()) {
            if (p.in(Face.JENKINS)) {
                files.put(folder + "help-" + p.name() + ".html", fieldHelp(p, spelling));
            }
        }
    }

    /** The help of one field: what it is, the requirement or default, where a list or map is given, an example. */
    static String fieldHelp(Parameter p, UnaryOperator<String> spelling) {
        Markup text = Markup.join(p.required() ? Markup.of("Required.") : null, p.text(Face.JENKINS),
                p.requirementSentence(), p.defaultSentence(Face.JENKINS),
                p.type().collection() ? Markup.of("Set in the Pipeline script (a " + p.type().key()
                        + " has no form field).") : null);
        StringBuilder html = new StringBuilder("<div>\n  ").append(text.html(spelling)).append('\n');
        if (p.example() != null) {
            html.append("  <pre>").append(Sources.pre(p.example().strip())).append("\n</pre>\n");
        }
        return html.append("</div>\n").toString();
    }

    private static String stepHelp(StepContract contract, Step step) {
        UnaryOperator<String> spelling = contract.spelling(step, Face.JENKINS);
        List<Markup> paragraphs = new ArrayList<>();
        paragraphs.add(step.summary());
        paragraphs.add(Markup.join(Markup.of("Returns a map:"), Markup.of(Sources.results(step).source() + ".")));
        paragraphs.addAll(step.notes(Face.JENKINS));
        StringBuilder html = new StringBuilder("<div>\n");
        paragraphs.forEach(m -> html.append("  <p>").append(m.html(spelling)).append("</p>\n"));
        html.append("  <p>For example:</p>\n  <pre>").append(Sources.pre(step.example())).append("\n</pre>\n");
        return html.append("</div>\n").toString();
    }

    private static String config(StepContract contract, Step step) {
        StringBuilder jelly = new StringBuilder("<?jelly escape-by-default='true'?>\n<!-- The ")
                .append(step.name()).append(" form of the Snippet Generator. ").append(GENERATED).append(" -->\n")
                .append("<j:jelly xmlns:j=\"jelly:core\" xmlns:st=\"jelly:stapler\" xmlns:f=\"/lib/form\"")
                .append(usesCredentials(step) ? " xmlns:c=\"/lib/credentials\"" : "").append(">\n");
        fields(jelly, step, "  ");
        jelly.append("  <st:include page=\"aws-options.jelly\" class=\"${descriptor.clazz}\"/>\n</j:jelly>\n");
        return jelly.toString();
    }

    private static String awsOptions(StepContract contract, Step common) {
        StringBuilder jelly = new StringBuilder("<?jelly escape-by-default='true'?>\n")
                .append("<!-- The parameters every Bakehouse step shares; included by each step's config.jelly. ")
                .append(GENERATED).append(" -->\n")
                .append("<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\"")
                .append(usesCredentials(common) ? " xmlns:c=\"/lib/credentials\"" : "").append(">\n")
                .append("  <f:advanced title=\"").append(attribute(common.jenkinsSection())).append("\">\n");
        fields(jelly, common, "    ");
        return jelly.append("  </f:advanced>\n</j:jelly>\n").toString();
    }

    private static void fields(StringBuilder jelly, Step step, String indent) {
        for (Parameter p : step.parameters()) {
            if (p.jenkins() == null) {
                continue;
            }
            jelly.append(indent).append("<f:entry field=\"").append(p.name()).append("\" title=\"")
                    .append(attribute(p.jenkins().label())).append("\">\n")
                    .append(indent).append("  ").append(widget(p)).append('\n')
                    .append(indent).append("</f:entry>\n");
        }
    }

    private static String widget(Parameter p) {
        return switch (p.jenkins().widget()) {
            case "checkbox" -> "true".equals(p.defaultValue()) ? "<f:checkbox default=\"true\"/>" : "<f:checkbox/>";
            case "number" -> "<f:number/>";
            case "credentials" -> "<c:select/>";
            case "textbox" -> "<f:textbox/>";
            default -> throw new IllegalArgumentException(p.name() + ": unknown form widget " + p.jenkins().widget());
        };
    }

    private static boolean usesCredentials(Step step) {
        return step.parameters().stream().anyMatch(p -> p.jenkins() != null && "credentials".equals(p.jenkins().widget()));
    }

    private static String attribute(String text) {
        return Markup.escapeHtml(text).replace("\"", "&quot;");
    }
}
