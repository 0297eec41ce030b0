package io.bakehouse.engine.ecs;

import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.concurrent.PollSchedule;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.output.Reporter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One call of {@link ServiceDeployer}, as every stage sees it: the token that stops it, when its
 * time is up, where its calls and messages go, and the timeline its report shows.
 *
 * @param timeout  how long the whole call may take
 * @param deadline the {@link System#nanoTime()} by which it is over
 */
record Rollout(CancelToken cancel, Duration timeout, long deadline, ServiceDeployer.Settings settings,
               RolloutRecord record) {

    /** A call that starts now and may take up to {@code timeout}. */
    static Rollout start(CancelToken cancel, Duration timeout, ServiceDeployer.Settings settings) {
        return new Rollout(cancel, timeout, System.nanoTime() + timeout.toNanos(), settings, new RolloutRecord());
    }

    /** Tells the reader what the step did, and puts it on the report's timeline. */
    void said(String text) {
        reporter().progress(text);
        record.step(text);
    }

    /** Warns the reader of what went wrong, and puts it on the report's timeline. */
    void warned(String text) {
        reporter().warn(text);
        record.warning(text);
    }

    EcsServiceApi api() {
        return settings.api();
    }

    Reporter reporter() {
        return settings.reporter();
    }

    PollSchedule schedule() {
        return settings.schedule();
    }

    Duration settleTimeout() {
        return settings.settleTimeout();
    }

    Consumer<RolloutState> checkpoint() {
        return settings.checkpoint();
    }

    /** The time left, never less than a nanosecond. */
    Duration left() {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1));
    }

    boolean overdue() {
        return deadline - System.nanoTime() <= 0;
    }

    /** Fails with a {@link CancelledException} when cancelled; nothing had been changed yet. */
    void checkCancelled(String service, String doing) {
        if (cancel.isCancelled()) {
            throw new CancelledException("Deployment of service " + service + " was interrupted " + doing
                    + "; nothing was changed", null);
        }
    }
}
