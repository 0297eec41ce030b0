package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.bakehouse.harness.LibraryUnderTest;
import io.bakehouse.harness.PipelineFailure;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/** What the CLI's exit status and output mean to the step. */
public class CliOutcomeTest {

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void of_exit1_failsTheStepPointingAtTheCliMessage() {
        library.cli().exitWith("publish-ami-param", 1);
        assertEquals("publishAmiParam: failed (bakehouse exit code 1): the reason is in the messages above", failure());
    }

    @Test
    public void of_exit2_failsAsUsageErrorWhereNothingWasDone() {
        library.cli().exitWith("publish-ami-param", 2);
        assertEquals("publishAmiParam: the bakehouse CLI rejected the arguments (exit code 2, usage error; nothing"
                + " was done): see the message above", failure());
    }

    @Test
    public void of_ecsRunContainerExitedNonZero_failsNamingTheContainerExitNotAUsageError() {
        library.cli().respond("ecs-run", "{\"exitCode\":2,\"taskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/runner/abc\","
                + "\"logGroup\":\"/g\",\"logStream\":\"s\",\"stopCode\":\"EssentialContainerExited\",\"stoppedReason\":\"x\"}");
        library.cli().exitWith("ecs-run", 2);
        try {
            library.call("ecsDeployRunner", args("container", "c", "script", "s", "invoker", "f"));
            fail("the step did not fail");
        } catch (PipelineFailure e) {
            assertEquals("ecsDeployRunner: the task's container exited with code 2"
                    + " (task arn:aws:ecs:us-east-1:123456789012:task/runner/abc); its log is above"
                    + " (returnStatus: true returns the code instead of failing)", e.getMessage());
        }
    }

    @Test
    public void of_ecsRunContainerItselfExited127_isTheContainersCodeNotAMissingCli() {
        library.cli().respond("ecs-run", "{\"exitCode\":127,\"taskArn\":\"arn:task/x\"}");
        library.cli().exitWith("ecs-run", 127);
        assertEquals("ecsDeployRunner: the task's container exited with code 127 (task arn:task/x); its log is above"
                + " (returnStatus: true returns the code instead of failing)", ecsRunFailure());
    }

    @Test
    public void of_ecsRunContainerCodeOutsideTheProcessRange_namesTheResultsCode() {
        library.cli().respond("ecs-run", "{\"exitCode\":3221225786,\"taskArn\":\"arn:task/x\"}");
        library.cli().exitWith("ecs-run", 1);
        assertTrue(ecsRunFailure().startsWith("ecsDeployRunner: the task's container exited with code 3221225786 "));
    }

    @Test
    public void of_ecsRunOwnCodesWithoutAResult_sayWhatEcsRunMeans() {
        library.cli().respond("ecs-run", "");
        library.cli().exitWith("ecs-run", 125);
        assertTrue(ecsRunFailure().startsWith("ecsDeployRunner: the request was refused (ecs-run exit code 125"));
        library.cli().exitWith("ecs-run", 126);
        assertTrue(ecsRunFailure().startsWith("ecsDeployRunner: the task did not run (ecs-run exit code 126"));
        library.cli().exitWith("ecs-run", 127);
        assertTrue(ecsRunFailure().startsWith("ecsDeployRunner: the task did not finish (ecs-run exit code 127"));
        library.cli().exitWith("ecs-run", 130);
        assertEquals("ecsDeployRunner: was interrupted (ecs-run exit code 130); the task was stopped", ecsRunFailure());
    }

    @Test
    public void of_ecsRunReturnStatus_nonZeroContainerCodeComesBackInTheResult() {
        library.cli().respond("ecs-run", "{\"exitCode\":2,\"taskArn\":\"arn:task/x\"}");
        Map<?, ?> result = (Map<?, ?>) library.call("ecsDeployRunner",
                args("container", "c", "script", "s", "invoker", "f", "returnStatus", true));
        assertEquals(2, result.get("exitCode"));
        assertTrue(library.cli().onlyCall().contains("--return-status"));
    }

    private String ecsRunFailure() {
        try {
            Object result = library.call("ecsDeployRunner", args("container", "c", "script", "s", "invoker", "f"));
            fail("expected a failure, got " + result);
            return null;
        } catch (PipelineFailure expected) {
            return expected.getMessage();
        }
    }

    @Test
    public void of_exit130_failsAsInterrupted() {
        library.cli().exitWith("publish-ami-param", 130);
        assertEquals("publishAmiParam: was interrupted (bakehouse exit code 130); the work it started was stopped", failure());
    }

    @Test
    public void of_cliMissing_failsSayingWhereTheCliIsLookedFor() {
        library.harness().env().put("BAKEHOUSE_CLI", library.harness().workspace().resolve("no-such-cli").toString());
        assertEquals("publishAmiParam: cannot find the bakehouse CLI: bake it into the agent image"
                + " (on PATH) or set BAKEHOUSE_CLI to its path", failure());
    }

    @Test
    public void of_cliNotExecutable_failsSayingSo() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createFile(library.harness().workspace().resolve("plain-file"));
        library.harness().env().put("BAKEHOUSE_CLI", file.toString());
        assertEquals("publishAmiParam: the bakehouse CLI is not executable: check BAKEHOUSE_CLI or"
                + " the agent image", failure());
    }

    @Test
    public void of_cliMissing_forEcsRunToo_isNotReadAsEcsRunsOwn127() {
        library.harness().env().put("BAKEHOUSE_CLI", library.harness().workspace().resolve("no-such-cli").toString());
        assertTrue(ecsRunFailure().startsWith("ecsDeployRunner: cannot find the bakehouse CLI: "));
    }

    @Test
    public void of_exit0WithoutJson_failsInsteadOfReturningNothing() {
        library.cli().respond("publish-ami-param", "published\n");
        String message = failure();
        assertTrue(message, message.startsWith("publishAmiParam: the bakehouse CLI printed something other than a JSON result: "));
        assertFalse(message, message.contains("\n"));
    }

    @Test
    public void of_exit0WithEmptyOutput_failsSayingTheCliPrintedNoResult() {
        library.cli().respond("publish-ami-param", "");
        assertEquals("publishAmiParam: the bakehouse CLI printed no result (is it older than this library?)", failure());
    }

    @Test
    public void of_jsonArrayInsteadOfObject_fails() {
        library.cli().respond("publish-ami-param", "[1,2]");
        assertEquals("publishAmiParam: the bakehouse CLI's result is not a JSON object", failure());
    }

    @Test
    public void of_resultContainingTheStatusMarkerText_isParsedUpToTheRealStatus() {
        library.cli().respond("publish-ami-param", "{\"description\":\"bakehouse-exit-code=7\"}");
        assertEquals(java.util.Map.of("description", "bakehouse-exit-code=7"),
                library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1")));
    }

    private String failure() {
        try {
            Object result = library.call("publishAmiParam", args("name", "/a", "amiId", "ami-1"));
            fail("expected a failure, got " + result);
            return null;
        } catch (PipelineFailure expected) {
            return expected.getMessage();
        }
    }
}
