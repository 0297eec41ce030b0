package io.bakehouse.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.bakehouse.engine.aws.AwsSettings;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The execution of a step that starts AWS work and then waits for it (minutes to hours).
 * The work is split in three agent tasks: {@link #launchTask()} starts it and returns a
 * {@link WaitHandle}, {@link #awaitTask(WaitHandle)} waits and returns the step's result,
 * {@link #cancelTask(WaitHandle)} stops it. The handle is a field of this execution, so it is
 * saved with the build; after a controller restart {@link #onResume()} waits again from AWS.
 * Credentials are never saved: they are resolved again after a restart.
 */
public abstract class WaitingStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "Bakehouse step");
        t.setDaemon(true);
        return t;
    });

    private final String functionName;
    private final AwsOptions options;
    private volatile WaitHandle handle;
    private transient volatile Future<?> work;
    private transient volatile boolean stopping;

    protected WaitingStepExecution(StepContext context, String functionName, AwsOptions options) {
        super(context);
        this.functionName = functionName;
        this.options = options;
    }

    /** Starts the work in AWS; returns what to wait on. */
    protected abstract AgentTask<WaitHandle> launchTask();

    /** Waits for the work until the handle's deadline; its result is the step's. */
    protected abstract AgentTask<?> awaitTask(WaitHandle waitingOn);

    /** Stops what {@link #launchTask()} started (abort). */
    protected abstract AgentTask<?> cancelTask(WaitHandle waitingOn);

    @Override
    public final boolean start() {
        work = THREADS.submit(() -> guarded(() -> {
            AwsSettings settings = AgentCall.settings(getContext(), functionName, options);
            handle = WaitHandle.fromJsonMap(AgentCall.run(getContext(), functionName, settings, launchTask()));
            getContext().saveState();
            await(settings);
        }));
        return false;
    }

    @Override
    public final void onResume() {
        WaitHandle waitingOn = handle;
        if (waitingOn == null) {
            getContext().onFailure(new AbortException(functionName + ": the controller restarted while the step"
                    + " was starting its work, before AWS confirmed it; check the AWS console and run the build again"));
            return;
        }
        work = THREADS.submit(() -> guarded(() -> {
            log("resuming after a controller restart: waiting for " + waitingOn.describe());
            await(AgentCall.settings(getContext(), functionName, options));
        }));
    }

    @Override
    public final void stop(Throwable cause) throws Exception {
        stopping = true;
        Future<?> running = work;
        if (running != null) {
            running.cancel(true);
        }
        WaitHandle waitingOn = handle;
        try {
            if (waitingOn != null) {
                log("stopping " + waitingOn.describe());
                AgentCall.run(getContext(), functionName, AgentCall.settings(getContext(), functionName, options),
                        cancelTask(waitingOn));
            }
        } finally {
            getContext().onFailure(cause);
        }
    }

    @Override
    public String getStatus() {
        WaitHandle waitingOn = handle;
        return waitingOn == null ? "starting" : "waiting for " + waitingOn.describe();
    }

    private void await(AwsSettings settings) throws IOException, InterruptedException {
        getContext().onSuccess(AgentCall.run(getContext(), functionName, settings, awaitTask(handle)));
    }

    private void log(String line) throws IOException, InterruptedException {
        getContext().get(TaskListener.class).getLogger().println("[" + functionName + "] " + line);
    }

    private interface Work {
        void run() throws Exception;
    }

    private void guarded(Work body) {
        try {
            body.run();
        } catch (Throwable t) {
            if (!stopping) { // stop() completes the step itself, with the abort's cause
                getContext().onFailure(t);
            }
        }
    }
}
