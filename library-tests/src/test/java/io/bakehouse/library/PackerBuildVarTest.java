package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.LibraryUnderTest;
import io.bakehouse.harness.StepCall;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

public class PackerBuildVarTest {

    private static final String SECRET = "s3cr3t-db-password";

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void call_everyParameter_rendersEachAsItsCliOption() {
        library.call("packerBuild", args("template", "packer/", "vars", args("app_version", "1.2", "build", 7),
                "varFiles", List.of("common.pkrvars.hcl", "dev.pkrvars.hcl"), "only", List.of("amazon-ebs.app"),
                "except", List.of("docker.app"), "onError", "abort", "force", true, "workingDir", "infra",
                "packer", "/opt/packer", "rebake", true, "timeout", "90m", "region", "us-east-2"));
        assertEquals(List.of("packer-build", "--template", "packer/", "--var", "app_version=1.2", "--var", "build=7",
                "--var-file", "common.pkrvars.hcl", "--var-file", "dev.pkrvars.hcl", "--only", "amazon-ebs.app",
                "--except", "docker.app", "--on-error", "abort", "--force", "--working-dir", "infra",
                "--packer", "/opt/packer", "--rebake", "--timeout", "90m", "--region", "us-east-2",
                "--output", "json"), library.cli().onlyCall());
    }

    @Test
    public void call_sensitiveVars_reachTheCliButNeitherTheScriptNorTheLog() {
        library.call("packerBuild", args("template", "t.pkr.hcl", "sensitiveVars", args("db_password", SECRET)));
        assertEquals(List.of("packer-build", "--template", "t.pkr.hcl", "--sensitive-var", "db_password=" + SECRET,
                "--output", "json"), library.cli().onlyCall());
        StepCall sh = library.harness().calls("sh").get(0);
        assertFalse(String.valueOf(sh.arg("script")).contains(SECRET));
        assertFalse(library.harness().log().contains(SECRET));
        assertEquals(List.of("BAKEHOUSE_SECRET_ARG_1=db_password=" + SECRET),
                library.harness().calls("withEnv").get(0).arg("overrides"));
        assertFalse("the secret stays inside withEnv", library.harness().env().contains("BAKEHOUSE_SECRET_ARG_1"));
    }

    @Test
    public void call_success_returnsTheArtifacts() {
        library.cli().respond("packer-build", "{\"amiId\":\"ami-1\",\"amis\":{\"us-east-1\":\"ami-1\"},"
                + "\"artifacts\":[{\"buildName\":\"app\",\"builderType\":\"amazon-ebs\",\"id\":\"us-east-1:ami-1\"}],"
                + "\"manifest\":null,\"bakeKey\":\"k\",\"reused\":false}");
        Map<?, ?> result = (Map<?, ?>) library.call("packerBuild", args("template", "packer/"));
        assertEquals("ami-1", result.get("amiId"));
        assertEquals(Map.of("us-east-1", "ami-1"), result.get("amis"));
        assertEquals(List.of(Map.of("buildName", "app", "builderType", "amazon-ebs", "id", "us-east-1:ami-1")),
                result.get("artifacts"));
        assertTrue(result.containsKey("manifest"));
        assertEquals(null, result.get("manifest"));
    }

    @Test
    public void call_missingTemplate_fails() {
        assertTrue(library.failure("packerBuild", args("vars", args("a", "b")))
                .startsWith("packerBuild: missing required parameter 'template'"));
    }

    @Test
    public void call_sensitiveVarsOfWrongType_failsWithoutShowingTheValue() {
        String message = library.failure("packerBuild", args("template", "t", "sensitiveVars", SECRET));
        assertTrue(message, message.contains("'sensitiveVars' must be a map"));
        assertFalse(message.contains(SECRET));
    }
}
