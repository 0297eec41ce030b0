package io.bakehouse.engine.runner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bakehouse.engine.Durations;
import io.bakehouse.engine.error.InvalidInputException;
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
import java.util.regex.Pattern;

/**
 * Loads a runner configuration from YAML or JSON (JSON is read as YAML, its superset).
 * Every key is checked: an unknown or bad key fails the load with its full name.
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

    private RunnerConfigLoader() {
    }

    public static RunnerConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("config", "runner configuration " + file + " does not exist",
                    "pass the path of a YAML or JSON runner configuration");
        } catch (IOException e) {
            throw new InvalidInputException("config", "cannot read runner configuration " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses configuration text; {@code source} names it in messages. */
    public static RunnerConfig parse(String text, String source) {
        JsonNode root;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("config", "runner configuration " + source + " is not valid YAML or JSON: "
                    + e.getOriginalMessage(), "check the syntax near line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        }
        try {
            return read(root);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("config", source + ": " + e.getMessage(), e.hint());
        }
    }

    private static RunnerConfig read(JsonNode root) {
        ConfigReader r = new ConfigReader(root, "", TOP);
        Duration maxWait = r.has("maxWaitTime") ? duration(r.string("maxWaitTime", null)) : null;
        ArchiveLocation archive = null;
        if (r.has("archive")) {
            ConfigReader a = new ConfigReader(r.child("archive"), "archive", ARCHIVE);
            archive = new ArchiveLocation(a.string("bucket", null), a.string("prefix", null));
        }
        Map<String, ContainerSpec> containers = new LinkedHashMap<>();
        r.objects("containers").forEach((name, node) -> containers.put(name, container(name, node)));
        return new RunnerConfig(r.string("cluster", null), r.strings("subnets"), r.strings("securityGroups"),
                r.bool("assignPublicIp", false), r.string("logGroup", null), r.string("logStreamPrefix", null),
                r.integer("defaultCpu", 1024), r.integer("defaultMemory", 2048),
                r.integer("maxCpu", 4096), r.integer("maxMemory", 30720), maxWait, archive, containers);
    }

    private static Duration duration(String text) {
        try {
            return Durations.parse("maxWaitTime", text);
        } catch (InvalidInputException e) {
            throw ConfigReader.invalid("maxWaitTime", e.getMessage());
        }
    }

    private static ContainerSpec container(String name, JsonNode node) {
        String path = "containers." + name;
        ConfigReader c = new ConfigReader(node, path, CONTAINER);
        Map<String, ScriptRules> scripts = new LinkedHashMap<>();
        c.objects("scripts").forEach((script, s) -> scripts.put(script, script(path + ".scripts." + script, script, s)));
        return new ContainerSpec(name, c.string("taskDefinition", null), c.string("containerName", name),
                c.stringMap("environment"), c.stringMap("secrets"), scripts);
    }

    private static ScriptRules script(String path, String name, JsonNode node) {
        // A script listed with no rules ("plan: {}" or "plan:") runs with no arguments.
        ConfigReader s = new ConfigReader(node == null || node.isNull() ? new ObjectMapper().createObjectNode() : node,
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
