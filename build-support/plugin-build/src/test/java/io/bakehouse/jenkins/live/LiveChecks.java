package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.contract.StepContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the live tests read in a build's console and in the step contract. */
final class LiveChecks {

    private LiveChecks() {
    }

    /** A stack event as cfnDeploy prints it: time, status, logical ID and (type). */
    static final Predicate<String> STACK_EVENT = Pattern.compile(
            "^\\[cfnDeploy\\] \\d{4}-\\d\\d-\\d\\dT\\S+ +[A-Z_]+ +\\S+ \\(AWS::[A-Za-z0-9:]+\\).*").asMatchPredicate();

    /** The result keys the step contract gives step {@code functionName} (docs/steps.md shows them). */
    static Set<String> documentedResultKeys(String functionName) {
        Set<String> keys = new TreeSet<>();
        StepContract.load().step(functionName).results().forEach(r -> keys.add(r.name()));
        assertTrue("the step contract gives no result for " + functionName, !keys.isEmpty());
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
}
