package io.bakehouse.jenkins.runner;

import hudson.EnvVars;
import hudson.Extension;
import io.bakehouse.engine.Durations;
import io.bakehouse.engine.runner.TaskStarters;
import io.bakehouse.jenkins.AwsStep;
import io.bakehouse.jenkins.AwsStepDescriptor;
import io.bakehouse.jenkins.BakehouseGlobalConfiguration;
import io.bakehouse.jenkins.StepErrors;
import io.bakehouse.jenkins.Texts;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code ecsDeployRunner}: runs a script of a deploy-runner container as an ECS task and follows
 * it to the end, its output in the build log. Parameters and result as in docs/steps.md; the
 * result is the map {@code bakehouse ecs-run --output json} prints. A non-zero container exit
 * fails the step unless {@code returnStatus} is set, which returns the same map (as
 * {@code ecs-run --return-status} does). The wait survives a controller restart; an abort
 * stops the task.
 */
public final class EcsDeployRunnerStep extends AwsStep {

    public static final String FUNCTION_NAME = "ecsDeployRunner";
    static final Duration DEFAULT_MAX_WAIT = Duration.ofHours(2);

    private final String container;
    private final String script;
    private List<String> args;
    private String invoker;
    private String config;
    private Integer taskCpu;
    private Integer taskMemory;
    private String maxWaitTime;
    private boolean returnStatus;

    @DataBoundConstructor
    public EcsDeployRunnerStep(String container, String script) {
        this.container = Texts.blankToNull(container);
        this.script = Texts.blankToNull(script);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        String defaultInvoker = BakehouseGlobalConfiguration.defaults().invokerFunction();
        String buildTag = context.get(EnvVars.class).get("BUILD_TAG");
        EcsRunLaunchTask launch = StepErrors.checked(FUNCTION_NAME, () -> toLaunch(defaultInvoker, buildTag));
        return new EcsRunExecution(context, awsOptions(), launch, returnStatus);
    }

    /**
     * The agent task that starts the run; validates every parameter, naming the one at fault.
     *
     * @param defaultInvoker the administrator's invoker function, used when neither invoker nor config is given
     * @param requestedBy    who asks (the build tag), tagged on the task
     */
    public EcsRunLaunchTask toLaunch(String defaultInvoker, String requestedBy) {
        TaskStarters.Choice gatekeeper = TaskStarters.choose(invoker, config, defaultInvoker);
        Duration wait = Durations.parse("maxWaitTime", maxWaitTime, DEFAULT_MAX_WAIT);
        EcsRunLaunchTask launch = new EcsRunLaunchTask(container, script, args, taskCpu, taskMemory,
                Texts.blankToNull(requestedBy) == null ? "jenkins" : requestedBy, gatekeeper.invoker(),
                gatekeeper.config(), wait);
        launch.request();
        return launch;
    }

    public String getContainer() {
        return container;
    }

    public String getScript() {
        return script;
    }

    public List<String> getArgs() {
        return args;
    }

    @DataBoundSetter
    public void setArgs(List<String> args) {
        this.args = Texts.listCopy(args);
    }

    public String getInvoker() {
        return invoker;
    }

    @DataBoundSetter
    public void setInvoker(String invoker) {
        this.invoker = Texts.blankToNull(invoker);
    }

    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Texts.blankToNull(config);
    }

    public Integer getTaskCpu() {
        return taskCpu;
    }

    @DataBoundSetter
    public void setTaskCpu(Integer taskCpu) {
        this.taskCpu = taskCpu;
    }

    public Integer getTaskMemory() {
        return taskMemory;
    }

    @DataBoundSetter
    public void setTaskMemory(Integer taskMemory) {
        this.taskMemory = taskMemory;
    }

    public String getMaxWaitTime() {
        return maxWaitTime;
    }

    @DataBoundSetter
    public void setMaxWaitTime(String maxWaitTime) {
        this.maxWaitTime = Texts.blankToNull(maxWaitTime);
    }

    public boolean isReturnStatus() {
        return returnStatus;
    }

    /** Return the result whatever the container's exit code (in {@code exitCode}) instead of failing on a non-zero one. */
    @DataBoundSetter
    public void setReturnStatus(boolean returnStatus) {
        this.returnStatus = returnStatus;
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Run a deploy-runner script as an ECS task";
        }
    }
}
