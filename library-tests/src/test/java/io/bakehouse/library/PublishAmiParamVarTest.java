package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.LibraryUnderTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

public class PublishAmiParamVarTest {

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void call_everyParameter_rendersEachAsItsCliOption() {
        library.call("publishAmiParam", args(
                "name", "/DeploymentConfig/dev/App/AmiId", "amiId", "ami-1", "description", "app image",
                "tags", args("team", "web", "cost", "42"), "tier", "Advanced", "dataType", "text",
                "labels", List.of("build-7", "abc123"), "noOverwrite", true, "skipImageCheck", true, "force", true,
                "region", "eu-west-1", "profile", "ops", "roleArn", "arn:aws:iam::1:role/deploy",
                "externalId", "ext", "roleSessionName", "jenkins-7", "endpointUrl", "http://127.0.0.1:1"));
        assertEquals(List.of("publish-ami-param", "--name", "/DeploymentConfig/dev/App/AmiId", "--ami-id", "ami-1",
                "--description", "app image", "--tag", "team=web", "--tag", "cost=42", "--tier", "Advanced",
                "--data-type", "text", "--label", "build-7", "--label", "abc123", "--no-overwrite",
                "--skip-image-check", "--force", "--region", "eu-west-1", "--profile", "ops",
                "--role-arn", "arn:aws:iam::1:role/deploy", "--external-id", "ext", "--role-session-name", "jenkins-7",
                "--endpoint-url", "http://127.0.0.1:1", "--output", "json"), library.cli().onlyCall());
    }

    @Test
    public void call_amis_rendersOneRegionToAmiListArgument() {
        library.call("publishAmiParam", args("name", "/a", "amis", args("us-east-1", "ami-1", "eu-west-1", "ami-2")));
        assertEquals(List.of("publish-ami-param", "--name", "/a", "--amis", "us-east-1=ami-1,eu-west-1=ami-2",
                "--output", "json"), library.cli().onlyCall());
    }

    @Test
    public void call_falseFlagsAndNullValues_renderNothing() {
        library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1", "force", false, "noOverwrite", false,
                "roleArn", null, "labels", null));
        assertEquals(List.of("publish-ami-param", "--name", "/a", "--ami-id", "ami-1", "--output", "json"),
                library.cli().onlyCall());
    }

    @Test
    public void call_success_returnsTheCliJsonAsPlainSerialisableMap() throws IOException {
        library.cli().respond("publish-ami-param", "{\"name\":\"/a\",\"region\":\"us-east-1\",\"amiId\":\"ami-1\","
                + "\"version\":4,\"previousValue\":\"ami-0\",\"previousVersion\":3,\"changed\":true,"
                + "\"labels\":[\"b-1\"],\"regions\":[{\"region\":\"us-east-1\",\"version\":4}]}\n");
        Object result = library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1"));
        assertEquals(Map.of("name", "/a", "region", "us-east-1", "amiId", "ami-1", "version", 4,
                "previousValue", "ami-0", "previousVersion", 3, "changed", true, "labels", List.of("b-1"),
                "regions", List.of(Map.of("region", "us-east-1", "version", 4))), result);
        // A pipeline keeps a step's result across restarts: it must serialise.
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(result);
        }
    }

    @Test
    public void call_bothAmiIdAndAmis_isTheEnginesToRefuse() {
        // "amiId or amis" is the engine's rule: the CLI says it (exit 2, nothing done) and the step fails on that
        library.cli().exitWith("publish-ami-param", 2);
        String message = library.cliFailure("publishAmiParam",
                args("name", "/a", "amiId", "ami-1", "amis", args("us-east-1", "ami-1")));
        assertEquals("publishAmiParam: the bakehouse CLI rejected the arguments (exit code 2, usage error; nothing"
                + " was done): see the message above", message);
        List<String> call = library.cli().calls().get(0);
        assertTrue(call.toString(), call.contains("--ami-id") && call.contains("--amis"));
    }

    @Test
    public void call_missingName_fails() {
        assertTrue(library.failure("publishAmiParam", args("amiId", "ami-1"))
                .startsWith("publishAmiParam: missing required parameter 'name'"));
    }

    @Test
    public void call_amisRegionWithComma_failsBecauseItWouldSplitTheList() {
        assertTrue(library.failure("publishAmiParam", args("name", "/a", "amis", args("us-east-1", "ami-1,ami-2")))
                .contains("'amis' value for 'us-east-1' must not contain ','"));
    }
}
