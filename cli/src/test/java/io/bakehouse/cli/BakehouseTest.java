package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.Version;
import io.bakehouse.engine.aws.AwsEnvironment;
import java.util.Map;
import org.junit.Test;

public class BakehouseTest {

    @Test
    public void version_printsTheStampedVersion() {
        CliRun run = CliRun.run(Map.of(), "--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out(), run.out().startsWith("bakehouse " + Version.get() + "\n"));
        assertTrue(Version.get().matches("\\d+\\.\\d+\\.\\d+.*"));
    }

    @Test
    public void help_listsCommandsAndExitCodes() {
        CliRun run = CliRun.run(Map.of(), "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out(), run.out().contains("publish-ami-param"));
        assertTrue(run.out(), run.out().contains("2    usage error"));
    }

    @Test
    public void emptyEndpointUrl_isAUsageError_neverAwsItself() {
        for (String[] args : new String[][] {
                {"publish-ami-param", "--endpoint-url", "", "--region", "us-east-1", "--name", "/x", "--ami-id", "ami-12345678"},
                {"cfn-deploy", "--endpoint-url", " ", "--region", "us-east-1", "--stack", "s", "--template", "t.yaml"}}) {
            CliRun run = CliRun.run(Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s"), args);

            assertEquals(run.err(), 2, run.exitCode());
            assertTrue(run.err(), run.err().contains("error: --endpoint-url is empty"));
        }
    }

    @Test
    public void noCommand_isAUsageError() {
        CliRun run = CliRun.run(Map.of());

        assertEquals(2, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: a command is required"));
    }

    @Test
    public void unknownCommand_isAUsageError() {
        CliRun run = CliRun.run(Map.of(), "deploy-everything");

        assertEquals(2, run.exitCode());
        assertTrue(run.err(), run.err().startsWith("error: Unmatched argument"));
    }

    @Test
    public void endpointOption_readsTheStepsEndpointOption_elseTheEnvironments() {
        AwsEnvironment env = new AwsEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));
        String fromEnv = "http://127.0.0.1:4566";
        assertEquals("http://127.0.0.1:5000", env.endpointUrl(Bakehouse.endpointOption(
                new String[] {"publish-ami-param", "--name", "/x", "--endpoint-url", "http://127.0.0.1:5000"})));
        assertEquals("http://localhost:5000", env.endpointUrl(Bakehouse.endpointOption(
                new String[] {"cfn-deploy", "--endpoint-url=http://localhost:5000", "--stack", "s"})));
        assertEquals(fromEnv, env.endpointUrl(Bakehouse.endpointOption(new String[] {"cfn-deploy", "--stack", "s"})));
        assertEquals(fromEnv, env.endpointUrl(Bakehouse.endpointOption(
                new String[] {"ecs-run", "--", "job", "--endpoint-url", "x"})));
        assertEquals(fromEnv, env.endpointUrl(Bakehouse.endpointOption(new String[] {"cfn-deploy", "--endpoint-url"})));
        assertNull(new AwsEnvironment(Map.of()).endpointUrl(Bakehouse.endpointOption(new String[] {"cfn-deploy"})));
    }
}
