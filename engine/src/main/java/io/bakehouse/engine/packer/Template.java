package io.bakehouse.engine.packer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What Bakehouse needs to know about a template before running Packer: its files, whether it is HCL2,
 * whether it needs {@code packer init}, which variables it declares and marks sensitive, which files it
 * reads through {@code path.root} / {@code template_dir}, and where its manifest post-processor writes.
 * It reads the text, it does not evaluate it: Packer stays the judge of whether the template is valid.
 */
final class Template {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE_BLOCK = Pattern.compile("(?m)^\\s*variable\\s+\"([^\"]+)\"\\s*\\{");
    private static final Pattern SENSITIVE = Pattern.compile("(?m)^\\s*sensitive\\s*=\\s*true\\b");
    private static final Pattern DEFAULT_STRING = Pattern.compile("(?m)^\\s*default\\s*=\\s*\"([^\"$]*)\"");
    private static final Pattern MANIFEST_BLOCK = Pattern.compile("post-processor\\s+\"manifest\"\\s*\\{");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^\\s*output\\s*=\\s*(\"([^\"$]*)\"|var\\.([A-Za-z0-9_-]+))");
    private static final Pattern HCL_FILE_REF = Pattern.compile("\\$\\{path\\.root}/([^\"}$]+)\"");
    private static final Pattern JSON_FILE_REF = Pattern.compile("\\{\\{\\s*template_dir\\s*}}/([^\"{]+)\"");
    private static final Pattern USER_VAR = Pattern.compile("\\{\\{\\s*user\\s+`([^`]+)`\\s*}}");
    static final String DEFAULT_MANIFEST = "packer-manifest.json";

    private final Path path;
    private final List<Path> files;
    private final boolean hcl2;
    private final Map<String, String> texts = new LinkedHashMap<>();

    private Template(Path path, List<Path> files, boolean hcl2) throws IOException {
        this.path = path;
        this.files = files;
        this.hcl2 = hcl2;
        for (Path f : files) {
            texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
    }

    /** Reads the template at {@code path}: a file, or a directory of {@code *.pkr.hcl} / {@code *.pkr.json}. */
    static Template read(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidInputException("template", "Template " + path + " does not exist",
                    "pass the path of a .pkr.hcl, .pkr.json or .json template, or of a directory of .pkr.hcl files"
                            + " (relative paths start at workingDir)");
        }
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> list = Files.list(path)) {
                    files = list.filter(p -> isHcl2Name(p.getFileName().toString()) && Files.isRegularFile(p))
                            .sorted().toList();
                }
                if (files.isEmpty()) {
                    throw new InvalidInputException("template", "Directory " + path
                            + " holds no .pkr.hcl or .pkr.json file", "point template at the directory of the Packer template");
                }
                return new Template(path, files, true);
            }
            return new Template(path, List.of(path), isHcl2Name(path.getFileName().toString()));
        } catch (IOException e) {
            throw BakehouseException.failure("Cannot read template " + path + ": " + e.getMessage(),
                    "check the file's permissions", e);
        }
    }

    private static boolean isHcl2Name(String name) {
        return name.endsWith(".pkr.hcl") || name.endsWith(".pkr.json");
    }

    Path path() {
        return path;
    }

    List<Path> files() {
        return files;
    }

    boolean isHcl2() {
        return hcl2;
    }

    /** The directory {@code path.root} / {@code template_dir} means. */
    Path rootDir() {
        Path abs = path.toAbsolutePath();
        return Files.isDirectory(abs) ? abs : abs.getParent();
    }

    /** Whether the template names plugins to install ({@code packer { required_plugins { … } }}). */
    boolean requiresPlugins() {
        return hcl2 && texts.values().stream().anyMatch(t -> t.contains("required_plugins"));
    }

    /** The variables the template declares. */
    Set<String> variables() {
        return hcl2 ? hclVariables().keySet() : jsonVariables(false);
    }

    /** The variables the template marks sensitive ({@code sensitive = true}, or JSON's {@code sensitive-variables}). */
    Set<String> sensitiveVariables() {
        if (!hcl2) {
            return jsonVariables(true);
        }
        Set<String> sensitive = new LinkedHashSet<>();
        hclVariables().forEach((name, body) -> {
            if (SENSITIVE.matcher(body).find()) {
                sensitive.add(name);
            }
        });
        return sensitive;
    }

    /** Files the template reads relative to itself ({@code ${path.root}/…}, {@code {{template_dir}}/…}). */
    List<Path> referencedFiles() {
        Set<Path> refs = new LinkedHashSet<>();
        Pattern pattern = hcl2 ? HCL_FILE_REF : JSON_FILE_REF;
        for (String text : texts.values()) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                refs.add(rootDir().resolve(m.group(1)).normalize());
            }
        }
        return new ArrayList<>(refs);
    }

    /**
     * Where the manifest post-processor writes, relative to the working directory, or {@code null} when the
     * template has none (or names its output in a way only Packer can evaluate).
     */
    String manifestOutput(Map<String, String> vars) {
        return hcl2 ? hclManifest(vars) : jsonManifest(vars);
    }

    /** The variable that names the manifest post-processor's output ({@code output = var.x}), or {@code null}. */
    String manifestVariable() {
        if (!hcl2) {
            Matcher m = USER_VAR.matcher(jsonManifestOutput());
            return m.find() ? m.group(1) : null;
        }
        for (String text : texts.values()) {
            Matcher block = MANIFEST_BLOCK.matcher(text);
            if (block.find()) {
                Matcher out = OUTPUT.matcher(body(text, block.end()));
                return out.find() ? out.group(3) : null;
            }
        }
        return null;
    }

    private String hclManifest(Map<String, String> vars) {
        for (String text : texts.values()) {
            Matcher block = MANIFEST_BLOCK.matcher(text);
            if (!block.find()) {
                continue;
            }
            String body = body(text, block.end());
            Matcher out = OUTPUT.matcher(body);
            if (!out.find()) {
                return DEFAULT_MANIFEST;
            }
            if (out.group(2) != null) {
                return out.group(2);
            }
            String variable = out.group(3);
            if (vars.containsKey(variable)) {
                return vars.get(variable);
            }
            String declared = hclVariables().get(variable);
            Matcher def = declared == null ? null : DEFAULT_STRING.matcher(declared);
            return def != null && def.find() ? def.group(1) : null;
        }
        return null;
    }

    private String jsonManifestOutput() {
        for (JsonNode pp : json().path("post-processors")) {
            for (JsonNode step : pp.isArray() ? pp : List.of(pp)) {
                if (step.isObject() && "manifest".equals(step.path("type").asText())) {
                    return step.path("output").asText(DEFAULT_MANIFEST);
                }
            }
        }
        return "";
    }

    private String jsonManifest(Map<String, String> vars) {
        JsonNode root = json();
        for (JsonNode pp : root.path("post-processors")) {
            for (JsonNode step : pp.isArray() ? pp : List.of(pp)) {
                if (step.isObject() && "manifest".equals(step.path("type").asText())) {
                    String output = step.path("output").asText(DEFAULT_MANIFEST);
                    Matcher m = USER_VAR.matcher(output);
                    StringBuilder resolved = new StringBuilder();
                    while (m.find()) {
                        String value = vars.getOrDefault(m.group(1),
                                root.path("variables").path(m.group(1)).asText(""));
                        m.appendReplacement(resolved, Matcher.quoteReplacement(value));
                    }
                    m.appendTail(resolved);
                    return resolved.toString().contains("{{") ? null : resolved.toString();
                }
            }
        }
        return null;
    }

    private Map<String, String> hclVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String text : texts.values()) {
            Matcher m = VARIABLE_BLOCK.matcher(text);
            while (m.find()) {
                variables.put(m.group(1), body(text, m.end()));
            }
        }
        return variables;
    }

    private Set<String> jsonVariables(boolean sensitiveOnly) {
        JsonNode root = json();
        Set<String> names = new LinkedHashSet<>();
        if (sensitiveOnly) {
            root.path("sensitive-variables").forEach(n -> names.add(n.asText()));
        } else {
            root.path("variables").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private JsonNode json() {
        try {
            return JSON.readTree(texts.values().iterator().next());
        } catch (IOException e) {
            throw new InvalidInputException("template", "Template " + path + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), "fix the template, or name an HCL2 template *.pkr.hcl");
        }
    }

    /** The text of the block whose opening brace ends just before {@code start}, up to its closing brace. */
    private static String body(String text, int start) {
        int depth = 1;
        boolean quoted = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && text.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}' && --depth == 0) {
                return text.substring(start, i);
            }
        }
        return text.substring(start);
    }
}
