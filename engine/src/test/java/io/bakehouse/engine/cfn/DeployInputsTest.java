package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DeployInputsTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private String file(String name, String text) throws IOException {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    public void read_filesAndCommandLine_commandLineWinsAndOverridesKeep() throws IOException {
        String params = file("p.json", "[{\"ParameterKey\": \"A\", \"ParameterValue\": \"file\"},"
                + " {\"ParameterKey\": \"B\", \"UsePreviousValue\": true}, {\"ParameterKey\": \"C\", \"UsePreviousValue\": true}]");
        String tags = file("t.yaml", "team: file\nenv: file\n");
        String template = file("app.yaml", "Resources: {Q: {Type: 'AWS::SQS::Queue'}}\n");

        DeployInputs in = DeployInputs.read(CfnDeployRequest.builder("app").template(template).paramsFile(params)
                .params(Map.of("A", "cli", "C", "cli")).tagsFile(tags).tags(Map.of("env", "cli")).build());

        assertEquals(Map.of("A", "cli", "C", "cli"), in.given());
        assertEquals(Set.of("B"), in.keep());
        assertEquals(Map.of("team", "file", "env", "cli"), in.tags());
        assertNull(in.policy());
        assertEquals(List.of(), in.local().summary().parameters());
    }

    @Test
    public void read_localTemplateNeedingACapabilityNotGiven_isRefusedNamingIt() throws IOException {
        String template = file("iam.yaml", "Resources:\n  Runner:\n    Type: AWS::IAM::Role\n"
                + "    Properties: {RoleName: runner}\n");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DeployInputs.read(
                CfnDeployRequest.builder("app").template(template).capabilities(List.of("CAPABILITY_IAM")).build()));

        assertEquals("capabilities", e.field());
        assertEquals("the template needs CAPABILITY_NAMED_IAM (IAM resources with custom names: Runner); nothing was"
                + " changed", e.getMessage());
        assertEquals(Map.of("CAPABILITY_NAMED_IAM", "IAM resources with custom names: Runner"),
                DeployInputs.read(CfnDeployRequest.builder("app").template(template)
                        .capabilities(List.of("CAPABILITY_NAMED_IAM")).build()).local().summary().capabilities());
    }

    @Test
    public void read_unreadableStackPolicy_isAUsageError() {
        assertEquals("stackPolicy", assertThrows(InvalidInputException.class, () -> DeployInputs.read(
                CfnDeployRequest.builder("app").template("s3://b/k").stackPolicy("/no/such/policy.json").build())).field());
    }
}
