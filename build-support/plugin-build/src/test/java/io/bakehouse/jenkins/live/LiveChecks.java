package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the live tests read in a build's console and in docs/steps.md. */
final class LiveChecks {

    private LiveChecks() {
    }

    /** A stack event as cfnDeploy prints it: time, status, logical ID and (type). */
    static final Predicate<String> STACK_EVENT = Pattern.compile(
            "^\\[cfnDeploy\\] \\d{4}-\\d\\d-\\d\\dT\\S+ +[A-Z_]+ +\\S+ \\(AWS::[A-Za-z0-9:]+\\).*").asMatchPredicate();

    /** The result keys docs/steps.md gives step {@code functionName} (its "Result:" paragraph). */
    static Set<String> documentedResultKeys(String functionName) {
        List<String> lines = docLines();
        int section = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("## " + functionName + " ")) {
                section = i;
                break;
            }
        }
        assertTrue("docs/steps.md has no section for " + functionName, section >= 0);
        StringBuilder paragraph = new StringBuilder();
        for (int i = section + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).startsWith("Result:")) {
                for (int j = i; j < lines.size() && !lines.get(j).isBlank(); j++) {
                    paragraph.append(lines.get(j)).append(' ');
                }
                break;
            }
        }
        assertTrue("docs/steps.md gives no result for " + functionName, paragraph.length() > 0);
        // Top-level keys only: what parentheses say about a key (its fields, its form) is left out.
        String keysOnly = paragraph.toString().replaceAll("(?s)\\([^)]*\\)", "");
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("`([A-Za-z]+)`").matcher(keysOnly);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** The keys a pipeline echoed as {@code PREFIX[a, b, c]} (a map's {@code keySet()}). */
    static Set<String> echoedKeys(String console, String prefix) {
        String line = console.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + prefix + " in:\n" + console));
        String inner = line.substring(prefix.length()).replaceAll("^\\[|\\]$", "");
        return new TreeSet<>(Arrays.stream(inner.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** The value a pipeline echoed as {@code NAME=value} on a line of its own. */
    static String echoed(String console, String name) {
        return console.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no line starting " + name + "= in:\n" + console));
    }

    /** The console's lines that pass {@code test}, in order, with how often each occurs. */
    static Map<String, Long> occurrences(String console, Predicate<String> test) {
        return console.lines().filter(test)
                .collect(Collectors.groupingBy(l -> l, LinkedHashMap::new, Collectors.counting()));
    }

    /** Fails, naming them, when any line that passes {@code test} occurs more than once. */
    static List<String> assertEachOnce(String console, Predicate<String> test, String what) {
        Map<String, Long> counts = occurrences(console, test);
        List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getValue() + "x " + e.getKey()).toList();
        assertEquals(what + " printed more than once; the console:\n" + console, List.of(), twice);
        return new ArrayList<>(counts.keySet());
    }

    private static List<String> docLines() {
        Path root = Path.of(System.getProperty("bakehouse.root", "../.."));
        try {
            return Files.readAllLines(root.resolve("docs/steps.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
