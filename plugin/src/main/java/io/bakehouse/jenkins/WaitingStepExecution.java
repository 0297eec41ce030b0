package io.bakehouse.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import io.bakehouse.engine.aws.AwsSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
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
 * printed, the log token read up to); the handle takes it in, and the build's state is saved
 * with it before the agent goes on (bounded by {@link #SAVE_TIMEOUT_SECONDS}), so a controller
 * stopped or killed mid-wait resumes after the last line it printed instead of printing it again.
 * Credentials are never saved: they are resolved again after a restart.
 *
 * <p>No controller thread waits on the agent. Every task is sent with
 * {@link FilePath#actAsync}; a check on Jenkins's {@link Timer} looks every
 * {@link #CHECK_EVERY_MILLIS} whether it finished ({@link Poll}), and what follows (the next
 * task, the step's completion) runs on {@link Computer#threadPoolForRemoting}, where Jenkins
 * runs work that talks to agents. {@link #stop} only hands the abort to that pool and returns,
 * so it never holds the CPS VM thread (which every branch of the build shares); the step ends,
 * with the abort's cause, once the cancel task has finished or {@link #CANCEL_NANOS} passed.
 * If the agent's connection closes while the step waits, it waits for the agent to connect
 * again ({@link #AGENT_RECONNECT_NANOS}, as after a restart) and then waits on from AWS.
 *
 * <p>What is saved is kept in plain JDK values (strings, a map of strings): the build's
 * program state is written by Pipeline's own serialiser, not by Java serialisation, and the
 * engine's records are not meant to be persisted. Subclasses follow the same rule for their
 * own saved fields.
 */
public abstract class WaitingStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(WaitingStepExecution.class.getName());

    /** How long a progress report waits for the build's state to be saved before the agent goes on. */
    static final long SAVE_TIMEOUT_SECONDS = 30;

    /** How often Jenkins's timer looks whether an agent call has finished. */
    static final long CHECK_EVERY_MILLIS = 500;

    /** How long a step waits for its workspace's agent to connect again (after a restart, or a lost connection). */
    static final long AGENT_RECONNECT_NANOS = TimeUnit.MINUTES.toNanos(5);

    /** How often it looks whether the agent is back meanwhile. */
    static final long AGENT_CHECK_MILLIS = 5_000;

    /** How long an abort waits for the cancel task (and for a launch in flight to say what it started). */
    static final long CANCEL_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final String functionName;
    private final String region;
    private final String roleArn;
    private final String externalId;
    private final String roleSessionName;
    private final String endpointUrl;
    private final String credentialsId;
    /** {@link WaitHandle#toJsonMap()} of what the step waits on, once AWS confirmed the start. */
    private volatile LinkedHashMap<String, Object> waitingOn;
    /** The agent call in flight: the launch or the await. */
    private transient volatile Future<AgentOutcome> call;
    /** What looks at it (or for the agent to come back). */
    private transient volatile Poll poll;
    /** What the step does now, for {@link #getStatus()}. */
    private transient volatile String doing;
    private transient boolean stopping;
    private transient boolean completed;
    /** Set once {@link #start()} has sent its launch (and followed it) or given up before sending it. */
    private transient volatile boolean launchSettled;

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

    /** The engine settings for the tasks: defaults and credentials resolved now (never saved). */
    AwsSettings settings() throws IOException, InterruptedException {
        return AgentCall.settings(getContext(), functionName, options());
    }

    /** How long the step waits for what, and how often it looks; tests shorten them. */
    record Timing(long checkMillis, long agentCheckMillis, long agentReconnectNanos, long cancelNanos) {
        static final Timing DEFAULT = new Timing(CHECK_EVERY_MILLIS, AGENT_CHECK_MILLIS, AGENT_RECONNECT_NANOS,
                CANCEL_NANOS);
    }

    Timing timing() {
        return Timing.DEFAULT;
    }

    /** Where short checks are scheduled: Jenkins's timer. */
    ScheduledExecutorService timer() {
        return Timer.get();
    }

    /** Where work that talks to the agent runs: Jenkins's pool for remoting. */
    Executor remoting() {
        return Computer.threadPoolForRemoting;
    }

    @Override
    public final boolean start() {
        doing = "starting the work";
        background(() -> {
            try {
                AwsSettings settings = settings();
                String what = "starting the work on " + agentName() + " (" + functionName
                        + " waits for AWS to confirm it)";
                if (isStopping()) {
                    return; // aborted before anything was started
                }
                doing = what;
                Future<AgentOutcome> launch = AgentCall.start(getContext(), functionName, settings, launchTask());
                launchSent();
                follow(launch, what, late -> launched(settings, launch));
            } finally {
                launchSettled = true;
            }
        });
        return false;
    }

    @Override
    public final void onResume() {
        WaitHandle handle = handle();
        if (handle == null) {
            fail(new AbortException(functionName + ": the controller restarted while the step"
                    + " was starting its work, before AWS confirmed it; check the AWS console and run the build again"));
            return;
        }
        background(() -> {
            log("resuming after a controller restart: waiting for " + handle.describe());
            awaitWhenConnected(handle);
        });
    }

    /** The launch is over: wait on what it started, or end the step with its result. */
    private void launched(AwsSettings settings, Future<AgentOutcome> launch) throws Exception {
        Map<String, Object> launched = AgentCall.result(launch);
        if (!WaitHandle.isHandle(launched)) {
            succeed(launched);
            return;
        }
        WaitHandle started = WaitHandle.fromJsonMap(launched);
        if (waitOn(started)) {
            await(settings, started);
        }
    }

    /**
     * Records what the step waits on and saves it with the build. Returns {@code false} when an
     * abort has begun: its own follow-up of the launch cancels what was started.
     */
    boolean waitOn(WaitHandle started) {
        synchronized (this) {
            waitingOn = PipelineValues.of(started.toJsonMap());
            if (stopping) {
                return false;
            }
        }
        getContext().saveState();
        return true;
    }

    /** The newest state of the wait: {@code fallback} moved forward by whatever the agent reported since. */
    private WaitHandle latest(WaitHandle fallback) {
        WaitHandle current = handle();
        return current == null ? fallback : current;
    }

    /** Sends the await task to the agent and follows it. */
    private void await(AwsSettings settings, WaitHandle handle) throws IOException, InterruptedException {
        FilePath workspace = AgentCall.workspace(getContext(), functionName);
        WaitProgress progress = workspace.getChannel().export(WaitProgress.class, new Saver());
        String what = "waiting for " + handle.describe() + " until " + handle.deadline() + " (the wait runs on "
                + agentName() + ")";
        doing = what;
        Future<AgentOutcome> waiting = AgentCall.start(getContext(), functionName, settings, awaitTask(handle, progress));
        follow(waiting, what, late -> awaited(handle, waiting));
    }

    /** The await is over: its result is the step's, unless the agent's connection closed under it. */
    private void awaited(WaitHandle handle, Future<AgentOutcome> waiting) throws Exception {
        try {
            succeed(AgentCall.result(waiting));
        } catch (Exception e) {
            if (!AgentCall.agentGone(e) || isStopping()) {
                throw e;
            }
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            if (jenkins != null && jenkins.isTerminating()) {
                // The controller is shutting down; the build resumes from the saved handle after the restart.
                LOGGER.log(Level.FINE, "leaving " + handle.describe() + " to be waited for after the restart", e);
                return;
            }
            log("the connection to the agent closed while waiting for " + handle.describe() + " (" + e.getMessage()
                    + "); the work goes on in AWS");
            awaitWhenConnected(latest(handle));
        }
    }

    /**
     * Waits (bounded, without holding a thread) for the workspace's agent to be connected, then
     * waits for the work again from AWS. An inbound agent reconnects on its own, e.g. after a
     * controller restart.
     */
    private void awaitWhenConnected(WaitHandle handle) throws IOException, InterruptedException {
        String what = "waiting for the workspace's agent to connect again, then for " + handle.describe();
        doing = what;
        if (workspaceOrNull() != null) {
            await(settings(), latest(handle));
            return;
        }
        log("waiting up to " + duration(timing().agentReconnectNanos())
                + " for the workspace's agent to connect again");
        poll(() -> workspaceOrNull() != null, timing().agentCheckMillis(), timing().agentReconnectNanos(), what,
                late -> await(settings(), latest(handle))); // late: await says clearly that the agent is not there
    }

    /** The workspace, or {@code null} while its agent is not connected (or its connection is closing). */
    private FilePath workspaceOrNull() {
        try {
            FilePath workspace = getContext().get(FilePath.class);
            return workspace == null || workspace.getChannel() instanceof Channel channel
                    && channel.isClosingOrClosed() ? null : workspace;
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Aborts the step without waiting: the cancel is handed to Jenkins's remoting pool and
     * this returns at once, since it runs on the CPS VM thread, which every branch of the build
     * shares. The step ends with {@code cause} once the cancel task has finished (or could not
     * be done within {@link #CANCEL_NANOS}, which the build log says). A second abort ends the
     * step at once and leaves the cancel to finish on its own; an abort after the step ended
     * does nothing.
     */
    @Override
    public final void stop(Throwable cause) {
        boolean again;
        synchronized (this) {
            if (completed) { // the work ended just before the abort: nothing left to stop
                return;
            }
            again = stopping;
            stopping = true;
        }
        if (again) {
            logQuietly("aborted again: ending the step now; the cancel sent before goes on");
            fail(cause);
            return;
        }
        WaitHandle handle = handle();
        doing = "stopping " + (handle == null ? "the work being started" : handle.describe());
        logQuietly(doing + " (in the background; the step ends once the cancel is done)");
        try {
            remoting().execute(() -> stopInBackground(cause));
        } catch (RejectedExecutionException shuttingDown) {
            fail(cause);
        }
    }

    private void stopInBackground(Throwable cause) {
        try {
            Poll following;
            Future<AgentOutcome> running;
            WaitHandle handle;
            synchronized (this) {
                following = poll;
                running = call;
                handle = handle();
            }
            if (following != null) {
                following.cancel();
            }
            if (handle == null && running == null) {
                // The launch is being sent: once it is followed (or was never sent), stop what it started.
                pollForStop(() -> launchSettled, timing().cancelNanos(), doing, late -> {
                    Future<AgentOutcome> launch = runningCall();
                    if (launch == null) {
                        if (late) {
                            logQuietly("the start of the work was not sent within " + duration(timing().cancelNanos())
                                    + "; check the AWS console for what it may have started");
                        }
                        fail(cause);
                    } else {
                        stopLaunch(launch, cause);
                    }
                });
                return;
            }
            if (handle == null && running != null && !running.isCancelled()) {
                stopLaunch(running, cause);
                return;
            }
            if (running != null) {
                running.cancel(true); // interrupts the await on the agent, which leaves the work alone
            }
            if (handle == null) {
                fail(cause);
            } else {
                cancel(handle, cause);
            }
        } catch (Throwable t) {
            logQuietly("could not stop the work: " + t.getMessage() + "; check the AWS console");
            fail(cause);
        }
    }

    /** The launch is in flight: lets it say what it started (bounded), then stops that, and ends the step. */
    private void stopLaunch(Future<AgentOutcome> running, Throwable cause) {
        pollForStop(running::isDone, timing().cancelNanos(), doing, late -> {
            if (late) {
                running.cancel(true);
                logQuietly("the start of the work did not finish within " + duration(timing().cancelNanos())
                        + "; interrupted it. Check the AWS console for what it may have started");
                fail(cause);
                return;
            }
            WaitHandle started = launchedHandle(running);
            if (started == null) {
                fail(cause);
            } else {
                cancel(started, cause);
            }
        });
    }

    private synchronized Future<AgentOutcome> runningCall() {
        return call;
    }

    /** Called between sending the launch and following it; tests hold it there. */
    void launchSent() {
    }

    /** What a launch that finished during an abort started, or {@code null} if it failed or had nothing to wait on. */
    private WaitHandle launchedHandle(Future<AgentOutcome> launch) {
        try {
            Map<String, Object> launched = AgentCall.result(launch);
            if (!WaitHandle.isHandle(launched)) {
                return null;
            }
            WaitHandle started = WaitHandle.fromJsonMap(launched);
            waitingOn = PipelineValues.of(started.toJsonMap());
            return started;
        } catch (Exception failed) {
            return null;
        }
    }

    /** Sends the cancel task and ends the step with {@code cause} once it is done (bounded). */
    private void cancel(WaitHandle handle, Throwable cause) {
        Future<AgentOutcome> cancelling;
        try {
            cancelling = AgentCall.start(getContext(), functionName, settings(), cancelTask(handle));
        } catch (Exception e) {
            logQuietly("could not stop " + handle.describe() + ": " + e.getMessage() + "; stop it in the AWS console");
            fail(cause);
            return;
        }
        pollForStop(cancelling::isDone, timing().cancelNanos(), "stopping " + handle.describe(), late -> {
            if (late) {
                cancelling.cancel(true);
                logQuietly("could not stop " + handle.describe() + " within " + duration(timing().cancelNanos())
                        + "; stop it in the AWS console");
            } else {
                try {
                    AgentCall.result(cancelling);
                    logQuietly("stopped " + handle.describe());
                } catch (Exception e) {
                    logQuietly("could not stop " + handle.describe() + ": " + e.getMessage()
                            + "; stop it in the AWS console");
                }
            }
            fail(cause);
        });
    }

    @Override
    public String getStatus() {
        String now = doing;
        if (now != null) {
            return now;
        }
        WaitHandle handle = handle();
        return handle == null ? "starting" : "waiting for " + handle.describe();
    }

    /** Follows an agent call until it is done, then runs {@code then}; unless the step is being stopped. */
    private void follow(Future<AgentOutcome> running, String what, Next then) {
        synchronized (this) {
            if (!stopping) {
                call = running;
                poll(running::isDone, timing().checkMillis(), 0, what, then);
                return;
            }
            if (call == null && waitingOn == null) {
                call = running; // the launch, sent as the abort began: the abort stops what it starts
                return;
            }
        }
        running.cancel(true); // an await sent as the abort began: the abort cancels the work itself
    }

    /** What follows a poll; failing it fails the step (unless it is being stopped). */
    private interface Next {
        void run(boolean late) throws Exception;
    }

    /** Runs {@code then} once {@code ready} holds (or {@code withinNanos} passed); its failure fails the step. */
    private void poll(BooleanSupplier ready, long periodMillis, long withinNanos, String what, Next then) {
        keep(Poll.until(ready, periodMillis, withinNanos, timer(), remoting(), late -> guarded(() -> then.run(late))),
                what);
    }

    /** The same for the abort's own follow-ups, which handle their failures themselves and run while stopping. */
    private void pollForStop(BooleanSupplier ready, long withinNanos, String what, Poll.Then then) {
        keep(Poll.until(ready, timing().checkMillis(), withinNanos, timer(), remoting(), then), what);
    }

    private synchronized void keep(Poll next, String what) {
        doing = what;
        poll = next;
    }

    private String agentName() {
        try {
            Computer computer = getContext().get(Computer.class);
            if (computer != null && !computer.getName().isEmpty()) {
                return "agent " + computer.getName();
            }
        } catch (IOException | InterruptedException | RuntimeException unknown) {
            // named below
        }
        return "the workspace's agent";
    }

    /** What the agent calls (through a remoting proxy) with how far its wait got. */
    final WaitProgress progressSaver() {
        return new Saver();
    }

    /**
     * Takes in the progress an agent reports and saves the build's state with it before the
     * agent goes on: the agent reports right after printing, so once it prints more, the
     * checkpoint of what it printed before is on disk. A save that fails or takes longer than
     * {@link #SAVE_TIMEOUT_SECONDS} does not stop the wait; the progress stays in the handle and
     * the next report (or an orderly shutdown) saves it.
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
                LOGGER.log(Level.FINE, functionName + ": the wait's progress was not saved yet", e);
            }
        }
    }

    private void log(String line) throws IOException, InterruptedException {
        getContext().get(TaskListener.class).getLogger().println("[" + functionName + "] " + line);
    }

    /** Logs, for paths that must go on whatever happens to the log. */
    private void logQuietly(String line) {
        try {
            log(line);
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, functionName + ": could not write to the build log: " + line, e);
        }
    }

    /** e.g. {@code 5 minutes}, {@code 2 seconds}. */
    static String duration(long nanos) {
        long minutes = TimeUnit.NANOSECONDS.toMinutes(nanos);
        if (minutes > 0 && TimeUnit.MINUTES.toNanos(minutes) == nanos) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        return millis % 1000 == 0 ? millis / 1000 + " seconds" : millis + " ms";
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private void succeed(Map<String, Object> result) {
        if (complete()) {
            getContext().onSuccess(result);
        }
    }

    private void fail(Throwable failure) {
        if (complete()) {
            getContext().onFailure(failure);
        }
    }

    /** Whether this call is the one that completes the step (only the first does). */
    private boolean complete() {
        Poll following;
        synchronized (this) {
            if (completed) {
                return false;
            }
            completed = true;
            following = poll;
            doing = "done";
        }
        if (following != null) {
            following.cancel();
        }
        return true;
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code body} on Jenkins's remoting pool, failing the step if it throws. */
    private void background(Work body) {
        try {
            remoting().execute(() -> guarded(body));
        } catch (RejectedExecutionException shuttingDown) {
            LOGGER.log(Level.FINE, functionName + ": Jenkins is shutting down; the step resumes after the restart",
                    shuttingDown);
        }
    }

    private void guarded(Work body) {
        try {
            body.run();
        } catch (Throwable t) {
            if (!isStopping()) { // stop() completes the step itself, with the abort's cause
                fail(t);
            }
        }
    }
}
