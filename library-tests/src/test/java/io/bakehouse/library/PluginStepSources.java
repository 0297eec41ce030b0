package io.bakehouse.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Jenkins plugin's step parameters, read from its Java sources: a step class is one
 * whose descriptor's {@code getFunctionName()} returns the step name; its parameters are the
 * {@code @DataBoundConstructor}'s parameters and the {@code @DataBoundSetter} setters and
 * fields, its superclasses' included.
 */
final class PluginStepSources {

    /** The step name, returned as a literal or through a constant of the same class. */
    private static final Pattern FUNCTION_NAME =
            Pattern.compile("getFunctionName\\s*\\(\\s*\\)\\s*\\{\\s*return\\s+(?:\"(\\w+)\"|(\\w+))\\s*;");
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s+(\\w+)(?:<[^>{]*>)?(?:\\s+extends\\s+(\\w+))?");
    private static final Pattern CONSTRUCTOR =
            Pattern.compile("@DataBoundConstructor\\s+(?:public\\s+|protected\\s+)?\\w+\\s*\\(([^)]*)\\)");
    private static final Pattern SETTER = Pattern.compile(
            "@DataBoundSetter\\s+(?:(?:public|protected|private|final|synchronized)\\s+)*void\\s+set(\\w+)\\s*\\(");
    /** An annotated field: everything up to {@code ;} or {@code =} with no parenthesis (a setter has one). */
    private static final Pattern FIELD = Pattern.compile("@DataBoundSetter\\s+([^;=(){}]*?)\\s*[;=]");

    private PluginStepSources() {
    }

    /** step name → parameter names, for every step class under {@code sourceRoot}. */
    static Map<String, Set<String>> read(Path sourceRoot) throws IOException {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher type = CLASS.matcher(text);
                if (type.find()) {
                    sources.put(type.group(1), text);
                }
            }
        }
        return fromSources(sources);
    }

    /** Like {@link #read}, from class name → source text. */
    static Map<String, Set<String>> fromSources(Map<String, String> sources) {
        Map<String, Set<String>> steps = new LinkedHashMap<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Matcher function = FUNCTION_NAME.matcher(source.getValue());
            if (function.find()) {
                String name = function.group(1) != null ? function.group(1) : constant(source.getValue(), function.group(2));
                if (name != null) {
                    steps.put(name, parameters(source.getKey(), sources));
                }
            }
        }
        return steps;
    }

    private static String constant(String source, String identifier) {
        Matcher m = Pattern.compile("static\\s+final\\s+String\\s+" + Pattern.quote(identifier) + "\\s*=\\s*\"(\\w+)\"")
                .matcher(source);
        return m.find() ? m.group(1) : null;
    }

    private static Set<String> parameters(String className, Map<String, String> sources) {
        Set<String> names = new LinkedHashSet<>();
        for (String type = className; type != null && sources.containsKey(type); type = superclass(sources.get(type))) {
            String text = sources.get(type);
            Matcher constructor = CONSTRUCTOR.matcher(text);
            if (constructor.find()) {
                names.addAll(constructorParameters(constructor.group(1)));
            }
            Matcher setter = SETTER.matcher(text);
            while (setter.find()) {
                names.add(Character.toLowerCase(setter.group(1).charAt(0)) + setter.group(1).substring(1));
            }
            Matcher field = FIELD.matcher(text);
            while (field.find()) {
                String[] words = field.group(1).trim().split("\\s+");
                names.add(words[words.length - 1]);
            }
        }
        return names;
    }

    private static String superclass(String text) {
        Matcher type = CLASS.matcher(text);
        return type.find() ? type.group(2) : null;
    }

    /** The names in a parameter list such as {@code @NonNull String stack, Map<String, String> params}. */
    private static List<String> constructorParameters(String list) {
        List<String> names = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : (list + ",").toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                String[] words = current.toString().trim().split("\\s+");
                if (!words[0].isEmpty()) {
                    names.add(words[words.length - 1]);
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return names;
    }
}
