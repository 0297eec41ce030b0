package io.bakehouse.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.aws.StaticCredentials;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Secrets;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs an {@link AgentTask} for a step: resolves defaults and credentials on the controller,
 * sends the task to the workspace's agent, and turns the outcome into the step's result or
 * a failed step. Shared by quick steps and long-waiting ones.
 */
public final class AgentCall {

    private AgentCall() {
    }

    /** The engine settings for {@code options}, with the administrator's defaults and the build's credential. */
    public static AwsSettings settings(StepContext context, String functionName, AwsOptions options)
            throws IOException, InterruptedException {
        AwsOptions effective = options.withDefaults(BakehouseGlobalConfiguration.defaults());
        try {
            StaticCredentials keys = effective.credentialsId() == null ? null
                    : AwsCredentials.resolve(context.get(Run.class), effective.credentialsId());
            return effective.toSettings(keys);
        } catch (BakehouseException e) {
            throw new AbortException(StepErrors.describe(functionName, e, new Secrets()));
        }
    }

    /** The workspace the step runs in; a clear failure when its agent is gone (e.g. not back after a restart). */
    public static FilePath workspace(StepContext context, String functionName) throws IOException, InterruptedException {
        FilePath workspace = context.get(FilePath.class);
        if (workspace == null) {
            throw new AbortException(functionName + ": the workspace's agent is not connected; the work it started"
                    + " in AWS goes on, check it in the AWS console");
        }
        return workspace;
    }

    /** Runs {@code task} on the agent; returns its result map or fails the step with the agent's words. */
    public static Map<String, Object> run(StepContext context, String functionName, AwsSettings settings,
                                          AgentTask<?> task) throws IOException, InterruptedException {
        FilePath workspace = workspace(context, functionName);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars env = context.get(EnvVars.class);
        AgentOutcome outcome = workspace.act(new EngineCallable(functionName, settings, env, task, listener));
        if (!outcome.succeeded()) {
            throw new AbortException(outcome.failure());
        }
        return outcome.result();
    }
}
