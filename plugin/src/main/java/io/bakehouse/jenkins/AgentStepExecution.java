package io.bakehouse.jenkins;

import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The execution of a quick step (seconds of AWS calls, nothing to wait on): runs its task
 * on the agent off the CPS thread. A controller restart in the middle fails the step, which
 * is right for work that is cheap and safe to run again.
 */
public final class AgentStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final String functionName;
    private final AwsOptions options;
    private final AgentTask<?> task;

    public AgentStepExecution(StepContext context, String functionName, AwsOptions options, AgentTask<?> task) {
        super(context);
        this.functionName = functionName;
        this.options = options;
        this.task = task;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        return AgentCall.run(getContext(), functionName, AgentCall.settings(getContext(), functionName, options), task);
    }
}
