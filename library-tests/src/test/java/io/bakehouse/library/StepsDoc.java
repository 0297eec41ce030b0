package io.bakehouse.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step contract as docs/steps.md states it: for each step its CLI command and its
 * parameters with their types (read from the tables), and the common parameters.
 */
final class StepsDoc {

    private static final Pattern HEADING = Pattern.compile("^## (\\w+) — `bakehouse ([a-z-]+)");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z0-9]+)`");

    /** step → CLI command */
    final Map<String, String> commands = new LinkedHashMap<>();
    /** step → the keys of its result */
    final Map<String, List<String>> results = new LinkedHashMap<>();
    /** step → parameter → type (common parameters included, as "string") */
    final Map<String, Map<String, String>> parameters = new LinkedHashMap<>();

    static StepsDoc read(Path file) throws IOException {
        StepsDoc doc = new StepsDoc();
        Map<String, String> common = new LinkedHashMap<>();
        Map<String, String> current = null;
        List<String> result = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                result = null;
            } else if (line.startsWith("Result:") && !doc.commands.isEmpty()) {
                result = new ArrayList<>();
                doc.results.put(List.copyOf(doc.commands.keySet()).get(doc.commands.size() - 1), result);
            }
            if (result != null) {
                Matcher keys = NAME.matcher(line);
                while (keys.find()) {
                    result.add(keys.group(1));
                }
            }
            if (line.startsWith("## Common parameters")) {
                current = common;
            } else if (line.startsWith("## ")) {
                Matcher heading = HEADING.matcher(line);
                if (!heading.find()) {
                    throw new AssertionError("unexpected heading in docs/steps.md: " + line);
                }
                current = new LinkedHashMap<>();
                doc.commands.put(heading.group(1), heading.group(2));
                doc.parameters.put(heading.group(1), current);
            } else if (current != null && line.startsWith("| `")) {
                List<String> cells = List.of(line.split("\\|"));
                String type = current == common ? "string" : type(cells.get(2).trim());
                Matcher names = NAME.matcher(cells.get(1));
                while (names.find()) {
                    current.put(names.group(1), type);
                }
            }
        }
        if (common.isEmpty() || doc.parameters.isEmpty()) {
            throw new AssertionError("docs/steps.md has no parameter tables");
        }
        doc.parameters.values().forEach(p -> p.putAll(common));
        return doc;
    }

    private static String type(String cell) {
        String word = cell.split("[^a-z]", 2)[0];
        return switch (word) {
            case "string", "boolean", "int", "duration", "list", "map" -> word;
            default -> throw new AssertionError("unknown type in docs/steps.md: " + cell);
        };
    }
}
