package io.bakehouse.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.bakehouse.engine.aws.AwsSettings;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The execution of a quick step (seconds of AWS calls, nothing to wait on): runs its task
 * on the agent off the CPS thread. A controller restart in the middle fails the step clearly,
 * which is right for work that is cheap and safe to run again, and for work that cannot be
 * picked up again from AWS (a Packer process dies with its agent connection).
 */
public final class AgentStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final String functionName;
    // Not saved with the build: after a restart the step fails (onResume) and never needs them.
    private final transient AwsOptions options;
    private final transient Binder task;

    /**
     * Makes a step's task when the step runs, on the controller: where credentials the step names are read, so
     * that their values exist only in the task sent to the agent, never in the step's saved arguments.
     */
    @FunctionalInterface
    public interface Binder {
        AgentTask<?> bind(Run<?, ?> run) throws IOException, InterruptedException;
    }

    public AgentStepExecution(StepContext context, String functionName, AwsOptions options, AgentTask<?> task) {
        this(context, functionName, options, run -> task);
    }

    public AgentStepExecution(StepContext context, String functionName, AwsOptions options, Binder task) {
        super(context);
        this.functionName = functionName;
        this.options = options;
        this.task = task;
    }

    /** Says which step could not resume and what to do, instead of the generic message. */
    @Override
    public void onResume() {
        getContext().onFailure(new AbortException(functionName + ": the controller restarted while this step was"
                + " running, and it cannot resume; run the build again (or wrap the step in retry)"));
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        AwsSettings settings = AgentCall.settings(getContext(), functionName, options);
        return AgentCall.run(getContext(), functionName, settings, task.bind(getContext().get(Run.class)));
    }
}
