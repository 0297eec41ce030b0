package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.bakehouse.harness.LibraryUnderTest;
import io.bakehouse.harness.PipelineFailure;
import io.bakehouse.harness.PipelineHarness;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The vars end to end: their {@code sh} runs through bash, the real launcher
 * {@code bin/bakehouse} runs the CLI built in this reactor ({@code cli/target/bakehouse.jar}),
 * and the CLI talks to a moto server on loopback with keys bound from a Jenkins credential.
 * Each step that the CLI implements gets its test here through {@link #step}.
 */
public class LibraryEndToEndTest {

    private static final String PARAMETER = "/DeploymentConfig/dev/App/AmiId";

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        Path root = PipelineHarness.repositoryRoot();
        Path jar = root.resolve("cli/target/bakehouse.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: build the reactor (mvn -B verify), which packages the CLI first");
        }
        library.harness().env().put("BAKEHOUSE_CLI", root.resolve("bin/bakehouse").toString());
        library.harness().env().put("BAKEHOUSE_JAR", jar.toString());
        // The CLI reads no AWS files of the machine and never asks an instance metadata service.
        Path none = library.newFolder("no-aws-files").resolve("none");
        library.harness().env().put("AWS_CONFIG_FILE", none.toString());
        library.harness().env().put("AWS_SHARED_CREDENTIALS_FILE", none.toString());
        library.harness().env().put("AWS_EC2_METADATA_DISABLED", "true");
        library.harness().addUsernamePassword("moto", MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY);
    }

    @Test
    public void publishAmiParam_newParameter_writesItAndReturnsTheCliResult() {
        String ami = AwsFixtures.createAmi(MOTO.clients(), "app-1");
        Map<?, ?> result = step("publishAmiParam", args("name", PARAMETER, "amiId", ami, "labels", List.of("build-42")));
        assertEquals(PARAMETER, result.get("name"));
        assertEquals(MotoServer.REGION, result.get("region"));
        assertEquals(ami, result.get("amiId"));
        assertEquals(1, result.get("version"));
        assertEquals(true, result.get("changed"));
        assertEquals(null, result.get("previousValue"));
        assertEquals(ami, MOTO.clients().ssm().getParameter(r -> r.name(PARAMETER)).parameter().value());
    }

    @Test
    public void publishAmiParam_sameValueAgain_changesNothing() {
        String ami = AwsFixtures.createAmi(MOTO.clients(), "app-1");
        step("publishAmiParam", args("name", PARAMETER, "amiId", ami));
        Map<?, ?> again = step("publishAmiParam", args("name", PARAMETER, "amiId", ami));
        assertEquals(false, again.get("changed"));
        assertEquals(1, again.get("version"));
    }

    @Test
    public void publishAmiParam_missingAmi_failsTheStepAndWritesNothing() {
        String message = failure("publishAmiParam", args("name", PARAMETER, "amiId", "ami-0123456789abcdef0"));
        assertEquals("publishAmiParam: failed (bakehouse exit code 1): the reason is in the messages above", message);
        assertTrue(library.harness().log(), library.harness().log().contains("ami-0123456789abcdef0"));
        try {
            MOTO.clients().ssm().getParameter(r -> r.name(PARAMETER));
            fail("the parameter was written");
        } catch (ParameterNotFoundException expected) {
            // nothing half-done
        }
    }

    @Test
    public void publishAmiParam_valueTheCliRejects_failsAsUsageError() {
        String message = failure("publishAmiParam", args("name", PARAMETER, "amiId", "ami-1", "tier", "Bogus"));
        assertTrue(message, message.startsWith("publishAmiParam: the bakehouse CLI rejected the arguments (exit code 2"));
    }

    /** Runs the var {@code name} against moto: its endpoint, its region, keys from a credential. */
    private Map<?, ?> step(String name, Map<String, Object> args) {
        Map<?, ?> result = (Map<?, ?>) library.call(name, withConnection(args));
        assertFalse(library.harness().log().contains(MotoServer.SECRET_KEY));
        return result;
    }

    private String failure(String name, Map<String, Object> args) {
        try {
            step(name, args);
            throw new AssertionError(name + " did not fail");
        } catch (PipelineFailure expected) {
            assertFalse(library.harness().log().contains(MotoServer.SECRET_KEY));
            return expected.getMessage();
        }
    }

    private static Map<String, Object> withConnection(Map<String, Object> args) {
        args.put("region", MotoServer.REGION);
        args.put("endpointUrl", MOTO.endpoint());
        args.put("credentialsId", "moto");
        return args;
    }
}
