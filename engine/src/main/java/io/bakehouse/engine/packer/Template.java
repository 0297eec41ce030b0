package io.bakehouse.engine.packer;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Json;
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
 * whether it needs {@code packer init}, which variables it declares (their types, and which are sensitive),
 * which files it reads through {@code path.root} / {@code template_dir}, and where its manifest
 * post-processor writes ({@link ManifestOutput}). {@code .pkr.hcl} files are scanned with comments and heredocs out of the way
 * ({@link HclText}); {@code .pkr.json} files and legacy JSON templates are read with Jackson. It reads the
 * templates, it does not evaluate them: Packer stays the judge of whether a template is valid.
 */
final class Template {

    /**
     * A declared variable.
     *
     * @param type           its type constraint as written ({@code list(string)}), or {@code null} when not given
     * @param complexDefault whether its default is a list or an object (Packer then takes that as its type)
     * @param defaultString  its default when that is a plain string, else {@code null}
     */
    record Variable(String name, String type, boolean sensitive, boolean complexDefault, String defaultString) {

        private static final Set<String> PRIMITIVE = Set.of("string", "number", "bool");

        /**
         * Whether Packer reads a {@code -var} value of this variable as an HCL expression (lists, maps,
         * objects, {@code any}) rather than as a string.
         */
        boolean takesExpression() {
            return type == null ? complexDefault : !PRIMITIVE.contains(type);
        }
    }

    private static final Pattern VARIABLE_BLOCK = Pattern.compile("(?m)^\\s*(variable)\\s+\"([^\"]+)\"\\s*\\{");
    private static final Pattern SENSITIVE = Pattern.compile("(?m)^\\s*sensitive\\s*=\\s*true\\b");
    private static final Pattern TYPE = Pattern.compile("(?m)^\\s*type\\s*=\\s*(\\S(?:.*\\S)?)\\s*$");
    private static final Pattern DEFAULT_STRING = Pattern.compile("(?m)^\\s*default\\s*=\\s*\"([^\"$]*)\"");
    private static final Pattern DEFAULT_COMPLEX = Pattern.compile("(?m)^\\s*default\\s*=\\s*[\\[{]");
    private static final Pattern HCL_FILE_REF = Pattern.compile("\\$\\{path\\.root}/([^\"}$]+)\"");
    private static final Pattern JSON_FILE_REF = Pattern.compile("\\{\\{\\s*template_dir\\s*}}/([^\"{]+)\"");

    private final Path path;
    private final List<Path> files;
    private final boolean hcl2;
    private final Map<String, String> texts = new LinkedHashMap<>();
    /** The {@code .pkr.hcl} files, scanned. */
    private final Map<String, HclText> hclFiles = new LinkedHashMap<>();
    /** The {@code .pkr.json} files (HCL's JSON syntax), or the legacy JSON template. */
    private final Map<String, JsonNode> jsonFiles = new LinkedHashMap<>();

    private Template(Path path, List<Path> files, boolean hcl2) throws IOException {
        this.path = path;
        this.files = files;
        this.hcl2 = hcl2;
        for (Path f : files) {
            String name = f.getFileName().toString();
            String text = Files.readString(f, StandardCharsets.UTF_8);
            texts.put(name, text);
            if (hcl2 && name.endsWith(".pkr.hcl")) {
                hclFiles.put(name, new HclText(text));
            } else {
                jsonFiles.put(name, parse(f, text));
            }
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
        if (!hcl2) {
            return false;
        }
        boolean hcl = hclFiles.values().stream().anyMatch(t -> codeMatch(t, Pattern.compile("(required_plugins)\\b")));
        return hcl || jsonFiles.values().stream().anyMatch(root -> blocks(root, "packer").stream()
                .anyMatch(b -> b.has("required_plugins")));
    }

    /** The variables the template declares. */
    Set<String> variables() {
        return declared().keySet();
    }

    /** The variables the template marks sensitive ({@code sensitive = true}, or JSON's {@code sensitive-variables}). */
    Set<String> sensitiveVariables() {
        Set<String> sensitive = new LinkedHashSet<>();
        declared().forEach((name, v) -> {
            if (v.sensitive()) {
                sensitive.add(name);
            }
        });
        return sensitive;
    }

    /** Every declared variable by name. */
    Map<String, Variable> declared() {
        Map<String, Variable> variables = new LinkedHashMap<>();
        if (!hcl2) {
            JsonNode root = jsonFiles.values().iterator().next();
            Set<String> sensitive = new LinkedHashSet<>();
            root.path("sensitive-variables").forEach(n -> sensitive.add(n.asText()));
            root.path("variables").properties().forEach(e -> variables.put(e.getKey(),
                    new Variable(e.getKey(), "string", sensitive.contains(e.getKey()), false,
                            e.getValue().isTextual() ? e.getValue().asText() : null)));
            return variables;
        }
        hclFiles.values().forEach(t -> variables.putAll(hclVariables(t)));
        jsonFiles.values().forEach(root -> variables.putAll(jsonHclVariables(root)));
        return variables;
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
        if (!hcl2) {
            return ManifestOutput.legacyPath(legacy(), vars);
        }
        ManifestOutput manifest = ManifestOutput.ofHcl2(hclFiles.values(), jsonFiles.values());
        if (manifest == null) {
            return null;
        }
        if (manifest.variable() == null) {
            return manifest.literal();
        }
        if (vars.containsKey(manifest.variable())) {
            return vars.get(manifest.variable());
        }
        Variable declared = declared().get(manifest.variable());
        return declared == null ? null : declared.defaultString();
    }

    /** The variable that names the manifest post-processor's output ({@code output = var.x}), or {@code null}. */
    String manifestVariable() {
        if (!hcl2) {
            return ManifestOutput.legacyVariable(legacy());
        }
        ManifestOutput manifest = ManifestOutput.ofHcl2(hclFiles.values(), jsonFiles.values());
        return manifest == null ? null : manifest.variable();
    }

    private static Map<String, Variable> hclVariables(HclText text) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        Matcher m = VARIABLE_BLOCK.matcher(text.blanked());
        while (m.find()) {
            if (!text.isCode(m.start(1))) {
                continue;
            }
            String body = text.body(m.end());
            Matcher type = TYPE.matcher(body);
            Matcher def = DEFAULT_STRING.matcher(body);
            variables.put(m.group(2), new Variable(m.group(2), type.find() ? type.group(1) : null,
                    SENSITIVE.matcher(body).find(), DEFAULT_COMPLEX.matcher(body).find(), def.find() ? def.group(1) : null));
        }
        return variables;
    }

    /** Variables of a {@code .pkr.json} file: {@code "variable": {"name": {"type": …, "sensitive": true}}}. */
    private static Map<String, Variable> jsonHclVariables(JsonNode root) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (JsonNode block : blocks(root, "variable")) {
            block.properties().forEach(e -> {
                JsonNode body = e.getValue().isArray() ? e.getValue().path(0) : e.getValue();
                JsonNode type = body.get("type");
                String typeText = type == null ? null : type.asText().replaceAll("^\\$\\{(.*)}$", "$1").strip();
                JsonNode def = body.path("default");
                JsonNode sensitive = body.path("sensitive");
                variables.put(e.getKey(), new Variable(e.getKey(), typeText,
                        sensitive.asBoolean(false) || "true".equals(sensitive.asText()),
                        def.isArray() || def.isObject(), def.isTextual() && !def.asText().contains("${")
                                ? def.asText() : null));
            });
        }
        return variables;
    }

    /** The values of {@code key} in {@code node}: an object, or each object of an array (HCL's JSON blocks). */
    static List<JsonNode> blocks(JsonNode node, String key) {
        JsonNode value = node.path(key);
        List<JsonNode> found = new ArrayList<>();
        if (value.isObject()) {
            found.add(value);
        } else if (value.isArray()) {
            value.forEach(v -> {
                if (v.isObject()) {
                    found.add(v);
                }
            });
        }
        return found;
    }

    private static boolean codeMatch(HclText text, Pattern pattern) {
        Matcher m = pattern.matcher(text.blanked());
        while (m.find()) {
            if (text.isCode(m.start(1))) {
                return true;
            }
        }
        return false;
    }

    private JsonNode legacy() {
        return jsonFiles.values().iterator().next();
    }

    private static JsonNode parse(Path file, String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new InvalidInputException("template", "Template " + file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""),
                    "fix the template, or name an HCL2 template *.pkr.hcl");
        }
    }
}
