package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.LibraryUnderTest;
import io.bakehouse.harness.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * The script a var hands to {@code sh}: every value arrives at the CLI as exactly the argument
 * it was, whatever it contains. Proven by running the rendered script through a real shell
 * whose CLI is a script that records the argument vector it received.
 */
public class CliCallTest {

    private static final List<String> HOSTILE = List.of(
            "two words",
            "it's",
            "\"double\"",
            "$HOME",
            "${PATH}",
            "`touch pwned-backtick`",
            "$(touch pwned-subshell)",
            "a; touch pwned-semicolon",
            "line one\nline two",
            "trailing backslash \\",
            "'; touch pwned-quote; '",
            "*",
            "--output=text",
            "-",
            "",
            " leading and trailing ",
            "tab\there",
            "ünïcødé ✓",
            "!event",
            "a|b&c>d<e");

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void script_hostileValuesThroughBash_arriveAsExactArguments() throws IOException {
        assertHostileValuesArriveIntact();
    }

    @Test
    public void script_hostileValuesThroughPosixSh_arriveAsExactArguments() throws IOException {
        library.harness().useShell(Shell.posixSh());
        assertHostileValuesArriveIntact();
    }

    @Test
    public void script_hostileMapKeysAndValues_arriveAsExactKeyValueArguments() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("k$(touch pwned)", "v'\n`x`");
        library.call("packerBuild", args("template", "t", "vars", vars));
        assertEquals(List.of("packer-build", "--template", "t", "--var", "k$(touch pwned)=v'\n`x`",
                "--output", "json"), library.cli().onlyCall());
    }

    @Test
    public void script_hostileSensitiveValue_arrivesIntactThroughTheEnvironment() throws IOException {
        String secret = "p'a\"s$s`w`o\nrd $(touch pwned-secret)";
        library.harness().addString("pw-credential", secret);
        library.call("packerBuild", args("template", "t", "sensitiveVars", args("pw", "pw-credential")));
        assertEquals(List.of("packer-build", "--template", "t", "--sensitive-var-env", "pw=BAKEHOUSE_SENSITIVE_1",
                "--output", "json"), library.cli().onlyCall());
        assertEquals(secret, library.cli().environment(1).get("BAKEHOUSE_SENSITIVE_1"));
        assertNothingWasExecuted();
    }

    @Test
    public void script_valueWithNulCharacter_isRejectedBeforeRunning() {
        assertTrue(library.failure("publishAmiParam", args("name", "/a\0b", "amiId", "ami-1"))
                .contains("'name' contains a NUL character"));
    }

    @Test
    public void script_bakehouseCliUnset_runsBakehouseFromPath() {
        library.harness().env().put("BAKEHOUSE_CLI", null);
        library.harness().env().put("PATH", library.cli().path().getParent() + ":" + System.getenv("PATH"));
        library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1"));
        assertEquals("publish-ami-param", library.cli().onlyCall().get(0));
    }

    @Test
    public void script_isLabelledWithTheCommandAndReturnsStdout() {
        library.call("cfnDeploy", args("stack", "s", "template", "t.yaml"));
        Map<String, Object> sh = library.harness().calls("sh").get(0).args();
        assertEquals("bakehouse cfn-deploy", sh.get("label"));
        assertEquals(true, sh.get("returnStdout"));
        assertTrue(String.valueOf(sh.get("script")).contains(
                "\"$cli\" 'cfn-deploy' '--stack' 's' '--template' 't.yaml' '--output' 'json'"));
    }

    private void assertHostileValuesArriveIntact() throws IOException {
        List<String> labels = new ArrayList<>();
        for (String value : HOSTILE) {
            labels.add("--label");
            labels.add(value);
        }
        library.call("publishAmiParam", args("name", "/a", "amis", args("us-east-1", "ami-1"), "labels", HOSTILE,
                "description", "$(id) `id` 'q' \"d\""));
        List<String> received = library.cli().onlyCall();
        assertEquals(List.of("publish-ami-param", "--name", "/a", "--amis", "us-east-1=ami-1",
                "--description", "$(id) `id` 'q' \"d\""), received.subList(0, 7));
        assertEquals(labels, received.subList(7, received.size() - 2));
        assertEquals(List.of("--output", "json"), received.subList(received.size() - 2, received.size()));
        assertNothingWasExecuted();
    }

    private void assertNothingWasExecuted() throws IOException {
        Path workspace = library.harness().workspace();
        try (var files = Files.list(workspace)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertFalse("a value was executed by the shell: " + names, names.stream().anyMatch(n -> n.startsWith("pwned")));
        }
    }
}
