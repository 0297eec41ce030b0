package io.bakehouse.engine.cfn;

import io.bakehouse.engine.Durations;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Waits for a stack operation to finish, streaming its events as they happen. It polls
 * adaptively ({@link PollSchedule}: first look within a second, at most every five seconds
 * while nothing happens), rides out throttling and transient errors with backoff, and needs
 * nothing but a {@link WatchState} to start, so a wait can resume after a restart.
 */
public final class StackWatcher {

    /** Consecutive throttled or failed polls tolerated before the wait gives up. */
    static final int MAX_TRANSIENT_ERRORS = 10;
    private static final int EVENT_LIMIT = 2_000;

    private final CloudFormationApi api;
    private final Reporter reporter;
    private final PollSchedule schedule;
    private final Consumer<WatchState> checkpoint;

    public StackWatcher(CloudFormationApi api, Reporter reporter, PollSchedule schedule, Consumer<WatchState> checkpoint) {
        this.api = api;
        this.reporter = reporter;
        this.schedule = schedule;
        this.checkpoint = checkpoint == null ? s -> { } : checkpoint;
    }

    /** A watcher over the real CloudFormation; {@code checkpoint} sees every new resume point. */
    public static StackWatcher of(AwsClients clients, Reporter reporter, Consumer<WatchState> checkpoint) {
        return new StackWatcher(new SdkCloudFormationApi(clients::cloudFormation), reporter, PollSchedule.DEFAULT,
                checkpoint);
    }

    /**
     * Watches from {@code state} until the operation ends, {@code timeout} passes (a failure
     * saying so) or {@code cancel} is cancelled (an outcome with {@code cancelled} set).
     */
    public WatchOutcome resume(WatchState state, Duration timeout, CancelToken cancel) {
        return resume(state, null, timeout, cancel);
    }

    /**
     * As {@link #resume(WatchState, Duration, CancelToken)}, but the events up to and including
     * {@code shownThrough} (the newest one an earlier watch printed before a restart) are
     * collected without being printed again. That event is looked for in the first read only:
     * if it is not there, nothing is held back.
     */
    public WatchOutcome resume(WatchState state, String shownThrough, Duration timeout, CancelToken cancel) {
        String[] quiet = {shownThrough};
        long deadline = System.nanoTime() + timeout.toNanos();
        List<StackEvent> seen = new ArrayList<>();
        Duration interval = schedule.first();
        int errors = 0;
        WatchState current = state;
        while (true) {
            boolean news;
            Optional<StackState> stack;
            try {
                int before = seen.size();
                current = stream(current, seen, quiet);
                news = seen.size() > before;
                stack = api.describeStack(current.target());
                errors = 0;
            } catch (SdkException e) {
                if (!transientError(e) || ++errors > MAX_TRANSIENT_ERRORS) {
                    throw AwsErrors.translate("watching stack " + state.stackName(), e);
                }
                interval = schedule.afterError(interval);
                reporter.detail("CloudFormation " + (AwsErrors.isThrottling(e) ? "throttled" : "failed") + " a poll ("
                        + AwsErrors.code(e) + "); looking again in " + Durations.format(interval));
                sleepOrCancel(cancel, interval, deadline, state);
                continue;
            }
            if (stack.isEmpty()) {
                return new WatchOutcome(StackStatuses.DELETE_COMPLETE, null, null, seen, current, false);
            }
            StackState s = stack.get();
            if (finished(s, current)) {
                current = stream(current, seen, quiet); // events written between the two calls
                return new WatchOutcome(s.status(), s.statusReason(), s.outputs(), seen, current, false);
            }
            if (cancel.isCancelled()) {
                return new WatchOutcome(s.status(), s.statusReason(), s.outputs(), seen, current, true);
            }
            interval = news ? schedule.first() : schedule.idle(interval);
            if (sleepOrCancel(cancel, interval, deadline, state)) {
                return new WatchOutcome(s.status(), s.statusReason(), s.outputs(), seen, current, true);
            }
        }
    }

    /** Reads the events after {@code state}; prints those after {@code quiet[0]}, which it then clears. */
    private WatchState stream(WatchState state, List<StackEvent> seen, String[] quiet) {
        List<StackEvent> events = api.eventsAfter(state.target(), state.lastEventId(), EVENT_LIMIT);
        String holdBackThrough = quiet[0] != null && events.stream().anyMatch(e -> e.eventId().equals(quiet[0]))
                ? quiet[0] : null;
        quiet[0] = null;
        WatchState next = state;
        for (StackEvent e : events) {
            if (holdBackThrough == null) {
                reporter.progress(e.line());
            } else if (e.eventId().equals(holdBackThrough)) {
                holdBackThrough = null;
            }
            seen.add(e);
            next = next.seen(e.eventId());
        }
        if (next != state) {
            checkpoint.accept(next);
        }
        return next;
    }

    /** Done: nothing in progress (while a change set runs, REVIEW_IN_PROGRESS means "not started yet"). */
    private static boolean finished(StackState s, WatchState state) {
        if (StackStatuses.REVIEW_IN_PROGRESS.equals(s.status())) {
            return state.changeSetName() == null;
        }
        return !s.inProgress();
    }

    /** Sleeps; {@code true} when cancelled; a failure when the deadline has passed. */
    private boolean sleepOrCancel(CancelToken cancel, Duration interval, long deadline, WatchState state) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw BakehouseException.failure("Timed out waiting for stack " + state.stackName()
                    + "; its operation goes on in CloudFormation",
                    "raise --timeout (timeout), watch the stack in the console, or stop the update with"
                            + " `aws cloudformation cancel-update-stack --stack-name " + state.stackName() + "`");
        }
        Duration nap = interval.toNanos() < left ? interval : Duration.ofNanos(left);
        return cancel.sleep(nap, "stack " + state.stackName());
    }

    static boolean transientError(SdkException e) {
        return AwsErrors.isTransient(e);
    }
}
