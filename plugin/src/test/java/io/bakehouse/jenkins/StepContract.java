package io.bakehouse.jenkins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The step contract (docs/steps.md) as tests read it, and a step's parameters as Stapler
 * and structs see them, so a test can hold the two together.
 */
public final class StepContract {

    /** Common parameters that only the CLI and the shared library take. */
    private static final Set<String> NOT_IN_THE_PLUGIN = Set.of("profile");

    private StepContract() {
    }

    /** The parameter names docs/steps.md gives step {@code functionName}, plus the common ones the plugin takes. */
    public static Set<String> parameters(String functionName) {
        List<String> lines = lines();
        Set<String> names = new TreeSet<>(firstColumn(lines, "## Common parameters"));
        names.removeAll(NOT_IN_THE_PLUGIN);
        names.addAll(firstColumn(lines, "## " + functionName + " "));
        return names;
    }

    /** The table row docs/steps.md gives parameter {@code parameter} of step {@code functionName}. */
    public static String row(String functionName, String parameter) {
        List<String> lines = lines();
        boolean inStep = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inStep = line.startsWith("## " + functionName + " ");
            } else if (inStep && line.startsWith("| `" + parameter + "` |")) {
                return line;
            }
        }
        throw new IllegalStateException("docs/steps.md has no row for " + functionName + "." + parameter);
    }

    /** The data-bound parameter names of a step class: constructor parameters and setters. */
    public static Set<String> dataBound(Class<?> step) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    if (!p.isNamePresent()) {
                        throw new IllegalStateException(step + " was compiled without -parameters");
                    }
                    names.add(p.getName());
                }
            }
        }
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return names;
    }

    private static Set<String> firstColumn(List<String> lines, String heading) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(heading)) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new IllegalStateException("docs/steps.md has no section " + heading.trim());
        }
        Set<String> names = new TreeSet<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (line.startsWith("| `")) {
                String cell = line.substring(1, line.indexOf('|', 1)).trim();
                for (String name : cell.split(",")) {
                    names.add(name.trim().replace("`", ""));
                }
            }
        }
        return names;
    }

    private static List<String> lines() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/steps.md");
            if (Files.isRegularFile(doc)) {
                try {
                    return Files.readAllLines(doc);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("docs/steps.md not found above " + Path.of("").toAbsolutePath());
    }
}
