package io.bakehouse.jenkins.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;
import io.bakehouse.jenkins.ContractParameters;
import io.bakehouse.jenkins.StepErrors;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/** Step parameters → the launch task and engine request, and the words for bad input (docs/steps.md, ecsDeployRunner). */
public class EcsDeployRunnerStepTest {

    private static EcsDeployRunnerStep step() {
        EcsDeployRunnerStep step = new EcsDeployRunnerStep("terraform-planner", "plan");
        step.setInvoker("bakehouse-invoker");
        return step;
    }

    private static String failure(EcsDeployRunnerStep step, String defaultInvoker) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> step.toLaunch(defaultInvoker, "b"));
        return StepErrors.describe(EcsDeployRunnerStep.FUNCTION_NAME, e, new Secrets());
    }

    @Test
    public void toLaunch_onlyRequiredParameters_waitsTwoHoursWithTheConfigurationsSizes() {
        EcsRunLaunchTask launch = step().toLaunch(null, "jenkins-app-42");
        assertEquals(new EcsRunLaunchTask("terraform-planner", "plan", List.of(), null, null, "jenkins-app-42",
                "bakehouse-invoker", null, Duration.ofHours(2)), launch);
    }

    @Test
    public void toLaunch_everyParameter_mapsToTheLaunchAndTheRequest() {
        EcsDeployRunnerStep step = new EcsDeployRunnerStep("terraform-planner", "plan");
        step.setArgs(List.of("--repo", "https://git.example.com/infra.git", "--ref", "main"));
        step.setConfig("runner/standard-config.yaml");
        step.setTaskCpu(1024);
        step.setTaskMemory(2048);
        step.setMaxWaitTime("45m");
        EcsRunLaunchTask launch = step.toLaunch("ignored-when-config-given", "jenkins-app-42");
        assertNull(launch.invoker());
        assertEquals("runner/standard-config.yaml", launch.config());
        assertEquals(Duration.ofMinutes(45), launch.maxWaitTime());
        assertEquals("terraform-planner", launch.request().container());
        assertEquals("plan", launch.request().script());
        assertEquals(List.of("--repo", "https://git.example.com/infra.git", "--ref", "main"), launch.request().args());
        assertEquals(Integer.valueOf(1024), launch.request().cpu());
        assertEquals(Integer.valueOf(2048), launch.request().memory());
        assertEquals("jenkins-app-42", launch.request().requestedBy());
    }

    @Test
    public void toLaunch_noInvokerNorConfig_usesTheGlobalInvokerFunction() {
        EcsDeployRunnerStep step = new EcsDeployRunnerStep("terraform-planner", "plan");
        assertEquals("global-invoker", step.toLaunch("global-invoker", "b").invoker());
    }

    @Test
    public void toLaunch_stepInvoker_winsOverTheGlobalOne() {
        assertEquals("bakehouse-invoker", step().toLaunch("global-invoker", "b").invoker());
    }

    @Test
    public void toLaunch_noBuildTag_isRequestedByJenkins() {
        assertEquals("jenkins", step().toLaunch(null, null).requestedBy());
    }

    @Test
    public void toLaunch_noInvokerAnywhere_saysWhereToSetOne() {
        assertEquals("ecsDeployRunner: invoker (or config) is required (name the deploy runner's invoker function, or a"
                + " runner configuration file (in Jenkins, an administrator can set a default invoker under Manage"
                + " Jenkins, System, Bakehouse))",
                failure(new EcsDeployRunnerStep("terraform-planner", "plan"), " "));
    }

    @Test
    public void toLaunch_invokerAndConfig_saysGiveOne() {
        EcsDeployRunnerStep step = step();
        step.setConfig("runner.yaml");
        assertEquals("invoker", assertThrows(InvalidInputException.class, () -> step.toLaunch(null, "b")).field());
        assertEquals("ecsDeployRunner: give invoker or config, not both (invoker asks the deploy runner's Lambda;"
                + " config runs the gatekeeper here, with the caller's rights)", failure(step, null));
    }

    @Test
    public void toLaunch_noContainer_namesContainer() {
        EcsDeployRunnerStep step = new EcsDeployRunnerStep(" ", "plan");
        step.setInvoker("f");
        assertEquals("container", assertThrows(InvalidInputException.class, () -> step.toLaunch(null, "b")).field());
    }

    @Test
    public void toLaunch_noScript_namesScript() {
        EcsDeployRunnerStep step = new EcsDeployRunnerStep("terraform-planner", null);
        step.setInvoker("f");
        assertEquals("script", assertThrows(InvalidInputException.class, () -> step.toLaunch(null, "b")).field());
    }

    @Test
    public void toLaunch_badMaxWaitTime_namesIt() {
        EcsDeployRunnerStep step = step();
        step.setMaxWaitTime("forever");
        assertEquals("maxWaitTime", assertThrows(InvalidInputException.class, () -> step.toLaunch(null, "b")).field());
    }

    @Test
    public void getters_returnWhatWasSet_forTheSnippetGenerator() {
        EcsDeployRunnerStep step = step();
        step.setArgs(List.of("dev"));
        step.setTaskCpu(512);
        step.setMaxWaitTime(" ");
        assertEquals("terraform-planner", step.getContainer());
        assertEquals("plan", step.getScript());
        assertEquals(List.of("dev"), step.getArgs());
        assertEquals("bakehouse-invoker", step.getInvoker());
        assertEquals(Integer.valueOf(512), step.getTaskCpu());
        assertNull(step.getTaskMemory());
        assertNull(step.getMaxWaitTime());
        assertNull(step.getConfig());
        assertFalse(step.isReturnStatus());
        step.setReturnStatus(true);
        assertTrue(step.isReturnStatus());
    }

    @Test
    public void parameters_areExactlyThoseOfTheStepContract() {
        assertEquals(ContractParameters.jenkins(EcsDeployRunnerStep.FUNCTION_NAME),
                ContractParameters.dataBound(EcsDeployRunnerStep.class));
    }
}
