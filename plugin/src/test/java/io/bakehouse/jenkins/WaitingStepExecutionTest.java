package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.remoting.RequestAbortedException;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.Reporter;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The controller's side of a long wait, without Jenkins: a step context of our own, the
 * workspace on this machine (so tasks run on Jenkins's local channel, asynchronously as on an
 * agent), Jenkins's real timer and remoting pool, and tasks the test holds at will. No
 * assertion depends on time: each waits for a latch the tasks count down, bounded only so a
 * broken build fails instead of hanging.
 */
public class WaitingStepExecutionTest {

    private static final long BOUND_SECONDS = 30;
    private static final WaitHandle HANDLE = new WaitHandle("test", Map.of("id", "w1"),
            Instant.now().plus(1, ChronoUnit.HOURS));

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    /** What the tasks of this test do; they run in this JVM (Jenkins's local channel), so they reach it. */
    private final Script script = new Script();

    private FakeContext context;

    @Before
    public void setUp() throws IOException {
        context = new FakeContext(new FilePath(temp.newFolder("ws")), script);
    }

    /** Lets every task still held go, so nothing of this test runs on into the next. */
    @After
    public void release() {
        script.finishLaunch.countDown();
        script.finishAwait.countDown();
        script.finishCancel.countDown();
        script.finishSending.countDown();
    }

    @Test
    public void start_awaitFinishes_theStepSucceedsWithTheAwaitResult_andTheStatusSaysWhatItWaitsOn() throws Exception {
        TestExecution execution = new TestExecution(context, script, WaitingStepExecution.Timing.DEFAULT);
        assertFalse(execution.start());
        await(script.awaitStarted);
        assertTrue(execution.getStatus(), execution.getStatus().startsWith("waiting for test id=w1 until "));
        assertFalse(context.outcome.isDone());
        script.finishAwait.countDown();
        assertEquals(Map.of("done", "yes"), context.result());
        assertEquals(1, context.completions.get());
    }

    @Test
    public void stop_returnsBeforeTheCancelRuns_andEndsTheStepWithTheCauseOnceTheCancelIsDone() throws Exception {
        TestExecution execution = new TestExecution(context, script, WaitingStepExecution.Timing.DEFAULT);
        execution.start();
        await(script.awaitStarted);
        Exception cause = new InterruptedException("aborted by the test");
        execution.stop(cause);
        // stop() has returned; the cancel cannot end before the test lets it.
        assertFalse(context.outcome.isDone());
        await(script.cancelStarted);
        await(script.awaitInterrupted); // the await on the agent was interrupted, and its failure ends nothing
        assertFalse(context.outcome.isDone());
        assertEquals("stopping test id=w1", execution.getStatus());
        script.finishCancel.countDown();
        assertSame(cause, context.failure());
        assertEquals(1, context.completions.get());
        String log = context.listener.text();
        assertTrue(log, log.contains("[testStep] stopping test id=w1 (in the background"));
        assertTrue(log, log.contains("[testStep] stopped test id=w1"));
        assertTrue(log, log.indexOf("stopping test id=w1") < log.indexOf("cancelled for the test"));
    }

    @Test
    public void stop_afterTheStepEnded_doesNothing() throws Exception {
        TestExecution execution = new TestExecution(context, script, WaitingStepExecution.Timing.DEFAULT);
        execution.start();
        await(script.awaitStarted);
        script.finishAwait.countDown();
        assertEquals(Map.of("done", "yes"), context.result());
        execution.stop(new InterruptedException("aborted too late"));
        assertEquals(1, context.completions.get());
        assertEquals(1, script.cancelStarted.getCount()); // no cancel was sent
        assertFalse(context.listener.text().contains("stopping"));
    }

    @Test
    public void stop_cancelFails_saysSoAndStillEndsTheStepWithTheCause() throws Exception {
        script.cancelFails = true;
        script.finishCancel.countDown();
        TestExecution execution = new TestExecution(context, script, WaitingStepExecution.Timing.DEFAULT);
        execution.start();
        await(script.awaitStarted);
        Exception cause = new InterruptedException("aborted by the test");
        execution.stop(cause);
        assertSame(cause, context.failure());
        String log = context.listener.text();
        assertTrue(log, log.contains("[testStep] could not stop test id=w1: testStep: the stack is locked"));
        assertTrue(log, log.contains("stop it in the AWS console"));
    }

    @Test
    public void stop_cancelNeverFinishes_endsTheStepOnceTheBoundPassed() throws Exception {
        TestExecution execution = new TestExecution(context, script, new WaitingStepExecution.Timing(20, 20,
                TimeUnit.MINUTES.toNanos(5), TimeUnit.MILLISECONDS.toNanos(50)));
        execution.start();
        await(script.awaitStarted);
        Exception cause = new InterruptedException("aborted by the test");
        execution.stop(cause);
        assertSame(cause, context.failure()); // finishCancel is never counted down
        await(script.cancelInterrupted); // the cancel given up on was interrupted on the agent
        String log = context.listener.text();
        assertTrue(log, log.contains("[testStep] could not stop test id=w1 within 50 ms; stop it in the AWS console"));
    }

    @Test
    public void stop_twice_endsTheStepAtOnceTheSecondTime() throws Exception {
        TestExecution execution = new TestExecution(context, script, WaitingStepExecution.Timing.DEFAULT);
        execution.start();
        await(script.awaitStarted);
        Exception cause = new InterruptedException("aborted by the test");
        execution.stop(cause);
        await(script.cancelStarted);
        Exception again = new InterruptedException("aborted again");
        execution.stop(again);
        assertSame(again, context.failure());
        script.finishCancel.countDown();
        assertEquals(1, context.completions.get());
        assertTrue(context.listener.text().contains("aborted again: ending the step now"));
    }

    @Test
    public void stop_whileTheLaunchRuns_waitsForItAndCancelsWhatItStarted() throws Exception {
        script.holdLaunch = true;
        abortWhileHeld(script.launchStarted, script.finishLaunch);
    }

    @Test
    public void stop_afterTheLaunchWasSentButBeforeItIsFollowed_cancelsWhatItStarted() throws Exception {
        script.holdAfterSending = true;
        // Sent, not yet followed: the abort finds no call to stop.
        abortWhileHeld(script.launchSentReached, script.finishSending);
    }

    /**
     * Aborts once the launch reached {@code held}, then lets it go on ({@code release}): the step
     * ends only after what the launch started was cancelled, and never starts waiting.
     */
    private void abortWhileHeld(CountDownLatch held, CountDownLatch release) throws Exception {
        TestExecution execution = new TestExecution(context, script, WaitingStepExecution.Timing.DEFAULT);
        execution.start();
        await(held);
        Exception cause = new InterruptedException("aborted by the test");
        execution.stop(cause);
        assertFalse(context.outcome.isDone());
        release.countDown();
        await(script.cancelStarted);
        script.finishCancel.countDown();
        assertSame(cause, context.failure());
        assertEquals(0, script.awaitCalls.get()); // an aborted step does not start waiting
        assertTrue(context.listener.text().contains("[testStep] stopped test id=w1"));
    }

    @Test
    public void awaitLosesTheAgent_waitsForItToConnectAgainAndWaitsOnFromAws() throws Exception {
        script.firstAwaitLosesTheAgent = true;
        TestExecution execution = new TestExecution(context, script, new WaitingStepExecution.Timing(20, 20,
                TimeUnit.MINUTES.toNanos(5), TimeUnit.MINUTES.toNanos(2)));
        context.agentGone(true); // as the connection closes, the workspace is gone with it
        execution.start(); // the launch finds the agent: it is gone right after
        await(script.reconnectAwaited);
        assertTrue(execution.getStatus(), execution.getStatus().startsWith(
                "waiting for the workspace's agent to connect again, then for test id=w1"));
        assertFalse(context.outcome.isDone());
        context.agentGone(false);
        await(script.awaitStarted);
        script.finishAwait.countDown();
        assertEquals(Map.of("done", "yes"), context.result());
        String log = context.listener.text();
        assertTrue(log, log.contains("[testStep] the connection to the agent closed while waiting for test id=w1"));
        assertTrue(log, log.contains("[testStep] waiting up to 5 minutes for the workspace's agent to connect again"));
        assertEquals(2, script.awaitCalls.get());
    }

    @Test
    public void awaitFails_theStepFailsWithTheAgentsWords() throws Exception {
        script.awaitFails = true;
        TestExecution execution = new TestExecution(context, script, WaitingStepExecution.Timing.DEFAULT);
        execution.start();
        Throwable failure = context.failure();
        assertEquals("testStep: the task exited with code 3 (its output is above)", failure.getMessage());
        assertEquals(1, context.completions.get());
    }

    @Test
    public void launchWithoutHandle_endsTheStepWithItsResult() throws Exception {
        script.nothingToWaitFor = true;
        TestExecution execution = new TestExecution(context, script, WaitingStepExecution.Timing.DEFAULT);
        execution.start();
        assertEquals(Map.of("noChanges", true), context.result());
        assertEquals(0, script.awaitCalls.get());
    }

    @Test
    public void duration_wordsForLogLines() {
        assertEquals("5 minutes", WaitingStepExecution.duration(TimeUnit.MINUTES.toNanos(5)));
        assertEquals("1 minute", WaitingStepExecution.duration(TimeUnit.MINUTES.toNanos(1)));
        assertEquals("90 seconds", WaitingStepExecution.duration(TimeUnit.SECONDS.toNanos(90)));
        assertEquals("50 ms", WaitingStepExecution.duration(TimeUnit.MILLISECONDS.toNanos(50)));
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue("the tasks never got there", latch.await(BOUND_SECONDS, TimeUnit.SECONDS));
    }

    /** What the test's tasks do, and what they tell the test. */
    static final class Script {
        volatile boolean holdLaunch;
        volatile boolean nothingToWaitFor;
        volatile boolean awaitFails;
        volatile boolean firstAwaitLosesTheAgent;
        volatile boolean cancelFails;
        volatile boolean holdAfterSending;
        final CountDownLatch launchSentReached = new CountDownLatch(1);
        final CountDownLatch finishSending = new CountDownLatch(1);
        final CountDownLatch launchStarted = new CountDownLatch(1);
        final CountDownLatch finishLaunch = new CountDownLatch(1);
        final CountDownLatch awaitStarted = new CountDownLatch(1);
        final CountDownLatch awaitInterrupted = new CountDownLatch(1);
        final CountDownLatch finishAwait = new CountDownLatch(1);
        final CountDownLatch reconnectAwaited = new CountDownLatch(1);
        final CountDownLatch cancelStarted = new CountDownLatch(1);
        final CountDownLatch cancelInterrupted = new CountDownLatch(1);
        final CountDownLatch finishCancel = new CountDownLatch(1);
        final AtomicInteger awaitCalls = new AtomicInteger();
    }

    record Launch(@SuppressWarnings("serial") Script s) implements AgentTask<JsonValue> {
        @Override
        public JsonValue run(AwsClients clients, Reporter reporter, File workspace) throws InterruptedException {
            s.launchStarted.countDown();
            if (s.holdLaunch) {
                s.finishLaunch.await();
            }
            return s.nothingToWaitFor ? () -> Map.of("noChanges", true) : HANDLE;
        }
    }

    record Await(WaitHandle handle, @SuppressWarnings("serial") WaitProgress progress,
                 @SuppressWarnings("serial") Script s) implements AgentTask<JsonValue> {
        @Override
        public JsonValue run(AwsClients clients, Reporter reporter, File workspace) throws InterruptedException {
            int call = s.awaitCalls.incrementAndGet();
            if (s.firstAwaitLosesTheAgent && call == 1) {
                throw new RequestAbortedException(new IOException("the agent's connection closed"));
            }
            if (s.awaitFails) {
                throw BakehouseException.failure("the task exited with code 3", "its output is above");
            }
            s.awaitStarted.countDown();
            try {
                s.finishAwait.await();
            } catch (InterruptedException e) {
                s.awaitInterrupted.countDown();
                throw e;
            }
            return () -> Map.of("done", "yes");
        }
    }

    record Cancel(WaitHandle handle, @SuppressWarnings("serial") Script s) implements AgentTask<JsonValue> {
        @Override
        public JsonValue run(AwsClients clients, Reporter reporter, File workspace) throws InterruptedException {
            s.cancelStarted.countDown();
            try {
                s.finishCancel.await();
            } catch (InterruptedException e) {
                s.cancelInterrupted.countDown();
                throw e;
            }
            if (s.cancelFails) {
                throw BakehouseException.failure("the stack is locked", "try again");
            }
            reporter.progress("cancelled for the test");
            return () -> Map.of("stopped", handle.describe());
        }
    }

    static final class TestExecution extends WaitingStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient Script script;
        private final transient Timing timing;

        TestExecution(StepContext context, Script script, Timing timing) {
            super(context, "testStep", new AwsOptions("us-east-1", null, null, null, "http://127.0.0.1:9", null));
            this.script = script;
            this.timing = timing;
        }

        @Override
        AwsSettings settings() {
            return new AwsOptions("us-east-1", null, null, null, "http://127.0.0.1:9", null).toSettings(null);
        }

        @Override
        Timing timing() {
            return timing;
        }

        @Override
        protected AgentTask<?> launchTask() {
            return new Launch(script);
        }

        @Override
        void launchSent() {
            if (script.holdAfterSending) {
                script.launchSentReached.countDown();
                try {
                    script.finishSending.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        protected AgentTask<?> awaitTask(WaitHandle waitingOn, WaitProgress progress) {
            return new Await(waitingOn, progress, script);
        }

        @Override
        protected Set<String> progressKeys() {
            return Set.of();
        }

        @Override
        protected AgentTask<?> cancelTask(WaitHandle waitingOn) {
            return new Cancel(waitingOn, script);
        }
    }

    /** A step context holding a log, a workspace that can go away, and the step's outcome. */
    static final class FakeContext extends StepContext {
        private static final long serialVersionUID = 1L;
        final transient RecordingListener listener = new RecordingListener();
        final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
        final transient AtomicInteger completions = new AtomicInteger();
        private final transient FilePath workspace;
        private final transient Script script;
        private transient volatile boolean agentGone;

        FakeContext(FilePath workspace, Script script) {
            this.workspace = workspace;
            this.script = script;
        }

        void agentGone(boolean gone) {
            agentGone = gone;
        }

        Object result() throws Exception {
            return outcome.get(BOUND_SECONDS, TimeUnit.SECONDS);
        }

        Throwable failure() throws Exception {
            try {
                Object result = outcome.get(BOUND_SECONDS, TimeUnit.SECONDS);
                throw new AssertionError("the step succeeded with " + result);
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }

        @Override
        public <T> T get(Class<T> key) {
            if (key == TaskListener.class) {
                return key.cast(listener);
            }
            if (key == FilePath.class) {
                if (agentGone && script.awaitCalls.get() > 0) {
                    script.reconnectAwaited.countDown();
                    return null;
                }
                return key.cast(workspace);
            }
            if (key == EnvVars.class) {
                return key.cast(new EnvVars());
            }
            return null;
        }

        @Override
        public void onSuccess(Object result) {
            completions.incrementAndGet();
            outcome.complete(result);
        }

        @Override
        public void onFailure(Throwable t) {
            completions.incrementAndGet();
            outcome.completeExceptionally(t);
        }

        @Override
        public boolean isReady() {
            return outcome.isDone();
        }

        @Override
        public ListenableFuture<Void> saveState() {
            return Futures.immediateFuture(null);
        }

        @Override
        public void setResult(Result r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BodyInvoker newBodyInvoker() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
