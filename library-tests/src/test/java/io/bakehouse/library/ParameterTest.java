package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.LibraryUnderTest;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.runtime.GStringImpl;
import org.junit.Rule;
import org.junit.Test;

/** Parameter types: what each accepts, what it rejects and how it is spelled on the command line. */
public class ParameterTest {

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void duration_unitsAndBareMinutes_areAccepted() {
        for (Object timeout : List.of("90s", "45m", "2h", "30", 30)) {
            library.call("packerBuild", args("template", "t", "timeout", timeout));
        }
        List<List<String>> calls = library.cli().calls();
        assertEquals(List.of("90s", "45m", "2h", "30", "30"), calls.stream().map(c -> c.get(4)).toList());
    }

    @Test
    public void duration_malformed_isRejected() {
        for (Object timeout : List.of("1 hour", "0", "-5m", "5d", 0, true)) {
            assertTrue(String.valueOf(timeout), library.failure("packerBuild", args("template", "t", "timeout", timeout))
                    .contains("'timeout' must be a duration such as '90s', '45m' or '2h' (a bare number means minutes)"));
        }
    }

    @Test
    public void string_gStringFromAJenkinsfile_isAccepted() {
        Object name = new GStringImpl(new Object[] {"dev"}, new String[] {"/DeploymentConfig/", "/App/AmiId"});
        library.call("publishAmiParam", args("name", name, "amiId", "ami-1"));
        assertEquals("/DeploymentConfig/dev/App/AmiId", library.cli().onlyCall().get(2));
    }

    @Test
    public void string_number_isRejectedAsWrongType() {
        assertTrue(library.failure("publishAmiParam", args("name", 5, "amiId", "ami-1"))
                .contains("'name' must be a string, got a number"));
    }

    @Test
    public void requiredString_blank_isRejected() {
        assertTrue(library.failure("cfnDeploy", args("stack", "  ", "template", "t"))
                .contains("'stack' must not be empty"));
    }

    @Test
    public void boolean_stringTrue_isRejected() {
        assertTrue(library.failure("publishAmiParam", args("name", "/a", "amiId", "a", "force", "true"))
                .contains("'force' must be a boolean (true or false), got a string"));
    }

    @Test
    public void list_elementThatIsAMap_isRejectedNamingItsIndex() {
        assertTrue(library.failure("publishAmiParam", args("name", "/a", "amiId", "a", "labels", List.of("ok", Map.of())))
                .contains("'labels' element 1 must be a string or a number, got a map"));
    }

    @Test
    public void map_keyWithEquals_isRejected() {
        assertTrue(library.failure("cfnDeploy", args("stack", "s", "template", "t", "params", args("A=B", "c")))
                .contains("'params' keys must be non-empty strings without '='"));
    }

    @Test
    public void map_nullValue_isRejectedNamingTheKey() {
        assertTrue(library.failure("packerBuild", args("template", "t", "vars", args("git_sha", null)))
                .contains("'vars' value for 'git_sha' must be a string, a number or a boolean, got null"));
    }

    @Test
    public void map_numbersAndBooleans_renderAsText() {
        library.call("cfnDeploy", args("stack", "s", "template", "t", "params", args("Count", 3, "Public", false)));
        assertEquals(List.of("--param", "Count=3", "--param", "Public=false"), library.cli().onlyCall().subList(5, 9));
    }
}
