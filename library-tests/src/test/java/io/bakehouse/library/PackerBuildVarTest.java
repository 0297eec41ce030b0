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
    public void call_sensitiveVars_nameCredentialsBoundAroundTheCli_onlyVariableNamesInItsArguments() {
        library.harness().addString("db-password", SECRET).addString("api-token", "t0ken-value-xyz");
        library.call("packerBuild", args("template", "t.pkr.hcl",
                "sensitiveVars", args("db_password", "db-password", "api_token", "api-token")));

        List<String> argv = library.cli().onlyCall();
        assertEquals(List.of("packer-build", "--template", "t.pkr.hcl",
                "--sensitive-var-env", "db_password=BAKEHOUSE_SENSITIVE_1",
                "--sensitive-var-env", "api_token=BAKEHOUSE_SENSITIVE_2", "--output", "json"), argv);
        assertFalse(argv.toString(), String.join("\0", argv).contains(SECRET));
        assertFalse(argv.toString(), String.join("\0", argv).contains("t0ken-value-xyz"));
        // the CLI found the values in its environment, under the names its arguments give
        Map<String, String> env = library.cli().environment(1);
        assertEquals(SECRET, env.get("BAKEHOUSE_SENSITIVE_1"));
        assertEquals("t0ken-value-xyz", env.get("BAKEHOUSE_SENSITIVE_2"));
        assertEquals(List.of(Map.of("$class", "StringBinding", "credentialsId", "db-password",
                        "variable", "BAKEHOUSE_SENSITIVE_1"),
                Map.of("$class", "StringBinding", "credentialsId", "api-token", "variable", "BAKEHOUSE_SENSITIVE_2")),
                library.harness().calls("withCredentials").get(0).arg("bindings"));
        StepCall sh = library.harness().calls("sh").get(0);
        assertFalse(String.valueOf(sh.arg("script")).contains(SECRET));
        assertFalse(library.harness().log().contains(SECRET));
        assertFalse("the secret stays inside withCredentials", library.harness().env().contains("BAKEHOUSE_SENSITIVE_1"));
        assertTrue(library.harness().calls("withEnv").isEmpty());
    }

    @Test
    public void call_sensitiveVarsWithAwsCredential_oneWithCredentialsBindsBoth() {
        library.harness().addString("db-password", SECRET).addUsernamePassword("aws", "AKIAEXAMPLE", "aws-secret-key");
        library.call("packerBuild", args("template", "t.pkr.hcl", "sensitiveVars", args("db_password", "db-password"),
                "credentialsId", "aws"));

        List<?> bindings = (List<?>) library.harness().calls("withCredentials").get(0).arg("bindings");
        assertEquals(2, bindings.size());
        Map<String, String> env = library.cli().environment(1);
        assertEquals("aws-secret-key", env.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals(SECRET, env.get("BAKEHOUSE_SENSITIVE_1"));
    }

    @Test
    public void call_sensitiveVarsCredentialMissing_failsBeforeTheCliRuns() {
        String message = library.failure("packerBuild", args("template", "t", "sensitiveVars", args("db_password", "nope")));

        assertTrue(message, message.contains("Could not find credentials entry with ID 'nope'"));
        assertTrue(library.cli().calls().isEmpty());
    }

    @Test
    public void call_sensitiveVarsValueNotACredentialId_failsWithoutShowingIt() {
        String message = library.failure("packerBuild", args("template", "t", "sensitiveVars", args("n", 12345678)));

        assertTrue(message, message.contains("'sensitiveVars' value for 'n' must be the ID of a Secret text credential,"
                + " got a number"));
        assertFalse(message, message.contains("12345678"));
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
