package io.bakehouse.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Secrets;
import hudson.remoting.ChannelClosedException;
import hudson.remoting.RequestAbortedException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
            AwsCredentials.Identity credential = effective.credentialsId() == null ? null
                    : AwsCredentials.resolve(context.get(Run.class), effective.credentialsId());
            return effective.toSettings(credential);
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
        return result(workspace.act(callable(context, functionName, settings, task)));
    }

    /**
     * Sends {@code task} to the agent and returns at once: no controller thread waits for it.
     * The outcome arrives in the returned future, for {@link #result(Future)}; if the agent's
     * connection closes first, the future fails ({@link #agentGone(Throwable)}). Cancelling the
     * future with {@code mayInterruptIfRunning} interrupts the task on the agent.
     */
    public static Future<AgentOutcome> start(StepContext context, String functionName, AwsSettings settings,
                                             AgentTask<?> task) throws IOException, InterruptedException {
        FilePath workspace = workspace(context, functionName);
        return workspace.actAsync(callable(context, functionName, settings, task));
    }

    /**
     * The result of a call {@link #start started} before, once its future is done (this does
     * not wait); fails with the agent's words, or with what ended the call (the agent's
     * connection closing: {@link #agentGone(Throwable)}).
     */
    public static Map<String, Object> result(Future<AgentOutcome> done) throws Exception {
        if (!done.isDone()) {
            throw new IllegalStateException("the agent call is still running");
        }
        try {
            return result(done.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Exception failure) {
                throw failure;
            }
            throw (Error) cause;
        }
    }

    /** Whether {@code failure} says the agent's connection closed under the call. */
    public static boolean agentGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestAbortedException || t instanceof ChannelClosedException) {
                return true;
            }
        }
        return false;
    }

    private static EngineCallable callable(StepContext context, String functionName, AwsSettings settings,
                                           AgentTask<?> task) throws IOException, InterruptedException {
        TaskListener listener = context.get(TaskListener.class);
        EnvVars env = context.get(EnvVars.class);
        return new EngineCallable(functionName, settings, env == null ? Map.of() : env, task, listener);
    }

    private static Map<String, Object> result(AgentOutcome outcome) throws AbortException {
        if (!outcome.succeeded()) {
            throw new AbortException(outcome.failure());
        }
        return outcome.result();
    }
}
