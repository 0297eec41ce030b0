package io.bakehouse.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import io.bakehouse.engine.aws.AwsSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The execution of a step that starts AWS work and then waits for it (minutes to hours).
 * The work is split in three agent tasks: {@link #launchTask()} starts it and returns a
 * {@link WaitHandle} (or, when there is nothing to wait for, the step's result),
 * {@link #awaitTask(WaitHandle, WaitProgress)} waits and returns the step's result,
 * {@link #cancelTask(WaitHandle)} stops it. The handle is saved in this execution, so it is
 * saved with the build; after a controller restart {@link #onResume()} waits again from AWS.
 * While it waits, the agent tells how far it got ({@link WaitProgress}: the newest stack event
 * printed, the log token read up to) right after printing it; the handle takes it in and the
 * build's state is saved with it before the agent goes on, so a resumed wait does not print the
 * log's last lines again, even after the controller was killed.
 * If the agent's connection closes while it waits (the controller shutting down, the agent
 * restarting), the step does not fail: it waits for the agent to connect again and waits on
 * from the last progress, or, when the controller is stopping, leaves that to {@link #onResume()}.
 * Credentials are never saved: they are resolved again after a restart.
 *
 * <p>What is saved is kept in plain JDK values (strings, a map of strings): the build's
 * program state is written by Pipeline's own serialiser, not by Java serialisation, and the
 * engine's records are not meant to be persisted. Subclasses follow the same rule for their
 * own saved fields.
 */
public abstract class WaitingStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    /** The longest an agent's progress report waits for the build's state to be saved. */
    static final long SAVE_TIMEOUT_SECONDS = 30;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "Bakehouse step");
        t.setDaemon(true);
        return t;
    });

    private final String functionName;
    private final String region;
    private final String roleArn;
    private final String externalId;
    private final String roleSessionName;
    private final String endpointUrl;
    private final String credentialsId;
    /** {@link WaitHandle#toJsonMap()} of what the step waits on, once AWS confirmed the start. */
    private volatile LinkedHashMap<String, Object> waitingOn;
    private transient volatile Future<?> work;
    private transient volatile boolean stopping;

    protected WaitingStepExecution(StepContext context, String functionName, AwsOptions options) {
        super(context);
        this.functionName = functionName;
        this.region = options.region();
        this.roleArn = options.roleArn();
        this.externalId = options.externalId();
        this.roleSessionName = options.roleSessionName();
        this.endpointUrl = options.endpointUrl();
        this.credentialsId = options.credentialsId();
    }

    private AwsOptions options() {
        return new AwsOptions(region, roleArn, externalId, roleSessionName, endpointUrl, credentialsId);
    }

    /** What the step waits on, or {@code null} before AWS confirmed the start. */
    private WaitHandle handle() {
        LinkedHashMap<String, Object> saved = waitingOn;
        return saved == null ? null : WaitHandle.fromJsonMap(saved);
    }

    /** Starts the work in AWS; returns what to wait on, or the step's result when nothing is left to wait for. */
    protected abstract AgentTask<?> launchTask();

    /**
     * Waits for the work until the handle's deadline; its result is the step's. It tells
     * {@code progress} how far it got, with the identifiers of {@link #progressKeys()}.
     */
    protected abstract AgentTask<?> awaitTask(WaitHandle waitingOn, WaitProgress progress);

    /** The handle's identifiers the agent may move forward while it waits. */
    protected abstract Set<String> progressKeys();

    /** Stops what {@link #launchTask()} started (abort). */
    protected abstract AgentTask<?> cancelTask(WaitHandle waitingOn);

    @Override
    public final boolean start() {
        work = THREADS.submit(() -> guarded(() -> {
            AwsSettings settings = AgentCall.settings(getContext(), functionName, options());
            Map<String, Object> launched = AgentCall.run(getContext(), functionName, settings, launchTask());
            if (!WaitHandle.isHandle(launched)) {
                getContext().onSuccess(launched);
                return;
            }
            waitOn(WaitHandle.fromJsonMap(launched));
            await(settings);
        }));
        return false;
    }

    @Override
    public final void onResume() {
        WaitHandle handle = handle();
        if (handle == null) {
            getContext().onFailure(new AbortException(functionName + ": the controller restarted while the step"
                    + " was starting its work, before AWS confirmed it; check the AWS console and run the build again"));
            return;
        }
        work = THREADS.submit(() -> guarded(() -> {
            log("resuming after a controller restart: waiting for " + handle.describe());
            awaitAgent();
            await(AgentCall.settings(getContext(), functionName, options()));
        }));
    }

    /** How long a resumed step waits for its workspace's agent to connect again. */
    static final long AGENT_RECONNECT_NANOS = 5L * 60 * 1_000_000_000L;

    /**
     * After a restart the workspace's agent may take a while to connect again (an inbound
     * agent reconnects on its own); wait for it, bounded, before giving up on the wait.
     */
    private void awaitAgent() throws InterruptedException {
        long until = System.nanoTime() + AGENT_RECONNECT_NANOS;
        boolean told = false;
        while (workspaceOrNull() == null && System.nanoTime() - until < 0) {
            if (!told) {
                tryLog("waiting up to 5 minutes for the workspace's agent to connect again");
                told = true;
            }
            Thread.sleep(1_000);
        }
    }

    /** The workspace, or {@code null} while its agent is not connected (or its old connection is closing). */
    private FilePath workspaceOrNull() throws InterruptedException {
        try {
            FilePath workspace = getContext().get(FilePath.class);
            return workspace == null || connectionClosed(workspace) ? null : workspace;
        } catch (IOException notYet) {
            return null;
        }
    }

    @Override
    public final void stop(Throwable cause) throws Exception {
        stopping = true;
        Future<?> running = work;
        if (running != null) {
            running.cancel(true);
        }
        WaitHandle handle = handle();
        try {
            if (handle != null) {
                log("stopping " + handle.describe());
                AgentCall.run(getContext(), functionName, AgentCall.settings(getContext(), functionName, options()),
                        cancelTask(handle));
            }
        } finally {
            getContext().onFailure(cause);
        }
    }

    @Override
    public String getStatus() {
        WaitHandle handle = handle();
        return handle == null ? "starting" : "waiting for " + handle.describe();
    }

    /** Keeps what AWS confirmed was started, and saves it with the build. */
    final void waitOn(WaitHandle started) {
        waitingOn = PipelineValues.of(started.toJsonMap());
        getContext().saveState();
    }

    /**
     * Waits on the agent from the handle's latest progress; when the agent's connection closes
     * in the meantime, waits for the agent to connect again and carries on from there.
     */
    private void await(AwsSettings settings) throws IOException, InterruptedException {
        while (true) {
            FilePath workspace = AgentCall.workspace(getContext(), functionName);
            Map<String, Object> result;
            try {
                WaitProgress progress = workspace.getChannel().export(WaitProgress.class, progressSaver());
                result = AgentCall.run(getContext(), functionName, settings, awaitTask(handle(), progress));
            } catch (AbortException failed) { // the wait's own outcome, in words
                throw failed;
            } catch (IOException | RuntimeException e) {
                if (stopping || !connectionClosed(workspace)) {
                    throw e;
                }
                tryLog("the connection to the workspace's agent closed; waiting on " + handle().describe()
                        + " once it is back");
                awaitAgent();
                continue;
            }
            getContext().onSuccess(result);
            return;
        }
    }

    private static boolean connectionClosed(FilePath workspace) {
        return workspace.getChannel() instanceof Channel channel && channel.isClosingOrClosed();
    }

    /** What the agent calls (through a remoting proxy) with how far its wait got. */
    final WaitProgress progressSaver() {
        return new Saver();
    }

    /**
     * Takes in the progress an agent reports and saves the build's state with it before the agent
     * goes on: the agent reports right after printing, so what the build log has and what a
     * resumed wait starts from stay together even if the controller is killed a moment later.
     */
    private final class Saver implements WaitProgress {
        @Override
        public void advanced(Map<String, String> progress) {
            synchronized (WaitingStepExecution.this) {
                WaitHandle current = handle();
                if (current == null) {
                    return;
                }
                waitingOn = PipelineValues.of(current.advancedBy(progress, progressKeys()).toJsonMap());
            }
            try {
                getContext().saveState().get(SAVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // kept in the handle all the same: the next report or an orderly shutdown saves it
            }
        }
    }

    private void log(String line) throws IOException, InterruptedException {
        getContext().get(TaskListener.class).getLogger().println("[" + functionName + "] " + line);
    }

    /** Logs when the build log is still there (it may be closing with the controller). */
    private void tryLog(String line) throws InterruptedException {
        try {
            log(line);
        } catch (IOException closing) {
            // nothing to tell it to
        }
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
