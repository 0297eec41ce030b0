package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.Test;

/**
 * How a waiting step keeps the progress its agent reports: every report is in the build's saved
 * state before the agent goes on, so a controller killed right after the agent printed a line
 * resumes after that line rather than printing it again.
 */
public class WaitProgressSaveTest {

    private static final WaitHandle TASK = new WaitHandle("task", Map.of("taskArn", "arn:task/1", "logStream",
            "runner/terraform/1"), Instant.parse("2030-01-01T00:00:00Z"));

    /** A step context that records the execution's status each time the build's state is saved. */
    private static final class SavingContext extends StepContext {
        private static final long serialVersionUID = 1L;
        final transient List<String> saved = new ArrayList<>();
        transient WaitingStepExecution execution;
        transient int waitedFor;
        transient boolean failSaves;

        @Override
        public ListenableFuture<Void> saveState() {
            saved.add(execution.getStatus());
            return new Save();
        }

        /** A save already over; counts the callers that wait for it. */
        private final class Save implements ListenableFuture<Void> {
            @Override
            public void addListener(Runnable listener, Executor executor) {
                executor.execute(listener);
            }

            @Override
            public boolean cancel(boolean mayInterrupt) {
                return false;
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public boolean isDone() {
                return true;
            }

            @Override
            public Void get() throws ExecutionException {
                return get(0, TimeUnit.SECONDS);
            }

            @Override
            public Void get(long timeout, TimeUnit unit) throws ExecutionException {
                waitedFor++;
                if (failSaves) {
                    throw new ExecutionException(new java.io.IOException("disk full"));
                }
                return null;
            }
        }

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public void onSuccess(Object result) {
            throw new AssertionError("not expected");
        }

        @Override
        public void onFailure(Throwable t) {
            throw new AssertionError("not expected", t);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setResult(Result r) {
            throw new AssertionError("not expected");
        }

        @Override
        public BodyInvoker newBodyInvoker() {
            throw new IllegalStateException("no body");
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

    private static final class Waiting extends WaitingStepExecution {
        private static final long serialVersionUID = 1L;

        Waiting(StepContext context) {
            super(context, "testStep", new AwsOptions("us-east-1", null, null, null, null, null));
        }

        @Override
        protected AgentTask<?> launchTask() {
            throw new AssertionError("not expected");
        }

        @Override
        protected AgentTask<?> awaitTask(WaitHandle waitingOn, WaitProgress progress) {
            throw new AssertionError("not expected");
        }

        @Override
        protected Set<String> progressKeys() {
            return Set.of("nextToken");
        }

        @Override
        protected AgentTask<?> cancelTask(WaitHandle waitingOn) {
            throw new AssertionError("not expected");
        }
    }

    private final SavingContext context = new SavingContext();
    private final Waiting execution = new Waiting(context);

    {
        context.execution = execution;
    }

    private static String status(String nextToken) {
        return "waiting for task logStream=runner/terraform/1" + (nextToken == null ? "" : " nextToken=" + nextToken)
                + " taskArn=arn:task/1";
    }

    @Test
    public void waitOn_savesTheHandleWithTheBuild() {
        execution.waitOn(TASK);

        assertEquals(List.of(status(null)), context.saved);
    }

    @Test
    public void progress_everyReportIsSavedBeforeTheAgentGoesOn_evenInQuickSuccession() {
        execution.waitOn(TASK);
        WaitProgress saver = execution.progressSaver();

        saver.advanced(Map.of("nextToken", "f/1"));
        saver.advanced(Map.of("nextToken", "f/2"));
        saver.advanced(Map.of("nextToken", "f/3"));

        assertEquals(List.of(status(null), status("f/1"), status("f/2"), status("f/3")), context.saved);
        assertEquals(3, context.waitedFor);
    }

    @Test
    public void progress_saveFails_keepsTheProgressAndLetsTheAgentGoOn() {
        execution.waitOn(TASK);
        context.failSaves = true;

        execution.progressSaver().advanced(Map.of("nextToken", "f/9"));

        assertEquals(status("f/9"), execution.getStatus());
        assertEquals(1, context.waitedFor);
    }

    @Test
    public void progress_beforeAwsConfirmedTheStart_isIgnoredAndSavesNothing() {
        execution.progressSaver().advanced(Map.of("nextToken", "f/1"));

        assertEquals("starting", execution.getStatus());
        assertTrue(context.saved.isEmpty());
    }

    @Test
    public void progress_anIdentifierTheStepDoesNotMoveForward_isRefusedAndNotSaved() {
        execution.waitOn(TASK);
        WaitProgress saver = execution.progressSaver();

        assertThrows(IllegalArgumentException.class, () -> saver.advanced(Map.of("taskArn", "arn:task/other")));

        assertEquals(List.of(status(null)), context.saved);
        assertEquals(status(null), execution.getStatus());
    }
}
