package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.LibraryUnderTest;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

public class EcsDeployRunnerVarTest {

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void call_everyParameter_rendersOptionsThenContainerScriptAndArgsAfterDoubleDash() {
        library.call("ecsDeployRunner", args("container", "terraform", "script", "apply.sh",
                "args", List.of("-var", "env=dev", "--force"), "invoker", "bakehouse-invoker",
                "taskCpu", 1024, "taskMemory", 2048, "maxWaitTime", "3h", "roleArn", "arn:aws:iam::1:role/r"));
        assertEquals(List.of("ecs-run", "--invoker", "bakehouse-invoker", "--task-cpu", "1024", "--task-memory", "2048",
                "--max-wait-time", "3h", "--role-arn", "arn:aws:iam::1:role/r", "--output", "json",
                "--", "terraform", "apply.sh", "-var", "env=dev", "--force"), library.cli().onlyCall());
    }

    @Test
    public void call_argsThatLookLikeOptions_stayArgumentsOfTheScript() {
        library.call("ecsDeployRunner", args("container", "c", "script", "s.sh", "config", "runner.yaml",
                "args", List.of("--output", "text", "--region")));
        assertEquals(List.of("ecs-run", "--config", "runner.yaml", "--output", "json", "--", "c", "s.sh",
                "--output", "text", "--region"), library.cli().onlyCall());
    }

    @Test
    public void call_success_returnsExitCodeTaskAndLogStream() {
        library.cli().respond("ecs-run", "{\"exitCode\":0,\"taskArn\":\"arn:task\",\"logGroup\":\"/runner\","
                + "\"logStream\":\"c/abc\",\"stopCode\":\"EssentialContainerExited\",\"stoppedReason\":\"done\"}");
        Map<?, ?> result = (Map<?, ?>) library.call("ecsDeployRunner",
                args("container", "c", "script", "s.sh", "invoker", "fn"));
        assertEquals(0, result.get("exitCode"));
        assertEquals("arn:task", result.get("taskArn"));
        assertEquals("c/abc", result.get("logStream"));
    }

    @Test
    public void call_returnStatus_passesTheFlag() {
        library.call("ecsDeployRunner", args("container", "c", "script", "s.sh", "invoker", "fn", "returnStatus", true));
        assertEquals(List.of("ecs-run", "--invoker", "fn", "--return-status", "--output", "json", "--", "c", "s.sh"),
                library.cli().onlyCall());
    }

    @Test
    public void call_returnStatusFalse_leavesTheFlagOut() {
        library.call("ecsDeployRunner", args("container", "c", "script", "s.sh", "invoker", "fn", "returnStatus", false));
        assertEquals(List.of("ecs-run", "--invoker", "fn", "--output", "json", "--", "c", "s.sh"), library.cli().onlyCall());
    }

    @Test
    public void call_returnStatusNotABoolean_fails() {
        assertTrue(library.failure("ecsDeployRunner", args("container", "c", "script", "s", "invoker", "fn",
                "returnStatus", "yes")).contains("'returnStatus' must be a boolean"));
    }

    @Test
    public void call_bothInvokerAndConfig_isTheEnginesToRefuse() {
        // "invoker or config" is the engine's rule: the CLI refuses (exit 125, nothing started) and says why
        library.cli().exitWith("ecs-run", 125);
        String message = library.cliFailure("ecsDeployRunner",
                args("container", "c", "script", "s", "invoker", "fn", "config", "r.yaml"));
        assertTrue(message, message.startsWith("ecsDeployRunner: the request was refused (ecs-run exit code 125"));
        List<String> call = library.cli().calls().get(0);
        assertTrue(call.toString(), call.contains("--invoker") && call.contains("--config"));
    }

    @Test
    public void call_missingContainerAndScript_failsNamingBoth() {
        String message = library.failure("ecsDeployRunner", args("invoker", "fn"));
        assertTrue(message, message.contains("missing required parameter 'container'")
                && message.contains("missing required parameter 'script'"));
    }

    @Test
    public void call_argsNotAList_fails() {
        assertTrue(library.failure("ecsDeployRunner", args("container", "c", "script", "s", "invoker", "fn", "args", "a b"))
                .contains("'args' must be a list"));
    }
}
