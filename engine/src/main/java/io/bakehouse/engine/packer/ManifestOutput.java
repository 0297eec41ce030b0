package io.bakehouse.engine.packer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a template's manifest post-processor writes, as far as reading the template tells:
 * a literal path, or the variable that names it; both {@code null} when only Packer, evaluating
 * the template, can say. HCL2 templates ({@code .pkr.hcl} scanned, {@code .pkr.json} read as
 * HCL's JSON syntax) and legacy JSON templates ({@code {{user `x`}}}) are read alike.
 */
record ManifestOutput(String literal, String variable) {

    static final String DEFAULT = "packer-manifest.json";
    private static final Pattern BLOCK = Pattern.compile("(post-processor)\\s+\"manifest\"\\s*\\{");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^\\s*output\\s*=\\s*(\"([^\"$]*)\"|var\\.([A-Za-z0-9_-]+))");
    private static final Pattern VAR_REFERENCE = Pattern.compile("\\$\\{\\s*var\\.([A-Za-z0-9_-]+)\\s*}");
    private static final Pattern USER_VAR = Pattern.compile("\\{\\{\\s*user\\s+`([^`]+)`\\s*}}");

    /** The first manifest post-processor of an HCL2 template's files, or {@code null} when there is none. */
    static ManifestOutput ofHcl2(Collection<HclText> hclFiles, Collection<JsonNode> jsonFiles) {
        for (HclText text : hclFiles) {
            Matcher block = BLOCK.matcher(text.blanked());
            while (block.find()) {
                if (!text.isCode(block.start(1))) {
                    continue;
                }
                Matcher out = OUTPUT.matcher(text.body(block.end()));
                if (!out.find()) {
                    return new ManifestOutput(DEFAULT, null);
                }
                return new ManifestOutput(out.group(2), out.group(3));
            }
        }
        for (JsonNode root : jsonFiles) {
            for (JsonNode build : Template.blocks(root, "build")) {
                for (JsonNode pp : Template.blocks(build, "post-processor")) {
                    for (JsonNode manifest : Template.blocks(pp, "manifest")) {
                        return ofJsonOutput(manifest.get("output"));
                    }
                }
            }
        }
        return null;
    }

    private static ManifestOutput ofJsonOutput(JsonNode output) {
        if (output == null) {
            return new ManifestOutput(DEFAULT, null);
        }
        String text = output.asText();
        Matcher ref = VAR_REFERENCE.matcher(text);
        if (ref.matches()) {
            return new ManifestOutput(null, ref.group(1));
        }
        return new ManifestOutput(text.contains("${") || text.contains("%{") ? null : text, null);
    }

    /** The user variable a legacy JSON template's manifest output is made from, or {@code null}. */
    static String legacyVariable(JsonNode root) {
        JsonNode step = legacyStep(root);
        Matcher m = USER_VAR.matcher(step == null ? "" : step.path("output").asText(DEFAULT));
        return m.find() ? m.group(1) : null;
    }

    /**
     * A legacy JSON template's manifest output with its user variables filled in ({@code vars},
     * else the template's defaults), or {@code null} when it has no manifest post-processor or
     * the output holds something else only Packer can evaluate.
     */
    static String legacyPath(JsonNode root, Map<String, String> vars) {
        JsonNode step = legacyStep(root);
        if (step == null) {
            return null;
        }
        Matcher m = USER_VAR.matcher(step.path("output").asText(DEFAULT));
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String value = vars.getOrDefault(m.group(1), root.path("variables").path(m.group(1)).asText(""));
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        m.appendTail(resolved);
        return resolved.toString().contains("{{") ? null : resolved.toString();
    }

    /** The first manifest step of a legacy template's post-processors (a step, or a sequence of steps). */
    private static JsonNode legacyStep(JsonNode root) {
        for (JsonNode pp : root.path("post-processors")) {
            for (JsonNode step : pp.isArray() ? pp : List.of(pp)) {
                if (step.isObject() && "manifest".equals(step.path("type").asText())) {
                    return step;
                }
            }
        }
        return null;
    }
}
