package io.bakehouse.engine.runner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.Durations;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Loads a runner configuration from YAML or JSON (JSON is read as YAML, its superset).
 * Every key is checked: an unknown or bad key fails the load with its full name. A template
 * (the standard configuration before the deploy-runner stack fills in its {@code ${Name}}
 * placeholders) can be described but never loaded.
 */
public final class RunnerConfigLoader {

    private static final Set<String> TOP = Set.of("cluster", "subnets", "securityGroups", "assignPublicIp",
            "logGroup", "logStreamPrefix", "defaultCpu", "defaultMemory", "maxCpu", "maxMemory", "maxWaitTime",
            "archive", "containers");
    private static final Set<String> CONTAINER = Set.of("taskDefinition", "containerName", "environment",
            "secrets", "scripts");
    private static final Set<String> SCRIPT = Set.of("command", "description", "hardcodedOptions", "hardcodedArgs",
            "allowPositionalArgs", "positionalPattern", "maxArgs", "allowedOptions", "allowedFlags",
            "restrictedOptions", "optionPatterns", "allowedRepos", "allowedRefs", "repoOption", "refOption",
            "repeatableOptions", "dashValueOptions", "dashPositionals", "commitBranches");
    private static final Set<String> ARCHIVE = Set.of("bucket", "prefix");

    private static final int DEFAULT_CPU = 1024;
    private static final int DEFAULT_MEMORY = 2048;
    private static final int MAX_CPU = 4096;
    private static final int MAX_MEMORY = 30720;

    private RunnerConfigLoader() {
    }

    /** Loads a configuration file; a template whose placeholders are not filled in is refused. */
    public static RunnerConfig load(Path file) {
        return parse(text(file), file.toString());
    }

    /**
     * Parses configuration text; {@code source} names it in messages. A template (text with
     * {@code ${Name}} placeholders in its keys or values) is refused: nothing may run from it.
     */
    public static RunnerConfig parse(String text, String source) {
        Parsed parsed = Parsed.of(text, source);
        if (!parsed.unfilled().isEmpty()) {
            throw new InvalidInputException("config", "runner configuration " + source + " is a template: "
                    + String.join(", ", parsed.unfilled()) + " are not filled in, so nothing can run from it",
                    "run through the deploy-runner stack (--invoker with its InvokerFunctionName output), or give"
                            + " --config the filled-in text of its RunnerConfigParameter; --describe-containers"
                            + " shows what the template allows");
        }
        return named(source, () -> read(parsed.root()));
    }

    /**
     * What {@code describe-containers} shows for a configuration file, or for a template: its
     * containers, scripts and argument rules, checked as a configuration's are, with the
     * placeholders shown as written and listed under {@code placeholders}. The values the stack
     * fills in (cluster, networking, log group, archive, task definitions, secrets) are checked
     * once they are filled in, by {@link #load}.
     */
    public static Map<String, Object> describe(Path file) {
        String source = file.toString();
        Parsed parsed = Parsed.of(text(file), source);
        if (parsed.unfilled().isEmpty()) {
            return named(source, () -> read(parsed.root())).describe();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> described = (Map<String, Object>) parsed.placeholders().restoreAll(
                named(source, () -> describeTemplate(parsed.root())));
        described.put("placeholders", List.copyOf(parsed.unfilled()));
        return described;
    }

    /** The tree of a configuration's text, with its placeholders masked, and those found in its keys and values. */
    private record Parsed(Placeholders placeholders, JsonNode root, Set<String> unfilled) {
        static Parsed of(String text, String source) {
            Placeholders placeholders = Placeholders.mask(text);
            JsonNode root = tree(placeholders, source);
            return new Parsed(placeholders, root, placeholders.in(root));
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("config", "runner configuration " + file + " does not exist",
                    "pass the path of a YAML or JSON runner configuration");
        } catch (IOException e) {
            throw new InvalidInputException("config", "cannot read runner configuration " + file + ": " + e.getMessage());
        }
    }

    private static JsonNode tree(Placeholders text, String source) {
        try {
            return Yaml.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(text.masked());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("config", "runner configuration " + source + " is not valid YAML or JSON: "
                    + text.restore(e.getOriginalMessage()), "check the syntax near line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        }
    }

    /** Runs {@code reading}, naming {@code source} in the message of a bad key. */
    private static <T> T named(String source, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("config", source + ": " + e.getMessage(), e.hint());
        }
    }

    private static RunnerConfig read(JsonNode root) {
        ConfigReader r = new ConfigReader(root, "", TOP);
        ArchiveLocation archive = null;
        if (r.has("archive")) {
            ConfigReader a = new ConfigReader(r.child("archive"), "archive", ARCHIVE);
            archive = new ArchiveLocation(a.string("bucket", null), a.string("prefix", null));
        }
        Map<String, ContainerSpec> containers = new LinkedHashMap<>();
        r.objects("containers").forEach((name, node) -> containers.put(name, container(name, node)));
        return new RunnerConfig(r.string("cluster", null), r.strings("subnets"), r.strings("securityGroups"),
                r.bool("assignPublicIp", false), r.string("logGroup", null), r.string("logStreamPrefix", null),
                r.integer("defaultCpu", DEFAULT_CPU), r.integer("defaultMemory", DEFAULT_MEMORY),
                r.integer("maxCpu", MAX_CPU), r.integer("maxMemory", MAX_MEMORY), maxWait(r), archive, containers);
    }

    /** A template's description; its placeholders are still the words {@link Placeholders#mask} put there. */
    private static Map<String, Object> describeTemplate(JsonNode root) {
        ConfigReader r = new ConfigReader(root, "", TOP);
        if (r.has("archive")) {
            new ConfigReader(r.child("archive"), "archive", ARCHIVE);
        }
        Map<String, Object> containers = new LinkedHashMap<>();
        r.objects("containers").forEach((name, node) -> {
            String path = "containers." + name;
            ConfigReader c = new ConfigReader(node, path, CONTAINER);
            containers.put(name, RunnerConfig.describeContainer(c.string("taskDefinition", null),
                    c.stringMap("environment").keySet(), c.stringMap("secrets").keySet(), scripts(path, c)));
        });
        int defaultCpu = r.integer("defaultCpu", DEFAULT_CPU);
        int defaultMemory = r.integer("defaultMemory", DEFAULT_MEMORY);
        int maxCpu = r.integer("maxCpu", MAX_CPU);
        int maxMemory = r.integer("maxMemory", MAX_MEMORY);
        FargateSizes.checkLimits(defaultCpu, defaultMemory, maxCpu, maxMemory);
        return RunnerConfig.describe(containers, defaultCpu, defaultMemory, maxCpu, maxMemory,
                RunnerConfig.checkedMaxWait(maxWait(r)));
    }

    /** The configuration's maxWaitTime, or {@code null} for the default. */
    private static Duration maxWait(ConfigReader r) {
        if (!r.has("maxWaitTime")) {
            return null;
        }
        try {
            return Durations.parse("maxWaitTime", r.string("maxWaitTime", null));
        } catch (InvalidInputException e) {
            throw ConfigReader.invalid("maxWaitTime", e.getMessage());
        }
    }

    private static ContainerSpec container(String name, JsonNode node) {
        String path = "containers." + name;
        ConfigReader c = new ConfigReader(node, path, CONTAINER);
        return new ContainerSpec(name, c.string("taskDefinition", null), c.string("containerName", name),
                c.stringMap("environment"), c.stringMap("secrets"), scripts(path, c));
    }

    private static Map<String, ScriptRules> scripts(String path, ConfigReader container) {
        Map<String, ScriptRules> scripts = new LinkedHashMap<>();
        container.objects("scripts").forEach((script, s) -> scripts.put(script, script(path + ".scripts." + script, script, s)));
        return scripts;
    }

    private static ScriptRules script(String path, String name, JsonNode node) {
        // A script listed with no rules ("plan: {}" or "plan:") runs with no arguments.
        ConfigReader s = new ConfigReader(node == null || node.isNull() ? Yaml.MAPPER.createObjectNode() : node,
                path, SCRIPT);
        Map<String, Pattern> optionPatterns = new LinkedHashMap<>();
        s.stringMap("optionPatterns").forEach((option, regex) ->
                optionPatterns.put(option, ConfigReader.pattern(path + ".optionPatterns." + option, regex)));
        List<Pattern> refs = new ArrayList<>();
        for (String ref : s.strings("allowedRefs")) {
            refs.add(ConfigReader.pattern(path + ".allowedRefs", ref));
        }
        String positional = s.string("positionalPattern", null);
        try {
            return new ScriptRules(name, s.string("command", name), s.string("description", null),
                    s.strings("hardcodedOptions"), s.strings("hardcodedArgs"), s.bool("allowPositionalArgs", false),
                    positional == null ? null : ConfigReader.pattern(path + ".positionalPattern", positional),
                    s.integer("maxArgs", ScriptRules.DEFAULT_MAX_ARGS),
                    new LinkedHashSet<>(s.strings("allowedOptions")), new LinkedHashSet<>(s.strings("allowedFlags")),
                    new LinkedHashSet<>(s.strings("restrictedOptions")), optionPatterns, s.strings("allowedRepos"), refs,
                    s.string("repoOption", null), s.string("refOption", null),
                    new LinkedHashSet<>(s.strings("repeatableOptions")), new LinkedHashSet<>(s.strings("dashValueOptions")),
                    s.bool("dashPositionals", false), s.strings("commitBranches"));
        } catch (InvalidInputException e) {
            // ScriptRules names keys from "scripts."; give the full path instead.
            throw new InvalidInputException("config", e.getMessage().replace("'scripts." + name, "'" + path), e.hint());
        }
    }
}
